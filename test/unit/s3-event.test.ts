import { describe, expect, it } from 'vitest';
import event from '../../events/s3-object-created.json' with { type: 'json' };
import type { S3Event } from 'aws-lambda';
import { decodeS3Key, parseUploadKey, uploadedObjects } from '../../functions/shared/s3-event.ts';

describe('S3 events', () => {
  it('decode keys the way S3 encodes them (+ for space, %2B for plus)', () => {
    expect(decodeS3Key('photos/a/1/ma+photo%2B1+%C3%A9t%C3%A9.jpg')).toBe('photos/a/1/ma photo+1 été.jpg');
  });

  it('read the sample event of events/', () => {
    const [object] = uploadedObjects(event as unknown as S3Event);
    expect(object!.key).toMatch(/ /);
    expect(object!.key).toMatch(/\+/);
    expect(object!.key).toMatch(/é/);
    expect(object!.sequencer).toHaveLength(32);
  });

  it('parse only the keys the API issues', () => {
    const id = '3f0c6d1e-8a41-4c1b-9d7e-2b5f6a7c8d9e';
    const upload = '0190a1b2c3d4e5f60718293a4b5c6d7e';
    expect(parseUploadKey(`photos/${id}/2/${upload}.jpg`)).toEqual({
      kind: 'photo',
      applicationId: id,
      slot: 2,
      uploadId: upload,
    });
    expect(parseUploadKey(`releases/${id}/${upload}.pdf`)).toEqual({
      kind: 'release',
      applicationId: id,
      uploadId: upload,
    });
    expect(parseUploadKey(`photos/${id}/5/${upload}.jpg`)).toBeUndefined();
    expect(parseUploadKey(`photos/../${id}/1/${upload}.jpg`)).toBeUndefined();
  });
});

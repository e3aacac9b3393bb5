import type { S3Event, S3EventRecord } from 'aws-lambda';

/** S3 sends keys URL-encoded with '+' for spaces. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

export interface UploadedObject {
  bucket: string;
  key: string;
  size: number;
  eventTime: string;
  /** Hex, only comparable between events of the same key; padded so that string order is numeric order. */
  sequencer: string;
  versionId?: string;
}

export function uploadedObjects(event: S3Event): UploadedObject[] {
  return (event.Records ?? [])
    .filter((r: S3EventRecord) => r.eventName?.startsWith('ObjectCreated'))
    .map((r) => ({
      bucket: r.s3.bucket.name,
      key: decodeS3Key(r.s3.object.key),
      size: r.s3.object.size,
      eventTime: r.eventTime,
      sequencer: (r.s3.object.sequencer ?? '').padStart(32, '0'),
      versionId: r.s3.object.versionId ?? undefined,
    }));
}

/** `photos/<applicationId>/<slot>/<uploadId>.<ext>` or `releases/<applicationId>/<uploadId>.<ext>`, as the API issues them. */
export function parseUploadKey(
  key: string,
):
  | { kind: 'photo'; applicationId: string; slot: number; uploadId: string }
  | { kind: 'release'; applicationId: string; uploadId: string }
  | undefined {
  const photo = /^photos\/([0-9a-f-]{36})\/([1-4])\/([0-9a-f]{32})\.[a-z]+$/.exec(key);
  if (photo) return { kind: 'photo', applicationId: photo[1]!, slot: Number(photo[2]), uploadId: photo[3]! };
  const release = /^releases\/([0-9a-f-]{36})\/([0-9a-f]{32})\.[a-z]+$/.exec(key);
  if (release) return { kind: 'release', applicationId: release[1]!, uploadId: release[2]! };
  return undefined;
}

/**
 * The correlation ids of an uploaded object's log lines (functions/shared/log.ts): its file's id
 * from the key, or the bucket and key when the key is not one the API issues. Keys hold ids only.
 */
export function uploadCorrelation(object: Pick<UploadedObject, 'bucket' | 'key'>): Record<string, string> {
  const target = parseUploadKey(object.key);
  return target
    ? { correlation_id: target.applicationId, applicationId: target.applicationId }
    : { correlation_id: `${object.bucket}/${object.key}` };
}

/** The correlation ids of an S3 event (one record per event as S3 sends them: the first one's). */
export function s3EventCorrelation(event: S3Event): Record<string, string> {
  const [first] = uploadedObjects(event);
  return first ? uploadCorrelation(first) : {};
}

import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { UploadedObject } from '../shared/s3-event.ts';

/** The uploaded object's bytes (the version the event names) and its user metadata. */
export async function readUploadedObject(
  s3: S3Client,
  object: UploadedObject,
): Promise<{ body: Buffer; metadata: Record<string, string> }> {
  const res = await s3.send(
    new GetObjectCommand({ Bucket: object.bucket, Key: object.key, VersionId: object.versionId }),
  );
  const bytes = await res.Body!.transformToByteArray();
  // A view of the SDK's array, not a copy: photos weigh up to 20 MB.
  return { body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), metadata: res.Metadata ?? {} };
}

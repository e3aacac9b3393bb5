import type * as s3 from 'aws-cdk-lib/aws-s3';
import { EXPORTS_PREFIX, RECEIPTS_PREFIX } from '../../functions/domain/bucket-prefixes.ts';
import type { AppFunction } from './app-function.ts';
import { MEDIA_PREFIX, PROOFS_PREFIX, UPLOAD_PREFIXES } from './storage.ts';

/**
 * What erasing a file in S3 takes (functions/adapters/file-objects.ts): listing and deleting every
 * version of its uploads (DeleteObjects with a VersionId checks both delete actions per key) under
 * the prefixes the server keys them by, and listing and deleting its media. Granted to the public API
 * (a draft or test file), the console API (right to erasure) and the purge.
 */
export function allowFileErasure(fn: AppFunction, buckets: { uploads: s3.IBucket; media: s3.IBucket }): void {
  fn.allow(['s3:ListBucketVersions'], [buckets.uploads.bucketArn]);
  fn.allow(
    ['s3:DeleteObject', 's3:DeleteObjectVersion'],
    [UPLOAD_PREFIXES.photos, UPLOAD_PREFIXES.releases, PROOFS_PREFIX, EXPORTS_PREFIX, RECEIPTS_PREFIX].map((prefix) =>
      buckets.uploads.arnForObjects(`${prefix}*`),
    ),
    'A file is erased under the prefixes of its uploads only (<prefix><applicationId>/…), keys chosen by the server.',
  );
  fn.listObjects(buckets.media);
  fn.deleteObjects(buckets.media, MEDIA_PREFIX);
}

import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  type ObjectIdentifier,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { EXPORTS_PREFIX, RECEIPTS_PREFIX } from '../domain/bucket-prefixes.ts';

/** Where a file's objects live (functions/api/upload-routes.ts, functions/adapters/media-bucket.ts). */
export const fileUploadPrefixes = (applicationId: string) => [
  `photos/${applicationId}/`,
  `releases/${applicationId}/`,
  `proofs/${applicationId}/`,
];
export const fileMediaPrefix = (applicationId: string) => `media/${applicationId}/`;

/** A current object of a bucket: its key and its size. */
export interface StoredObject {
  key: string;
  bytes: number;
}

/** DeleteObjects takes at most 1000 keys per request. */
const DELETE_BATCH = 1000;
const APPLICATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The id makes the prefixes: anything else (an empty string) could reach other files' objects. */
function checkId(applicationId: string): void {
  if (!APPLICATION_ID.test(applicationId))
    throw new Error(`FileObjects: unexpected application id ${JSON.stringify(applicationId)}`);
}

/** Splits a list into DeleteObjects-sized batches (exported for the unit tests). */
export function deleteBatches<T>(items: T[], size = DELETE_BATCH): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

/**
 * The S3 objects of one application file: its uploads (photos, release scans, proofs of online
 * signatures) in the versioned uploads bucket, and its processed photos in the media bucket.
 */
export class FileObjects {
  constructor(
    private readonly s3: S3Client,
    private readonly uploadsBucket: string,
    private readonly mediaBucket: string,
  ) {}

  /**
   * Erases everything the file has in S3: every version and delete marker of its uploads (a plain
   * delete would only hide them behind a marker) and its media. Returns how many were deleted.
   */
  async eraseAll(applicationId: string): Promise<{ uploads: number; media: number }> {
    const uploads = await this.eraseUploads(applicationId);
    const media = await this.eraseMedia(applicationId);
    return { uploads, media };
  }

  /** Every version and delete marker of the file's uploads (photos, release scans, proofs, exports, emailed summaries). */
  async eraseUploads(applicationId: string): Promise<number> {
    checkId(applicationId);
    const prefixes = [
      ...fileUploadPrefixes(applicationId),
      `${EXPORTS_PREFIX}${applicationId}/`,
      `${RECEIPTS_PREFIX}${applicationId}/`,
    ];
    const versions = (await Promise.all(prefixes.map((prefix) => this.versionsUnder(prefix)))).flat();
    await this.delete(this.uploadsBucket, versions);
    return versions.length;
  }

  /** The file's processed photos, except the keys to keep (a published initiative's photos, for the purge). */
  async eraseMedia(applicationId: string, keep: ReadonlySet<string> = new Set()): Promise<number> {
    checkId(applicationId);
    const media = (await this.mediaUnder(fileMediaPrefix(applicationId))).filter((o) => !keep.has(o.Key!));
    await this.delete(this.mediaBucket, media);
    return media.length;
  }

  /** The one version an S3 event named: an upload that reached an erased file (signed before its erasure). */
  async deleteUploadVersion(key: string, versionId: string | undefined): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.uploadsBucket, Key: key, VersionId: versionId }));
  }

  /** The current objects of the file's uploads (key, bytes), for its export. */
  async currentUploads(applicationId: string): Promise<StoredObject[]> {
    checkId(applicationId);
    const found: StoredObject[] = [];
    for (const prefix of fileUploadPrefixes(applicationId)) found.push(...(await this.uploadsUnder(prefix)));
    return found;
  }

  /** The current objects of the file's photo uploads (key, bytes): its originals, and replaced ones. */
  async photoUploads(applicationId: string): Promise<StoredObject[]> {
    checkId(applicationId);
    return this.uploadsUnder(fileUploadPrefixes(applicationId)[0]!);
  }

  async readUpload(key: string): Promise<Uint8Array> {
    const res = await this.s3.send(new GetObjectCommand({ Bucket: this.uploadsBucket, Key: key }));
    return res.Body!.transformToByteArray();
  }

  /**
   * Writes a file's export under `exports/<id>/` (expired by lifecycle, erased with the file) and
   * returns a short-lived link to it.
   */
  async writeExport(applicationId: string, name: string, body: Uint8Array, expiresIn: number): Promise<string> {
    checkId(applicationId);
    return this.writeZip(`${EXPORTS_PREFIX}${applicationId}/${name}`, name, body, expiresIn);
  }

  /**
   * Writes an export of several files under `exports/selections/` (no file's folder: expired by
   * lifecycle after a day) and returns a short-lived link to it.
   */
  async writeSelectionExport(name: string, body: Uint8Array, expiresIn: number): Promise<string> {
    return this.writeZip(`${EXPORTS_PREFIX}selections/${name}`, name, body, expiresIn);
  }

  private async writeZip(key: string, name: string, body: Uint8Array, expiresIn: number): Promise<string> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.uploadsBucket, Key: key, Body: body, ContentType: 'application/zip' }),
    );
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.uploadsBucket,
        Key: key,
        ResponseContentDisposition: `attachment; filename="${name}"`,
      }),
      { expiresIn },
    );
  }

  private async uploadsUnder(prefix: string): Promise<StoredObject[]> {
    const found: StoredObject[] = [];
    for await (const page of paginateListObjectsV2(
      { client: this.s3 },
      { Bucket: this.uploadsBucket, Prefix: prefix },
    )) {
      for (const o of page.Contents ?? []) found.push({ key: o.Key!, bytes: o.Size ?? 0 });
    }
    return found;
  }

  /** Every version and delete marker under the prefix (ListObjectVersions, s3:ListBucketVersions). */
  private async versionsUnder(prefix: string): Promise<ObjectIdentifier[]> {
    const found: ObjectIdentifier[] = [];
    // The SDK has no paginator for this one: its pages chain on two markers.
    let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
    for (;;) {
      const page = await this.s3.send(
        new ListObjectVersionsCommand({ Bucket: this.uploadsBucket, Prefix: prefix, ...markers }),
      );
      for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])])
        found.push({ Key: v.Key!, VersionId: v.VersionId });
      if (!page.IsTruncated) return found;
      markers = { KeyMarker: page.NextKeyMarker, VersionIdMarker: page.NextVersionIdMarker };
    }
  }

  /** The media bucket is not versioned: its current objects are all there is (ListObjectsV2, s3:ListBucket). */
  private async mediaUnder(prefix: string): Promise<ObjectIdentifier[]> {
    const found: ObjectIdentifier[] = [];
    for await (const page of paginateListObjectsV2({ client: this.s3 }, { Bucket: this.mediaBucket, Prefix: prefix })) {
      for (const o of page.Contents ?? []) found.push({ Key: o.Key! });
    }
    return found;
  }

  /** DeleteObjects answers 200 even when some keys failed: those are in `Errors`, and fail the erase. */
  private async delete(bucket: string, objects: ObjectIdentifier[]): Promise<void> {
    for (const batch of deleteBatches(objects)) {
      const res = await this.s3.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch, Quiet: true } }),
      );
      if (res.Errors?.length) {
        const first = res.Errors[0]!;
        throw new Error(
          `DeleteObjects ${bucket}: ${res.Errors.length} failed, first ${first.Key} ${first.VersionId ?? ''} ${first.Code}: ${first.Message}`,
        );
      }
    }
  }
}

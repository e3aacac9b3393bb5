import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { VariantRecord } from './application-store.ts';

/** A processed photo, ready to store. */
export interface Variant {
  width: number;
  height: number;
  format: 'jpeg' | 'webp';
  bytes: number;
  buffer: Buffer;
}

const slotPrefix = (applicationId: string, slot: number) => `media/${applicationId}/${slot}/`;
const CONTENT_TYPES = { jpeg: 'image/jpeg', webp: 'image/webp' } as const;

/** The media bucket: the processed photos (variants) of each file's slots, served by CloudFront. */
export class MediaBucket {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  /** Variants are immutable (the key holds the upload id), so CloudFront may cache them for a year. */
  async storeVariants(
    target: { applicationId: string; slot: number; uploadId: string },
    variants: Variant[],
  ): Promise<VariantRecord[]> {
    return Promise.all(
      variants.map(async (v) => {
        const key = `${slotPrefix(target.applicationId, target.slot)}${target.uploadId}/${v.width}.${v.format === 'jpeg' ? 'jpg' : 'webp'}`;
        await this.s3.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: key,
            Body: v.buffer,
            ContentType: CONTENT_TYPES[v.format],
            CacheControl: 'public, max-age=31536000, immutable',
          }),
        );
        return { width: v.width, height: v.height, format: v.format, key, bytes: v.bytes };
      }),
    );
  }

  async deleteVariants(keys: string[]): Promise<void> {
    if (!keys.length) return;
    await this.s3.send(
      new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys.map((Key) => ({ Key })) } }),
    );
  }

  /** Removes the variants of earlier uploads of a slot (upload ids sort by time); later ones are left alone. */
  async deleteVariantsOlderThan(applicationId: string, slot: number, uploadId: string): Promise<void> {
    const prefix = slotPrefix(applicationId, slot);
    const res = await this.s3.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix }));
    const stale = (res.Contents ?? [])
      .map((o) => o.Key!)
      .filter((key) => key.slice(prefix.length).split('/')[0]! < uploadId);
    await this.deleteVariants(stale);
  }

  /** One variant's bytes (the printed compilation lays them out). */
  async read(key: string): Promise<Buffer> {
    const res = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return Buffer.from(await res.Body!.transformToByteArray());
  }
}

import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { VariantRecord } from '../adapters/application-store.ts';
import type { AppContext } from '../shared/context.ts';

interface Variant {
  width: number;
  height: number;
  format: 'jpeg' | 'webp';
  bytes: number;
  buffer: Buffer;
}

const slotPrefix = (applicationId: string, slot: number) => `media/${applicationId}/${slot}/`;
const CONTENT_TYPES = { jpeg: 'image/jpeg', webp: 'image/webp' } as const;

/** Variants are immutable (the key holds the upload id), so CloudFront may cache them for a year. */
export async function storeVariants(
  ctx: AppContext,
  target: { applicationId: string; slot: number; uploadId: string },
  variants: Variant[],
): Promise<VariantRecord[]> {
  return Promise.all(
    variants.map(async (v) => {
      const key = `${slotPrefix(target.applicationId, target.slot)}${target.uploadId}/${v.width}.${v.format === 'jpeg' ? 'jpg' : 'webp'}`;
      await ctx.clients.s3.send(
        new PutObjectCommand({
          Bucket: ctx.env.MEDIA_BUCKET,
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

export async function deleteVariants(ctx: AppContext, keysToDelete: string[]): Promise<void> {
  if (!keysToDelete.length) return;
  await ctx.clients.s3.send(
    new DeleteObjectsCommand({
      Bucket: ctx.env.MEDIA_BUCKET,
      Delete: { Objects: keysToDelete.map((Key) => ({ Key })) },
    }),
  );
}

/** Removes the variants of earlier uploads of a slot (upload ids sort by time); later ones are left alone. */
export async function deleteVariantsOlderThan(
  ctx: AppContext,
  applicationId: string,
  slot: number,
  uploadId: string,
): Promise<void> {
  const prefix = slotPrefix(applicationId, slot);
  const res = await ctx.clients.s3.send(new ListObjectsV2Command({ Bucket: ctx.env.MEDIA_BUCKET, Prefix: prefix }));
  const stale = (res.Contents ?? [])
    .map((o) => o.Key!)
    .filter((key) => key.slice(prefix.length).split('/')[0]! < uploadId);
  await deleteVariants(ctx, stale);
}

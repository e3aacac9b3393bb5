import { FileObjects } from '../adapters/file-objects.ts';
import { s3Client } from '../shared/clients/s3.ts';
import type { AppContext } from './context.ts';

/**
 * A file's objects in the uploads and media buckets. Not in the shared context: only the code that
 * touches these buckets should load the S3 client (context.ts is in every bundle).
 */
export const fileObjects = (ctx: AppContext) =>
  new FileObjects(s3Client(), ctx.env.UPLOADS_BUCKET, ctx.env.MEDIA_BUCKET);

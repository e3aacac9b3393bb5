import { ErasureStore } from '../adapters/erasure-store.ts';
import { FileObjects } from '../adapters/file-objects.ts';
import type { AppContext } from './context.ts';
import { log } from '../shared/log.ts';
import type { UploadedObject } from '../shared/s3-event.ts';
import { s3Client } from '../shared/clients/s3.ts';

/**
 * An upload of an erased file (its presigned POST was signed before the erasure, or S3 delivered the
 * event late): the very version the event names is deleted and nothing is recorded. True when dropped.
 */
export async function dropIfErased(ctx: AppContext, object: UploadedObject, applicationId: string): Promise<boolean> {
  if (!(await new ErasureStore(ctx.clients.dynamo, ctx.env.TABLE_NAME).isErased(applicationId))) return false;
  await new FileObjects(s3Client(), ctx.env.UPLOADS_BUCKET, ctx.env.MEDIA_BUCKET).deleteUploadVersion(
    object.key,
    object.versionId,
  );
  log.warn('upload of an erased file deleted', { applicationId, versioned: Boolean(object.versionId) });
  return true;
}

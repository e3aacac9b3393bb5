import { ErasureStore } from '../adapters/erasure-store.ts';
import type { AppContext } from './context.ts';
import { log } from '../shared/log.ts';
import type { UploadedObject } from '../shared/s3-event.ts';
import { fileObjects } from './file-objects.ts';

/**
 * An upload of an erased file (its presigned POST was signed before the erasure, or S3 delivered the
 * event late): the very version the event names is deleted and nothing is recorded. True when dropped.
 */
export async function dropIfErased(ctx: AppContext, object: UploadedObject, applicationId: string): Promise<boolean> {
  if (!(await new ErasureStore(ctx.clients.dynamo, ctx.env.TABLE_NAME).isErased(applicationId))) return false;
  await fileObjects(ctx).deleteUploadVersion(object.key, object.versionId);
  log.warn('upload of an erased file deleted', { applicationId, versioned: Boolean(object.versionId) });
  return true;
}

import type { S3Event } from 'aws-lambda';
import type { ApplicationParts } from '../adapters/application-store.ts';
import { log, withCorrelation, withLambdaLogs } from '../shared/log.ts';
import {
  parseUploadKey,
  s3EventCorrelation,
  uploadCorrelation,
  uploadedObjects,
  type UploadedObject,
} from '../shared/s3-event.ts';
import { appContext, type AppContext } from './context.ts';
import { dropIfErased } from './erased-upload.ts';

type UploadTarget = NonNullable<ReturnType<typeof parseUploadKey>>;

/** An uploaded object of a file that exists: what the photo and release functions then check and record. */
export interface OpenedUpload<K extends UploadTarget['kind']> {
  ctx: AppContext;
  object: UploadedObject;
  target: Extract<UploadTarget, { kind: K }>;
  /** Orders the events of one slot: a later upload, or a later write of the same key, sorts after. */
  orderKey: string;
  parts: ApplicationParts;
}

/**
 * The Lambda handler of S3 ObjectCreated events on one kind of upload (`photos/…` or `releases/…`):
 * each object under its file's correlation id; a key the API does not issue, an upload of an erased
 * file and one of a file that never existed end here, logged, without a retry (a retry would find the
 * same). Only an upload of a known file reaches `handle`.
 */
export function uploadEventHandler<K extends UploadTarget['kind']>(
  kind: K,
  handle: (upload: OpenedUpload<K>) => Promise<void>,
) {
  return withLambdaLogs(
    kind,
    async (event: S3Event): Promise<void> => {
      for (const object of uploadedObjects(event))
        await withCorrelation(uploadCorrelation(object), async () => {
          const upload = await openUpload(kind, object);
          if (upload) await handle(upload);
        });
    },
    { correlate: s3EventCorrelation },
  );
}

async function openUpload<K extends UploadTarget['kind']>(
  kind: K,
  object: UploadedObject,
): Promise<OpenedUpload<K> | undefined> {
  const ctx = appContext();
  const target = parseUploadKey(object.key);
  if (target?.kind !== kind) {
    log.warn('unexpected key', { bucket: object.bucket, key: object.key });
    return undefined;
  }
  if (await dropIfErased(ctx, object, target.applicationId)) return undefined;
  const parts = await ctx.applications.load(target.applicationId);
  if (!parts) {
    // Never created (or erased meanwhile): nothing is written either (every write of a part needs the
    // file's record), so a late event brings nothing back.
    log.warn(`${kind} for unknown application`, { applicationId: target.applicationId, uploadId: target.uploadId });
    return undefined;
  }
  return {
    ctx,
    object,
    target: target as Extract<UploadTarget, { kind: K }>,
    orderKey: `${target.uploadId}#${object.sequencer}`,
    parts,
  };
}

import { MAX_PHOTO_BYTES } from '../domain/application.ts';
import type { PhotoVerdict } from '../adapters/application-store.ts';
import { MediaBucket } from '../adapters/media-bucket.ts';
import { readUploadedObject } from '../adapters/uploaded-object-reader.ts';
import { now } from '../shared/clock.ts';
import { evaluate } from '../services/evaluate.ts';
import { uploadEventHandler, type OpenedUpload } from '../services/upload-event.ts';
import { log } from '../shared/log.ts';
import { recordMetric } from '../shared/metrics.ts';
import { lateUploadMessage } from '../shared/upload-guards.ts';
import { processPhoto } from './process-image.ts';
import { s3Client } from '../shared/clients/s3.ts';

/**
 * S3 ObjectCreated on `photos/…`: checks the photo by content, writes its variants to the media
 * bucket and records it, then re-evaluates the file. A bad photo is a recorded status with a French
 * message, not a crash; only transient failures throw, so Lambda's async retries run again.
 */
export const handler = uploadEventHandler('photo', handlePhoto);

async function handlePhoto({ ctx, object, target, orderKey, parts }: OpenedUpload<'photo'>): Promise<void> {
  const { applicationId, slot, uploadId } = target;
  const ids = { applicationId, slot, uploadId };
  const current = parts.photos.find((p) => p.slot === slot);
  if (current?.orderKey && current.orderKey > orderKey) {
    log.info('photo event superseded', ids);
    return;
  }
  const campaign = await ctx.campaigns.get(parts.app.campaignId);
  if (!campaign) throw new Error(`campaign ${parts.app.campaignId} missing`);
  const media = new MediaBucket(s3Client(), ctx.env.MEDIA_BUCKET);
  /** What follows the record: idempotent (listing, conditional evaluation), so a retry may run it again. */
  const followUp = async (state: string | undefined) => {
    if (state === 'ready') await media.deleteVariantsOlderThan(applicationId, slot, uploadId);
    await evaluate(ctx, applicationId, campaign);
  };
  if (current?.orderKey === orderKey) {
    // This very event was recorded by a run that failed afterwards (cleanup, evaluation): Lambda's
    // retry lands here and must finish that follow-up, not skip it.
    log.info('photo event already recorded, finishing its follow-up', ids);
    return followUp(current.state);
  }
  const record = (verdict: PhotoVerdict) =>
    ctx.applications.recordPhotoVerdict(parts.app, { slot, uploadId, orderKey }, verdict, now().toISOString());
  const reject = async (code: string, message: string) => {
    log.info('photo rejected', { ...ids, code });
    if (!(await record({ state: 'rejected', message, code }))) return;
    recordMetric('PhotoRejected');
    await followUp('rejected');
  };

  const late = lateUploadMessage(campaign, object.eventTime);
  if (late) return reject('late', late);
  if (object.size > MAX_PHOTO_BYTES) return reject('too-large', 'Photo trop lourde\u00a0: 20 Mo au maximum.');

  const started = Date.now();
  const { body } = await readUploadedObject(s3Client(), object);
  const processed = await processPhoto(body);
  if ('rejected' in processed) return reject(processed.code, processed.message);

  const variants = await media.storeVariants({ applicationId, slot, uploadId }, processed.variants);
  const written = await record({ state: 'ready', width: processed.width, height: processed.height, variants });
  if (!written) {
    // A newer upload won the slot while this one was processed: its variants must not linger. Unless
    // the winner is this very upload (a duplicate delivery): the variant keys are then the winner's.
    const winner = (await ctx.applications.load(applicationId))?.photos.find((p) => p.slot === slot);
    if (winner?.uploadId !== uploadId) await media.deleteVariants(variants.map((v) => v.key));
    log.info('photo superseded during processing', ids);
    return;
  }
  const ms = Date.now() - started;
  log.info('photo ready', { ...ids, ms, width: processed.width, height: processed.height });
  recordMetric('PhotoProcessed');
  recordMetric('PhotoDuration', ms);
  await followUp('ready');
}

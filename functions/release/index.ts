import type { S3Event } from 'aws-lambda';
import { MAX_RELEASE_BYTES } from '../domain/application.ts';
import { readUploadedObject } from '../adapters/uploaded-object-reader.ts';
import { appContext } from '../services/context.ts';
import { now } from '../shared/clock.ts';
import { dropIfErased } from '../services/erased-upload.ts';
import { evaluate } from '../services/evaluate.ts';
import { log, withCorrelation, withLambdaLogs } from '../shared/log.ts';
import {
  parseUploadKey,
  s3EventCorrelation,
  uploadCorrelation,
  uploadedObjects,
  type UploadedObject,
} from '../shared/s3-event.ts';
import { lateUploadMessage } from '../shared/upload-guards.ts';
import { checkReleaseScan } from './check-scan.ts';
import { s3Client } from '../shared/clients.ts';

/** S3 ObjectCreated on `releases/…`: the scan of the signed paper release, checked by content. */
export const handler = withLambdaLogs(
  'release',
  async (event: S3Event): Promise<void> => {
    for (const object of uploadedObjects(event))
      await withCorrelation(uploadCorrelation(object), () => handleScan(object));
  },
  { correlate: s3EventCorrelation },
);

async function handleScan(object: UploadedObject): Promise<void> {
  const ctx = appContext();
  const target = parseUploadKey(object.key);
  if (target?.kind !== 'release') {
    log.warn('unexpected key', { bucket: object.bucket, key: object.key });
    return;
  }
  const { applicationId, uploadId } = target;
  const orderKey = `${uploadId}#${object.sequencer}`;
  if (await dropIfErased(ctx, object, applicationId)) return;
  const parts = await ctx.applications.load(applicationId);
  if (!parts) {
    log.warn('release for unknown application', { applicationId, uploadId });
    return;
  }
  const current = parts.release && 'orderKey' in parts.release ? parts.release.orderKey : undefined;
  if (current && current > orderKey) {
    log.info('release event superseded', { applicationId, uploadId });
    return;
  }
  const campaign = await ctx.campaigns.get(parts.app.campaignId);
  if (!campaign) throw new Error(`campaign ${parts.app.campaignId} missing`);
  if (current === orderKey) {
    // Recorded by a run that failed afterwards (its evaluation): Lambda's retry finishes it
    // (idempotent: conditional evaluation) instead of skipping it.
    log.info('release event already recorded, finishing its evaluation', { applicationId, uploadId });
    await evaluate(ctx, applicationId, campaign);
    return;
  }

  let verdict: { state: 'received' | 'rejected'; message?: string; contentType?: string; imageCount: number };
  const late = lateUploadMessage(campaign, object.eventTime);
  if (late) verdict = { state: 'rejected', message: late, imageCount: 0 };
  else if (object.size > MAX_RELEASE_BYTES)
    verdict = { state: 'rejected', message: 'Fichier trop lourd : 10 Mo au maximum.', imageCount: 0 };
  else {
    const { body, metadata } = await readUploadedObject(s3Client(), object);
    verdict = await checkReleaseScan(body, metadata['image-count']);
  }
  const written = await ctx.applications.recordReleaseScan(
    parts.app,
    { uploadId, orderKey, key: object.key },
    verdict,
    now().toISOString(),
  );
  if (!written) return;
  log.info('release scan recorded', { applicationId, uploadId, state: verdict.state });
  await evaluate(ctx, applicationId, campaign);
}

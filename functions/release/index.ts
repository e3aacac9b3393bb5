import { MAX_RELEASE_BYTES } from '../domain/application.ts';
import { readUploadedObject } from '../adapters/uploaded-object-reader.ts';
import { appContext } from '../services/context.ts';
import { now } from '../shared/clock.ts';
import { evaluate } from '../services/evaluate.ts';
import { sendReleaseCopy } from '../services/release-copy.ts';
import { uploadEventHandler, type OpenedUpload } from '../services/upload-event.ts';
import type { ApplicationRecord } from '../adapters/application-store.ts';
import type { Campaign } from '../domain/campaign.ts';
import { log } from '../shared/log.ts';
import type { UploadedObject } from '../shared/s3-event.ts';
import { lateUploadMessage } from '../shared/upload-guards.ts';
import { checkReleaseScan } from './check-scan.ts';
import { s3Client } from '../shared/clients/s3.ts';

/** S3 ObjectCreated on `releases/…`: the scan of the signed paper release, checked by content. */
export const handler = uploadEventHandler('release', handleScan);

async function handleScan({ ctx, object, target, orderKey, parts }: OpenedUpload<'release'>): Promise<void> {
  const { applicationId, uploadId } = target;
  const current = parts.release && 'orderKey' in parts.release ? parts.release.orderKey : undefined;
  if (current && current > orderKey) {
    log.info('release event superseded', { applicationId, uploadId });
    return;
  }
  const campaign = await ctx.campaigns.get(parts.app.campaignId);
  if (!campaign) throw new Error(`campaign ${parts.app.campaignId} missing`);
  if (current === orderKey) {
    // Recorded by a run that failed afterwards (its evaluation, its copy): Lambda's retry finishes it
    // (idempotent: conditional evaluation, the copy's email key) instead of skipping it.
    log.info('release event already recorded, finishing its evaluation', { applicationId, uploadId });
    await evaluate(ctx, applicationId, campaign);
    const recorded = parts.release?.mode === 'scan' ? parts.release : undefined;
    if (recorded?.state === 'received') await sendScanCopy(parts.app, campaign, object, uploadId, recorded.contentType);
    return;
  }

  let verdict: { state: 'received' | 'rejected'; message?: string; contentType?: string; imageCount: number };
  const late = lateUploadMessage(campaign, object.eventTime);
  if (late) verdict = { state: 'rejected', message: late, imageCount: 0 };
  else if (object.size > MAX_RELEASE_BYTES)
    verdict = { state: 'rejected', message: 'Fichier trop lourd\u00a0: 10 Mo au maximum.', imageCount: 0 };
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
  if (verdict.state === 'received') await sendScanCopy(parts.app, campaign, object, uploadId, verdict.contentType);
}

/** The scan accepted, emailed to the file's contact (functions/services/release-copy.ts). */
function sendScanCopy(
  app: ApplicationRecord,
  campaign: Campaign,
  object: UploadedObject,
  uploadId: string,
  contentType: string | undefined,
): Promise<void> {
  return sendReleaseCopy(
    appContext(),
    app,
    campaign,
    { mode: 'scan', id: uploadId, key: object.key, contentType: contentType ?? 'application/pdf', bytes: object.size },
    now(),
  );
}

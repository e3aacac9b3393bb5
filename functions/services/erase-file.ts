import { ErasureStore, type ErasureReason } from '../adapters/erasure-store.ts';
import { SHOWCASE_PHASES } from '../domain/campaign.ts';
import { notFound } from '../domain/errors.ts';
import { publishSite } from '../timeline/publish-site.ts';
import { articleContext } from './article-context.ts';
import { now } from '../shared/clock.ts';
import type { AppContext } from './context.ts';
import { log } from '../shared/log.ts';
import { fileObjects } from './file-objects.ts';

export interface ErasureReport {
  applicationId: string;
  campaignId: string;
  /** DynamoDB items deleted, S3 object versions (uploads) and objects (media) deleted. */
  items: number;
  uploads: number;
  media: number;
  /** The file had a page on the public site: the site was published again without it. */
  republished: boolean;
}

/**
 * Erases one application file everywhere (right to erasure, the applicant's own draft, a test file):
 * 1. its tombstone `ERASED#<id>` first (no personal data), which late S3 events, retried timeline
 *    tasks and the mail queue check, so nothing brings the file back once this started;
 * 2. every item of its partition, its creation key (ApplicationStore.erase: once its record is gone
 *    no conditional write of the file can add an item);
 * 3. every version of its uploads (photos, scans, proofs, exports, emailed summaries) and its media;
 * 4. if it had a page on the public site, the site published again (the page and the file's photos
 *    are gone from it; removed pages are invalidated on CloudFront); then the tombstone is complete.
 * Idempotent: an interrupted erasure is run again by the same call, or by the daily purge, which
 * finishes pending ones (the tombstone remembers the file's campaign and whether it was online).
 */
export async function eraseFile(ctx: AppContext, applicationId: string, reason: ErasureReason): Promise<ErasureReport> {
  const erasures = new ErasureStore(ctx.clients.dynamo, ctx.env.TABLE_NAME);
  const [parts, tombstone] = await Promise.all([ctx.applications.load(applicationId), erasures.get(applicationId)]);
  const campaignId = parts?.app.campaignId ?? tombstone?.campaignId;
  if (!campaignId) throw notFound('Dossier introuvable.');
  const online = tombstone?.online ?? (parts ? await isOnline(ctx, applicationId, campaignId) : false);
  await erasures.mark({ applicationId, campaignId, erasedAt: now().toISOString(), reason, online });
  // Items before objects: once the record is gone, a photo being processed cannot record its variants
  // and deletes them itself; any it stored before that are listed and deleted below.
  const items = await ctx.applications.erase(applicationId);
  const objects = await fileObjects(ctx).eraseAll(applicationId);
  if (online) await publishSite(undefined);
  await erasures.complete(applicationId, now().toISOString());
  const report = { applicationId, campaignId, items, ...objects, republished: online };
  log.info('application erased', { ...report, reason });
  return report;
}

/** Whether the file's article is on the public site now (approved, and its campaign showing them). */
async function isOnline(ctx: AppContext, applicationId: string, campaignId: string): Promise<boolean> {
  const [article, campaign] = await Promise.all([
    articleContext(ctx).articles.get(applicationId),
    ctx.campaigns.get(campaignId),
  ]);
  return article?.status === 'approved' && SHOWCASE_PHASES.has(campaign?.phase ?? '');
}

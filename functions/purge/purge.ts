import { ErasureStore } from '../adapters/erasure-store.ts';
import { articlePhotos } from '../domain/article-workflow.ts';
import { isDueForPurge, purgeDate } from '../domain/retention.ts';
import { articleContext } from '../services/article-context.ts';
import type { AppContext } from '../services/context.ts';
import { SHOWCASE_PHASES } from '../domain/campaign.ts';
import { lazy } from '../shared/lazy.ts';
import { log } from '../shared/log.ts';

// Most days nothing is due: the S3 and Lambda clients that erasing needs load on a day that erases.
const eraseFile = lazy(() => import('../services/erase-file.ts'), 'eraseFile');
const fileObjects = lazy(() => import('../services/file-objects.ts'), 'fileObjects');

/** What one run did: counts only (no id, no personal data). */
export interface PurgeReport {
  asOf: string;
  /** Erasures started earlier (console, form) and finished by this run. */
  resumedErasures: number;
  campaigns: { campaignId: string; erased: number; kept: number; items: number; objects: number }[];
}

/**
 * The daily purge (functions/domain/retention.ts): for every campaign whose purge date (18 months
 * after its deadline) has come, each file still holding personal data is either erased everywhere
 * (functions/services/erase-file.ts: tombstone, items, every upload version, media) or, when its
 * initiative is on the public site, reduced to what its page shows (ApplicationStore.retainPublished:
 * no contact, history, links, release, originals, unpublished photos). Idempotent: erased files are no
 * longer listed, reduced ones carry `purgedAt`. It also finishes erasures that were interrupted.
 */
export async function purge(ctx: AppContext, asOf: Date): Promise<PurgeReport> {
  const erasures = new ErasureStore(ctx.clients.dynamo, ctx.env.TABLE_NAME);
  const pending = await erasures.pending();
  for (const id of pending) {
    const tombstone = await erasures.get(id);
    if (tombstone) await eraseFile(ctx, id, tombstone.reason);
  }
  const report: PurgeReport = { asOf: asOf.toISOString(), resumedErasures: pending.length, campaigns: [] };
  for (const campaign of await ctx.campaigns.list()) {
    if (!isDueForPurge(campaign, asOf)) continue;
    const counts = { campaignId: campaign.id, erased: 0, kept: 0, items: 0, objects: 0 };
    for (const app of await ctx.applications.listByCampaign(campaign.id)) {
      if (app.purgedAt) continue;
      // A withdrawn initiative is no longer on the site: nothing of it is kept.
      const kept =
        SHOWCASE_PHASES.has(campaign.phase) && !app.withdrawnAt ? await publishedSlots(ctx, app.id) : undefined;
      if (kept) {
        const files = await fileObjects(ctx);
        counts.objects += (await files.eraseUploads(app.id)) + (await files.eraseMedia(app.id, kept.mediaKeys));
        // Last: `purgedAt` marks the file done, so an interrupted run does it again.
        counts.items += await ctx.applications.retainPublished(app.id, asOf.toISOString(), kept.slots);
        counts.kept += 1;
      } else {
        const erased = await eraseFile(ctx, app.id, 'retention');
        counts.items += erased.items;
        counts.objects += erased.uploads + erased.media;
        counts.erased += 1;
      }
    }
    if (counts.erased || counts.kept) {
      log.info('campaign purged', { ...counts, purgeDate: purgeDate(campaign).toISOString() });
      report.campaigns.push(counts);
    }
  }
  log.info('purge done', {
    asOf: report.asOf,
    resumedErasures: report.resumedErasures,
    campaigns: report.campaigns.length,
  });
  return report;
}

/** The photos a published initiative shows (slots, media keys), or undefined when it is not published. */
async function publishedSlots(
  ctx: AppContext,
  applicationId: string,
): Promise<{ slots: Set<number>; mediaKeys: Set<string> } | undefined> {
  const [article, parts] = await Promise.all([
    articleContext(ctx).articles.get(applicationId),
    ctx.applications.load(applicationId),
  ]);
  if (article?.status !== 'approved' || !parts) return undefined;
  const photos = articlePhotos(article.article, parts.photos);
  return {
    slots: new Set(photos.map((p) => p.slot)),
    mediaKeys: new Set(photos.flatMap((p) => p.variants.map((v) => v.key))),
  };
}

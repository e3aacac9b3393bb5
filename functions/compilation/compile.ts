import type { CampaignStore } from '../adapters/campaign-store.ts';
import type { CompilationStore } from '../adapters/compilation-store.ts';
import type { MediaBucket } from '../adapters/media-bucket.ts';
import type { UploadsBucket } from '../adapters/uploads-bucket.ts';
import { AXES } from '../domain/axes.ts';
import { editionYear } from '../domain/campaign.ts';
import { compilationDocument, compilationEntries, compilationKey } from '../domain/compilation.ts';
import { now } from '../shared/clock.ts';
import { log } from '../shared/log.ts';
import { renderCompilation } from './render.ts';

export interface CompileContext {
  campaigns: Pick<CampaignStore, 'get'>;
  compilations: Pick<CompilationStore, 'get' | 'sources' | 'finish'>;
  /** Where the PDF goes. */
  uploads: Pick<UploadsBucket, 'putPdf'>;
  /** Where the photos come from. */
  media: Pick<MediaBucket, 'read'>;
}

const PARALLEL_DOWNLOADS = 8;

async function downloadAll(ctx: CompileContext, keys: string[]): Promise<Map<string, Buffer>> {
  const photos = new Map<string, Buffer>();
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++]!;
      photos.set(key, await ctx.media.read(key));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_DOWNLOADS, keys.length) }, worker));
  return photos;
}

/**
 * One generation (`requestId`, recorded by POST /api/admin/campaigns/:id/compilation): reads the
 * complete files, lays them out, writes the PDF under compilations/ and records pages and key; a
 * failure is recorded as `failed` (then thrown, so that Lambda's async retries try again). A
 * generation superseded by a newer request records nothing.
 */
export async function compile(
  ctx: CompileContext,
  campaignId: string,
  requestId: string,
): Promise<{ state: string; pages?: number }> {
  const started = performance.now();
  const record = await ctx.compilations.get(campaignId);
  if (!record || record.requestId !== requestId) {
    log.info('compilation superseded', { campaignId, requestId });
    return { state: 'superseded' };
  }
  try {
    const campaign = await ctx.campaigns.get(campaignId);
    if (!campaign) throw new Error(`campaign ${campaignId} not found`);
    const excluded = new Set(record.exclusions.map((e) => e.applicationId));
    const sources = (await ctx.compilations.sources(campaignId)).filter((s) => !excluded.has(s.app.id));
    const axes = campaign.axes.length ? campaign.axes : AXES;
    const document = compilationDocument({
      campaign: { id: campaign.id, title: campaign.title, year: editionYear(campaign), axes },
      editorial: record.editorial,
      entries: compilationEntries(sources, axes),
    });
    const photos = await downloadAll(
      ctx,
      document.images.map((i) => i.key),
    );
    const pdf = await renderCompilation(document, photos);
    const key = compilationKey(campaignId, requestId);
    await ctx.uploads.putPdf(key, pdf.bytes);
    const minDpi = document.images.length ? Math.min(...document.images.map((i) => i.dpi)) : undefined;
    await ctx.compilations.finish(campaignId, requestId, {
      state: 'ready',
      finishedAt: now().toISOString(),
      pages: pdf.pages,
      initiatives: sources.length,
      bytes: pdf.bytes.length,
      key,
      minDpi,
    });
    log.info('compilation ready', {
      campaignId,
      requestId,
      initiatives: sources.length,
      photos: photos.size,
      pages: pdf.pages,
      bytes: pdf.bytes.length,
      minDpi,
      ms: Math.round(performance.now() - started),
    });
    return { state: 'ready', pages: pdf.pages };
  } catch (error) {
    log.error('compilation failed', { campaignId, requestId, error: error as Error });
    await ctx.compilations.finish(campaignId, requestId, {
      state: 'failed',
      finishedAt: now().toISOString(),
      error: 'La génération a échoué\u00a0: réessayez, ou consultez les journaux de la fonction compilation.',
    });
    throw error;
  }
}

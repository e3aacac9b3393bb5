import { createHash } from 'node:crypto';
import type { Invalidator } from '../adapters/invalidator.ts';
import { CampaignStore } from '../adapters/campaign-store.ts';
import { PublishedInitiativeStore } from '../adapters/published-initiative-store.ts';
import { SiteBucket } from '../adapters/site-bucket.ts';
import { VoteStore } from '../adapters/vote-store.ts';
import type { PublishedInitiative } from '../domain/article.ts';
import { editionYear, type Campaign } from '../domain/campaign.ts';
import { archiveEdition, editionPath, movedPages } from '../domain/site/editions.ts';
import {
  planPublication,
  renderSite,
  type RenderedSite,
  type SiteInput,
  type SitePhase,
} from '../domain/site/index.ts';
import { missingAppFiles, PublicationRefused } from './apps.ts';
import { frontendDir, frontendFiles } from './frontend-files.ts';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Clients } from '../shared/clients.ts';
import { now as clockNow } from '../shared/clock.ts';
import { log } from '../shared/log.ts';

/**
 * Publishes the public site of a campaign: renders it from the campaign and its approved articles,
 * writes only the files whose content changed, deletes the ones that went away, invalidates the
 * CloudFront paths of changed pages, then records the manifest. Idempotent: a retry after a failure
 * (the manifest is written last) writes and invalidates the same files again; a publication with
 * nothing new writes nothing.
 *
 * Runs in the publish Lambda only (deploy trigger, timeline, local start all invoke it), whose bundle
 * carries the built apps; tests call it from the sources with their own context. A publication
 * whose apps are missing refuses before writing or deleting anything (PublicationRefused).
 */

export interface PublishContext {
  /** `list`: the launched editions, each kept online under its year. */
  campaigns: Pick<CampaignStore, 'get' | 'current' | 'list'>;
  /** `withdrawnUrls`: where withdrawn initiatives were, for their « retirée » page (tests may leave it out). */
  initiatives: Pick<PublishedInitiativeStore, 'forCampaign'> & Partial<Pick<PublishedInitiativeStore, 'withdrawnUrls'>>;
  /** The vote's frozen results: `/resultats/` once the vote is closed. */
  votes: Pick<VoteStore, 'results'>;
  site: Pick<SiteBucket, 'readManifest' | 'writeManifest' | 'put' | 'delete'>;
  invalidator: Invalidator;
  /** Public origin of the site (canonical URLs, sitemap, Open Graph). */
  siteUrl: string;
  /** The built browser apps to publish with the pages (tests pass their own). */
  frontend: () => Promise<RenderedSite>;
  now?: () => Date;
}

/** Builds a context from SDK clients and names (the Lambda's, the timeline's or the local stack's). */
export function publishContext(options: {
  dynamo: Clients['dynamo'];
  s3: S3Client;
  tableName: string;
  siteBucket: string;
  siteUrl: string;
  invalidator: Invalidator;
  /** Default: the apps beside the bundle, or dist/frontend when run from the sources (frontendDir). */
  frontend?: () => Promise<RenderedSite>;
}): PublishContext {
  return {
    campaigns: new CampaignStore(options.dynamo, options.tableName),
    initiatives: new PublishedInitiativeStore(options.dynamo, options.tableName),
    votes: new VoteStore(options.dynamo, options.tableName),
    site: new SiteBucket(options.s3, options.siteBucket),
    invalidator: options.invalidator,
    siteUrl: options.siteUrl,
    frontend: options.frontend ?? (() => frontendFiles(frontendDir())),
  };
}

export interface PublishResult {
  campaignId: string | null;
  mode: SitePhase;
  initiatives: number;
  files: number;
  written: string[];
  deleted: string[];
  invalidated: string[];
  invalidationId?: string;
}

/** After the launch (launched, closed) the showcase; before it the holding page. */
export function defaultMode(campaign: Campaign | null | undefined): SitePhase {
  return campaign && (campaign.phase === 'launched' || campaign.phase === 'closed') ? 'launched' : 'holding';
}

/** An edition's results once frozen (the freeze's second step written), else undefined. */
async function frozenResults(ctx: PublishContext, campaign: Campaign): Promise<SiteInput['results']> {
  const results = await ctx.votes.results(campaign.id);
  return results?.state === 'frozen' && results.axes ? { frozenAt: results.frozenAt, axes: results.axes } : undefined;
}

const PARALLEL_WRITES = 8;

async function eachLimit<T>(items: T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL_WRITES, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/**
 * `campaignId` undefined: the current campaign (the newest opened), or none at all, in which case a
 * minimal holding page says that no call is open. `mode` defaults from the campaign's phase.
 */
export async function publishCampaign(
  ctx: PublishContext,
  campaignId: string | undefined,
  mode?: SitePhase,
): Promise<PublishResult> {
  const at = (ctx.now ?? clockNow)();
  // The diff deletes every path this run does not write: without the apps it would take them off the site.
  const apps = await ctx.frontend();
  const missing = missingAppFiles(apps);
  if (missing.length) {
    log.error('publication refused: built apps missing', { missing: missing.join(','), found: apps.size });
    throw new PublicationRefused(missing);
  }
  const campaign = campaignId
    ? await ctx.campaigns.get(campaignId, { consistent: true })
    : await ctx.campaigns.current();
  if (campaignId && !campaign) throw new Error(`campaign ${campaignId} not found`);
  const phase = mode ?? defaultMode(campaign);
  const initiatives: PublishedInitiative[] =
    campaign && phase === 'launched' ? await ctx.initiatives.forCampaign(campaign.id) : [];
  const withdrawn = async (id: string) => (await ctx.initiatives.withdrawnUrls?.(id)) ?? [];

  // Every launched edition, newest first, one per year: its showcase under /<year>/ (editions.ts).
  const editions: { campaign: Campaign; year: number; site: RenderedSite }[] = [];
  for (const edition of await ctx.campaigns.list()) {
    if (
      (edition.phase !== 'launched' && edition.phase !== 'closed') ||
      editions.some((e) => e.year === editionYear(edition))
    )
      continue;
    const own =
      edition.id === campaign?.id && phase === 'launched' ? initiatives : await ctx.initiatives.forCampaign(edition.id);
    const results = await frozenResults(ctx, edition);
    editions.push({
      campaign: edition,
      year: editionYear(edition),
      site: renderSite({
        campaign: edition,
        initiatives: own,
        siteUrl: ctx.siteUrl,
        now: at,
        phase: 'launched',
        results,
        withdrawn: await withdrawn(edition.id),
      }),
    });
  }
  const earlier = editions.filter((e) => e.campaign.id !== campaign?.id);
  const rendered = renderSite({
    campaign: campaign ?? null,
    initiatives,
    siteUrl: ctx.siteUrl,
    now: at,
    phase,
    editions: earlier.map((e) => ({ year: e.year, url: editionPath(e.year) })),
    results: campaign && phase === 'launched' ? await frozenResults(ctx, campaign) : undefined,
    withdrawn: campaign && phase === 'launched' ? await withdrawn(campaign.id) : undefined,
  });
  for (const edition of editions)
    for (const [file, content] of archiveEdition(edition.site, edition.year, ctx.siteUrl)) rendered.set(file, content);
  // The root pages of earlier editions that the current one lacks send to their copy under the year.
  for (const [file, content] of movedPages(rendered, earlier)) rendered.set(file, content);
  // The built apps go with the pages; a rendered page wins over an app file of the same path (404.html).
  for (const [file, content] of apps) if (!rendered.has(file)) rendered.set(file, content);
  const previous = await ctx.site.readManifest();
  const plan = planPublication(rendered, previous, at);

  // Assets first, pages after (a page never links to a file not yet written); then deletions.
  const assets = plan.puts.filter((p) => !p.endsWith('.html') && p !== '/sitemap.xml');
  const pages = plan.puts.filter((p) => !assets.includes(p));
  await eachLimit(assets, (path) => ctx.site.put(path, rendered.get(path)!));
  await eachLimit(pages, (path) => ctx.site.put(path, rendered.get(path)!));
  if (plan.deletes.length) await ctx.site.delete(plan.deletes);

  // One reference per (previous publication, new content): a retry reuses it, a new publication never does.
  const reference = createHash('sha256')
    .update(previous?.publishedAt ?? 'first')
    .update(JSON.stringify(plan.manifest.files))
    .digest('hex')
    .slice(0, 32);
  const invalidation = plan.invalidations.length ? await ctx.invalidator.invalidate(plan.invalidations, reference) : {};
  await ctx.site.writeManifest(plan.manifest);

  const result: PublishResult = {
    campaignId: campaign?.id ?? null,
    mode: phase,
    initiatives: initiatives.length,
    files: rendered.size,
    written: plan.puts,
    deleted: plan.deletes,
    invalidated: plan.invalidations,
    invalidationId: invalidation.id,
  };
  log.info('site published', {
    campaignId: result.campaignId,
    mode: phase,
    initiatives: initiatives.length,
    files: rendered.size,
    written: plan.puts.length,
    deleted: plan.deletes.length,
    invalidated: plan.invalidations.length,
    invalidationId: invalidation.id,
  });
  return result;
}

import { NewsletterStore, type NewsletterRecord } from '../adapters/newsletter-store.ts';
import { PublishedInitiativeStore } from '../adapters/published-initiative-store.ts';
import { axisLabel } from '../domain/axes.ts';
import { invalid, notFound } from '../domain/errors.ts';
import { newsletterExport, newsletterSelectionSchema } from '../domain/newsletter.ts';
import { now } from '../shared/clock.ts';
import { appContext, type AppContext } from '../services/context.ts';
import { json, parseBody, type RouteContext } from '../shared/http.ts';
import { requireAdmin } from './require-admin.ts';
import type { NewsletterScreen } from '../domain/admin-views.ts';

/**
 * The newsletter selection in the console: GET gives the selection, the published initiatives to
 * pick from and the export `{html, text}`; PUT saves the selection (published initiatives only).
 */

async function screen(ctx: AppContext, campaignId: string, saved?: NewsletterRecord): Promise<NewsletterScreen> {
  const campaign = await ctx.campaigns.get(campaignId, { consistent: true });
  if (!campaign) throw notFound('Campagne introuvable.');
  const [published, record] = await Promise.all([
    new PublishedInitiativeStore(ctx.clients.dynamo, ctx.env.TABLE_NAME).forCampaign(campaignId),
    saved ?? new NewsletterStore(ctx.clients.dynamo, ctx.env.TABLE_NAME).get(campaignId),
  ]);
  const selection = record ?? { intro: '', items: [] };
  const exported = newsletterExport({ campaign, selection, published, siteUrl: ctx.env.SITE_URL });
  return {
    selection,
    updatedAt: record?.updatedAt ?? null,
    updatedBy: record?.updatedBy ?? null,
    candidates: published
      .map((p) => ({
        id: p.id,
        title: p.article.title,
        company: p.company.name,
        region: p.company.region,
        axis: axisLabel(p.axis),
        lead: p.article.lead,
      }))
      .sort((a, b) => a.title.localeCompare(b.title, 'fr')),
    ...exported,
  };
}

/** GET /api/admin/campaigns/:id/newsletter → `{html, text, selection, candidates, missing}`. */
export async function getNewsletter({ event, params }: RouteContext) {
  requireAdmin(event);
  return json(200, await screen(appContext(), params.id!));
}

/** PUT /api/admin/campaigns/:id/newsletter `{intro, items: [{initiativeId, text}]}`. */
export async function putNewsletter({ event, params }: RouteContext) {
  const admin = requireAdmin(event);
  const ctx = appContext();
  const selection = parseBody(event, newsletterSelectionSchema);
  const published = new Set(
    (await new PublishedInitiativeStore(ctx.clients.dynamo, ctx.env.TABLE_NAME).forCampaign(params.id!)).map(
      (p) => p.id,
    ),
  );
  const unknown = selection.items.filter((i) => !published.has(i.initiativeId));
  if (unknown.length)
    throw invalid(
      unknown.map((i) => ({
        field: `items.${i.initiativeId}`,
        message: 'Cette initiative n’est pas publiée\u00a0: elle ne peut pas figurer dans la lettre.',
      })),
    );
  const record: NewsletterRecord = { ...selection, updatedAt: now().toISOString(), updatedBy: admin.email };
  await new NewsletterStore(ctx.clients.dynamo, ctx.env.TABLE_NAME).put(params.id!, record);
  return json(200, await screen(ctx, params.id!, record));
}

import { conflict, notFound } from '../domain/errors.ts';
import { articleContext } from '../services/article-context.ts';
import { now } from '../shared/clock.ts';
import { appContext } from '../services/context.ts';
import { SHOWCASE_PHASES } from '../domain/campaign.ts';
import { json, type RouteContext } from '../shared/http.ts';
import { log } from '../shared/log.ts';
import { publishSite } from '../timeline/publish-site.ts';
import { requireAdmin } from './require-admin.ts';

/**
 * POST /api/admin/applications/:id/withdraw: « Retirer du site », at the enterprise's request. The
 * file is marked withdrawn (kept, with its history: erasing it is another request), the site is
 * published again at once if the edition is online: its page gives way to a short « retirée » page
 * (functions/domain/site/render.ts) and it leaves the lists, the search, the sitemap, the vote, the
 * compilation and the newsletter. Idempotent: again, it only publishes again.
 */
export async function withdrawInitiative({ event, params }: RouteContext) {
  const admin = requireAdmin(event);
  const ctx = articleContext(appContext());
  const id = params.id!;
  const [parts, article] = await Promise.all([ctx.applications.load(id), ctx.articles.get(id)]);
  if (!parts) throw notFound('Dossier introuvable.');
  if (article?.status !== 'approved')
    throw conflict('Cette initiative n’a pas d’article validé\u00a0: elle n’est pas sur le site.');
  const at = now().toISOString();
  const first = await ctx.applications.markWithdrawn(id, at);
  if (first) await ctx.applications.addHistory(id, at, { type: 'withdrawn', by: admin.email }, parts.app.expiresAt);
  const campaign = await ctx.campaigns.get(parts.app.campaignId);
  const republished = SHOWCASE_PHASES.has(campaign?.phase ?? '');
  if (republished) await publishSite(undefined);
  log.info('initiative withdrawn', { applicationId: id, campaignId: parts.app.campaignId, first, republished });
  return json(200, { campaignId: parts.app.campaignId, withdrawnAt: parts.app.withdrawnAt ?? at, republished });
}

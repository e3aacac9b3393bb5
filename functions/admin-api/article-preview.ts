import * as z from 'zod/mini';
import { articleSchema } from '../domain/article.ts';
import { publishedInitiative } from '../domain/article-workflow.ts';
import { notFound } from '../domain/errors.ts';
import { now } from '../shared/clock.ts';
import { appContext } from '../services/context.ts';
import { json, parseBody, type RouteContext } from '../shared/http.ts';
import { requireAdmin } from './require-admin.ts';

/**
 * POST /api/admin/applications/:id/article/preview {article}: the initiative's public page as the
 * site will render it (the public site's own renderer, the photos as published), for the console's
 * sandboxed preview. Nothing is written. The page's stylesheet lives under /assets/ once the site is
 * published; the console ships the same file under /admin/site-assets/ (see frontend/admin/build.ts).
 */
export async function previewArticle({ event, params }: RouteContext) {
  requireAdmin(event);
  const ctx = appContext();
  const { article } = parseBody(event, z.object({ article: articleSchema }));
  const parts = await ctx.applications.load(params.id!);
  const campaign = parts && (await ctx.campaigns.get(parts.app.campaignId));
  if (!parts || !campaign) throw notFound('Dossier introuvable.');
  const { app } = parts;
  const at = now();
  // The site's renderer and the geography it names regions from (~1 MB) load on the first preview,
  // not with every console call.
  const { ASSETS_PREFIX, fileOf, renderSite } = await import('../domain/site/index.ts');
  const initiative = publishedInitiative(app, article, parts.photos, at.toISOString());
  const site = renderSite({
    campaign,
    initiatives: [initiative],
    siteUrl: ctx.env.SITE_URL,
    now: at,
    phase: 'launched',
  });
  const page =
    site.get(fileOf(`/initiatives/${initiative.slug}/`)) ??
    [...site].find(([path]) => path.startsWith('/initiatives/'))?.[1];
  if (!page) throw notFound('Aperçu indisponible.');
  return json(200, { html: String(page.body), assetsPrefix: ASSETS_PREFIX });
}

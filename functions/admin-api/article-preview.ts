import * as z from 'zod';
import { articleSchema, slugify, type PublishedInitiative } from '../domain/article.ts';
import { articlePhotos } from '../domain/article-workflow.ts';
import { notFound } from '../domain/errors.ts';
import { ASSETS_PREFIX, fileOf, renderSite } from '../domain/site/index.ts';
import { now } from '../shared/clock.ts';
import { appContext } from '../shared/context.ts';
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
  const company = app.fields.company ?? {};
  const at = now();
  const initiative: PublishedInitiative = {
    id: app.id,
    slug: slugify(article.title) || app.id,
    axis: app.fields.initiative?.axis ?? '',
    article,
    company: { name: company.name ?? '', city: company.city ?? '', region: company.region ?? '', department: company.department ?? '' },
    website: app.fields.initiative?.website || undefined,
    photos: articlePhotos(article, parts.photos),
    approvedAt: at.toISOString(),
  };
  const site = renderSite({ campaign, initiatives: [initiative], siteUrl: ctx.env.SITE_URL, now: at, phase: 'launched' });
  const page = site.get(fileOf(`/initiatives/${initiative.slug}/`)) ?? [...site].find(([path]) => path.startsWith('/initiatives/'))?.[1];
  if (!page) throw notFound('Aperçu indisponible.');
  return json(200, { html: String(page.body), assetsPrefix: ASSETS_PREFIX });
}

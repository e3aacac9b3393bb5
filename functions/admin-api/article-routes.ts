import type { ApplicationParts } from '../adapters/application-store.ts';
import { articleToValidateEmail } from '../domain/article-emails.ts';
import {
  draftVersion,
  photoIssues,
  saveArticleSchema,
  sendArticleSchema,
  sendRefusal,
  suggestArticle,
  validationTokenExpiry,
  validationUrl,
  type ArticleRecord,
} from '../domain/article-workflow.ts';
import type { ArticleScreen } from '../domain/admin-views.ts';
import { formatParisDate } from '../domain/campaign.ts';
import { conflict, invalid, notFound } from '../domain/errors.ts';
import { hashToken, newToken } from '../domain/tokens.ts';
import type { CampaignRecord } from '../domain/timeline.ts';
import { articleContext } from '../services/article-context.ts';
import { now } from '../shared/clock.ts';
import { appContext } from '../services/context.ts';
import { json, parseBody, type RouteContext } from '../shared/http.ts';
import { photosDetail } from './application-detail.ts';
import { requireAdmin } from './require-admin.ts';

type Ctx = ReturnType<typeof articleContext>;

async function loadFile(ctx: Ctx, id: string): Promise<{ parts: ApplicationParts; campaign: CampaignRecord }> {
  const parts = await ctx.applications.load(id);
  if (!parts) throw notFound('Dossier introuvable.');
  const campaign = await ctx.campaigns.get(parts.app.campaignId);
  if (!campaign) throw notFound('Campagne introuvable.');
  return { parts, campaign };
}

const readySlots = (parts: ApplicationParts) =>
  parts.photos.filter((p) => p.state === 'ready' && p.variants?.length).map((p) => p.slot);

/** Everything the article screen shows: the working copy (or a first draft), the versions sent, the photos. */
async function articleScreen(
  ctx: Ctx,
  parts: ApplicationParts,
  campaign: CampaignRecord,
  record?: ArticleRecord,
): Promise<ArticleScreen> {
  const { app } = parts;
  const photos = photosDetail(parts).filter((p) => readySlots(parts).includes(p.slot));
  return {
    application: {
      id: app.id,
      initiative: app.fields.initiative?.name ?? '',
      company: app.fields.company?.name ?? '',
      contactEmail: app.contactEmail,
      description: app.fields.initiative?.description ?? '',
      decision: app.decision?.outcome ?? null,
      decisionSentAt: app.decisionSentAt ?? null,
    },
    campaign: {
      id: campaign.id,
      title: campaign.title,
      validationEnd: campaign.dates.validationEnd,
      validationEndLabel: formatParisDate(campaign.dates.validationEnd),
    },
    record: record ?? null,
    suggestion: record ? null : suggestArticle(app.fields, photos),
    versions: await ctx.articles.versions(app.id),
    photos,
    sendRefusal: sendRefusal(app, campaign, now()) ?? null,
  };
}

/** GET /api/admin/applications/:id/article */
export async function getArticle({ event, params }: RouteContext) {
  requireAdmin(event);
  const ctx = articleContext(appContext());
  const { parts, campaign } = await loadFile(ctx, params.id!);
  return json(200, await articleScreen(ctx, parts, campaign, await ctx.articles.get(parts.app.id)));
}

/**
 * PUT /api/admin/applications/:id/article: saves the working copy. After a version went out (sent,
 * sent back, approved), saving starts the next version: the enterprise's link keeps showing the
 * version it was sent until the new one is sent.
 */
export async function saveArticle({ event, params }: RouteContext) {
  const admin = requireAdmin(event);
  const ctx = articleContext(appContext());
  const { article, revision } = parseBody(event, saveArticleSchema);
  const { parts, campaign } = await loadFile(ctx, params.id!);
  if (parts.app.decision?.outcome !== 'selected') throw conflict('Seules les initiatives retenues ont un article.');
  // A new version could no longer be sent, so the approved one would never be replaced: it stays as is.
  if (now().getTime() > Date.parse(campaign.dates.validationEnd))
    throw conflict('La période de validation est terminée\u00a0: l’article ne peut plus être modifié.');
  const issues = photoIssues(article, readySlots(parts));
  if (issues.length) throw invalid(issues);
  const current = await ctx.articles.get(parts.app.id);
  if (current && revision !== current.revision)
    throw conflict(
      'L’article a été modifié entre-temps (par une autre personne ou par l’entreprise)\u00a0: rechargez-le avant de l’enregistrer.',
    );
  const at = now().toISOString();
  const next: ArticleRecord = {
    comments: [],
    ...current,
    applicationId: parts.app.id,
    campaignId: parts.app.campaignId,
    status: 'draft',
    version: draftVersion(current),
    article,
    revision: (current?.revision ?? 0) + 1,
    updatedAt: at,
    updatedBy: admin.email,
  };
  if (!(await ctx.articles.put(next, current?.revision)))
    throw conflict('L’article a été modifié entre-temps\u00a0: rechargez-le avant de l’enregistrer.');
  return json(200, await articleScreen(ctx, parts, campaign, next));
}

/**
 * POST /api/admin/applications/:id/article/send {version}: freezes the version and emails the
 * enterprise a private link to it. Replayed (double click, retry after an error), it freezes
 * nothing twice and the email goes once (its key carries the version).
 */
export async function sendArticle({ event, params }: RouteContext) {
  const admin = requireAdmin(event);
  const ctx = articleContext(appContext());
  const { version } = parseBody(event, sendArticleSchema);
  const { parts, campaign } = await loadFile(ctx, params.id!);
  const { app } = parts;
  const at = now();
  const refusal = sendRefusal(app, campaign, at);
  if (refusal) throw conflict(refusal);
  let record = await ctx.articles.get(app.id);
  if (!record) throw conflict('Enregistrez d’abord l’article.');
  if (record.status === 'draft' && record.version === version) {
    // False when the other click of a double click sent it first, or an edit came in: read what won.
    await ctx.articles.markSent(record, at.toISOString(), admin.email);
    record = (await ctx.articles.get(app.id))!;
  }
  if (record.sentVersion !== version || record.status === 'draft')
    throw conflict('L’article a changé depuis votre aperçu\u00a0: relisez-le puis envoyez-le à nouveau.');

  const emailed = await ctx.mailer.sendOnce({
    idempotencyKey: `${app.id}#article#${version}`,
    to: app.contactEmail,
    kind: 'article-validation',
    applicationId: app.id,
    now: at.toISOString(),
    compose: async () => {
      const token = newToken();
      await ctx.articles.addToken(hashToken(token), app.id, validationTokenExpiry(campaign), at.toISOString());
      return articleToValidateEmail({
        firstName: app.fields.contact?.firstName,
        initiativeName: app.fields.initiative?.name,
        validationUrl: validationUrl(ctx.env.SITE_URL, token),
        validationEndLabel: formatParisDate(campaign.dates.validationEnd),
        version,
      });
    },
  });
  if (emailed)
    await ctx.applications.addHistory(app.id, at.toISOString(), { type: 'article-sent', version, by: admin.email });
  return json(200, { ...(await articleScreen(ctx, parts, campaign, record)), emailed });
}

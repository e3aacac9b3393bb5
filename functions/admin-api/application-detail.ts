import * as z from 'zod/mini';
import type { ApplicationParts, ReleaseRecord } from '../adapters/application-store.ts';
import { UndeliverableStore } from '../adapters/undeliverable-store.ts';
import { UploadsBucket } from '../adapters/uploads-bucket.ts';
import type { ApplicationDetail, PhotoDetail, PhotoWithOriginal, ReleaseDetail } from '../domain/admin-views.ts';
import { photoFileName } from '../domain/photo-archive.ts';
import { DomainError, notFound } from '../domain/errors.ts';
import { decisionInputSchema } from '../domain/timeline.ts';
import { appContext, type AppContext } from '../services/context.ts';
import { completenessOf } from '../services/evaluate.ts';
import { fileObjects } from '../services/file-objects.ts';
import { originalsOf, stemOf } from '../services/photo-originals.ts';
import { json, parseBody, type RouteContext } from '../shared/http.ts';
import { articleContext } from '../services/article-context.ts';
import { decide } from './decision-routes.ts';
import { requireAdmin } from './require-admin.ts';
import { s3Client } from '../shared/clients/s3.ts';

/** Long enough to open the file, short enough that a copied link soon stops working. */
const FILE_LINK_SECONDS = 10 * 60;

/** The release's file: the PDF proof of an online signature, or the scan sent unless it was rejected. */
function releaseFileKey(release: ReleaseRecord): string | undefined {
  if (release.mode === 'online') return release.proofKey;
  return release.state === 'rejected' ? undefined : release.key;
}

/** The signed release, with a short-lived link to its file. */
async function releaseDetail(ctx: AppContext, release: ReleaseRecord | null): Promise<ReleaseDetail | null> {
  if (!release) return null;
  const key = releaseFileKey(release);
  const file = key
    ? {
        url: await new UploadsBucket(s3Client(), ctx.env.UPLOADS_BUCKET).readLink(key, 'inline', FILE_LINK_SECONDS),
        expiresIn: FILE_LINK_SECONDS,
      }
    : null;
  if (release.mode === 'online') {
    return {
      mode: release.mode,
      imageCount: release.imageCount,
      signatory: release.signatory,
      signedAt: release.signedAt,
      details: release.details,
      file,
    };
  }
  return { mode: release.mode, state: release.state, imageCount: release.imageCount, message: release.message, file };
}

export function photosDetail(parts: ApplicationParts): PhotoDetail[] {
  return parts.photos
    .filter((p) => p.uploadId && p.state)
    .sort((a, b) => a.slot - b.slot)
    .map((p) => ({
      slot: p.slot,
      state: p.state!,
      message: p.message,
      caption: p.caption ?? '',
      credit: p.credit ?? '',
      width: p.width,
      height: p.height,
      variants: (p.variants ?? []).map((v) => ({
        width: v.width,
        height: v.height,
        format: v.format,
        url: `/${v.key}`,
      })),
    }));
}

/** Each photo with a download link to its original, named as in the ZIPs (functions/domain/photo-archive.ts). */
async function withOriginals(ctx: AppContext, parts: ApplicationParts): Promise<PhotoWithOriginal[]> {
  const originals = await originalsOf(fileObjects(ctx), parts);
  const bucket = new UploadsBucket(s3Client(), ctx.env.UPLOADS_BUCKET);
  const links = await Promise.all(
    originals.map(async (o) => {
      const name = photoFileName(stemOf(parts), o);
      const url = await bucket.readLink(o.key, `attachment; filename="${name}"`, FILE_LINK_SECONDS);
      return [o.slot, { url, name }] as const;
    }),
  );
  const bySlot = new Map(links);
  return photosDetail(parts).map((p) => ({ ...p, original: bySlot.get(p.slot) ?? null }));
}

/** Why no decision can be recorded on this file now (undefined: it can). */
function decisionLock(parts: ApplicationParts, phase: string): string | undefined {
  if (phase === 'draft' || phase === 'open') return 'Les décisions se prennent après la date limite de dépôt.';
  if (parts.app.decisionSentAt || phase !== 'review')
    return 'Les décisions ont été annoncées\u00a0: elles ne peuvent plus changer.';
  if (parts.app.closedStatus !== 'complete')
    return 'Ce dossier n’était pas complet à la date limite\u00a0: il n’est pas examiné.';
  return undefined;
}

/** GET /api/admin/applications/:id: every field, photos, release, decision, article status and history. */
export async function getApplicationDetail({ event, params }: RouteContext) {
  requireAdmin(event);
  const ctx = articleContext(appContext());
  const parts = await ctx.applications.load(params.id!);
  if (!parts) throw notFound('Dossier introuvable.');
  const [campaign, history, article, release, undeliverable, photos] = await Promise.all([
    ctx.campaigns.get(parts.app.campaignId),
    ctx.applications.history(parts.app.id),
    ctx.articles.get(parts.app.id),
    releaseDetail(ctx, parts.release),
    // SES's permanent bounce or complaint for the address every email of the file goes to.
    new UndeliverableStore(ctx.clients.dynamo, ctx.env.TABLE_NAME).markOf(parts.app.contactEmail),
    withOriginals(ctx, parts),
  ]);
  if (!campaign) throw notFound('Campagne introuvable.');
  const { app } = parts;
  const completeness = completenessOf(parts, campaign);
  return json(200, {
    application: {
      id: app.id,
      campaignId: app.campaignId,
      status: app.status,
      closedStatus: app.closedStatus ?? null,
      submitted: app.submitted,
      fields: app.fields,
      missing: completeness.missing,
      contactEmail: app.contactEmail,
      undeliverable: undeliverable ?? null,
      decision: app.decision ?? null,
      decisionSentAt: app.decisionSentAt ?? null,
      withdrawnAt: app.withdrawnAt ?? null,
      reference: app.reference ?? null,
      createdAt: app.createdAt,
      updatedAt: app.updatedAt,
    },
    campaign: { id: campaign.id, title: campaign.title, phase: campaign.phase, photoCount: campaign.photoCount },
    decisionLock: decisionLock(parts, campaign.phase) ?? null,
    photos,
    release,
    article: article
      ? {
          status: article.status,
          version: article.version,
          sentVersion: article.sentVersion ?? null,
          approvedAt: article.approvedAt ?? null,
          approvedBy: article.approvedBy ?? null,
        }
      : null,
    history: history.sort((a, b) => a.at.localeCompare(b.at)),
  } satisfies ApplicationDetail);
}

const bulkDecisionSchema = z.extend(decisionInputSchema, {
  campaignId: z.string().check(z.minLength(1), z.maxLength(100)),
  ids: z
    .array(z.string().check(z.minLength(1), z.maxLength(100)))
    .check(z.minLength(1, 'Sélectionnez au moins un dossier.'), z.maxLength(500, '500 dossiers au plus à la fois.')),
});

/**
 * POST /api/admin/decisions: the same decision for a selection of files (each under the one
 * decision rule); the answer says, per file, whether it was recorded and why not.
 */
export async function bulkDecisions({ event }: RouteContext) {
  const admin = requireAdmin(event);
  const ctx = appContext();
  const { campaignId, ids, ...input } = parseBody(event, bulkDecisionSchema);
  const results: { id: string; ok: boolean; message?: string }[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      await decide(ctx, id, input, admin, campaignId);
      results.push({ id, ok: true });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push({ id, ok: false, message: error.message });
    }
  }
  return json(200, { campaignId, outcome: input.outcome, decided: results.filter((r) => r.ok).length, results });
}

import { randomBytes } from 'node:crypto';
import { zipSync, type Zippable } from 'fflate';
import * as z from 'zod/mini';
import { ERASURE_REASONS } from '../adapters/erasure-store.ts';
import { notFound } from '../domain/errors.ts';
import { articleContext } from '../services/article-context.ts';
import { now } from '../shared/clock.ts';
import { appContext } from '../services/context.ts';
import { eraseFile } from '../services/erase-file.ts';
import { json, parseBody, type RouteContext } from '../shared/http.ts';
import { log } from '../shared/log.ts';
import { requireAdmin } from './require-admin.ts';
import { fileObjects } from '../services/file-objects.ts';

/** What the team types to confirm an erasure (the console asks for it; the API checks it too). */
export const ERASURE_CONFIRMATION = 'SUPPRIMER';
/** The reasons the team may give (the purge and the form have their own). */
export const CONSOLE_ERASURE_REASONS = ['data-subject-request', 'withdrawn-application', 'entered-by-mistake'] as const;

const eraseSchema = z.object({
  confirmation: z.literal(ERASURE_CONFIRMATION, `Tapez ${ERASURE_CONFIRMATION} pour confirmer la suppression.`),
  reason: z.enum(CONSOLE_ERASURE_REASONS, 'Choisissez le motif de la suppression.'),
});

/**
 * DELETE /api/admin/applications/:id `{confirmation: 'SUPPRIMER', reason}`: erases the file
 * everywhere (functions/services/erase-file.ts). The audit log records the reason code and the counts,
 * never the file's content. Again on an erased file: finishes an interrupted erasure, or 404.
 */
export async function eraseApplicationData({ event, params }: RouteContext) {
  requireAdmin(event);
  const { reason } = parseBody(event, eraseSchema);
  const report = await eraseFile(appContext(), params.id!, reason);
  return json(200, { campaignId: report.campaignId, reason, reasonLabel: ERASURE_REASONS[reason], erased: report });
}

/** Long enough to start the download, short enough that a forwarded link soon stops working. */
const EXPORT_LINK_SECONDS = 5 * 60;

/**
 * GET /api/admin/applications/:id/export: a ZIP of everything the platform holds on the file (access
 * and portability, GDPR art. 15 and 20): its fields and parts as JSON (`dossier.json`), its history
 * (`historique.json`), its article and the versions sent, the original photos and the release (scan
 * or PDF proof) as uploaded. Always written to S3 (`exports/<id>/`, expired by lifecycle after a day)
 * behind a 5-minute presigned link: four originals alone may weigh 80 MB, far above what a Lambda
 * response carries (6 MB), and one path is simpler to trust than two.
 */
export async function exportApplicationData({ event, params }: RouteContext) {
  requireAdmin(event);
  const ctx = articleContext(appContext());
  const id = params.id!;
  const parts = await ctx.applications.load(id);
  if (!parts) throw notFound('Dossier introuvable.');
  const objects = fileObjects(ctx);
  const [history, article, versions, uploads] = await Promise.all([
    ctx.applications.history(id),
    ctx.articles.get(id),
    ctx.articles.versions(id),
    objects.currentUploads(id),
  ]);
  const at = now();
  const files: Zippable = {
    'dossier.json': jsonFile({
      exportedAt: at.toISOString(),
      application: parts.app,
      photos: parts.photos,
      release: parts.release,
    }),
    'historique.json': jsonFile(history),
    ...(article ? { 'article.json': jsonFile({ article, versionsSent: versions }) } : {}),
  };
  for (const upload of uploads) {
    // photos/<id>/<slot>/<upload>.jpg → photos/<slot>-<upload>.jpg; releases/ and proofs/ → decharge/.
    const [prefix, , ...rest] = upload.key.split('/');
    const folder = prefix === 'photos' ? 'photos' : 'decharge';
    // Stored, not deflated: JPEG, PNG, WebP and PDF are compressed already.
    files[`${folder}/${rest.join('-')}`] = [await objects.readUpload(upload.key), { level: 0 }];
  }
  const zip = zipSync(files);
  const name = `dossier-${id}-${at.toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}.zip`;
  const url = await objects.writeExport(id, name, zip, EXPORT_LINK_SECONDS);
  log.info('application exported', {
    applicationId: id,
    bytes: zip.byteLength,
    uploads: uploads.length,
    history: history.length,
  });
  return json(200, {
    campaignId: parts.app.campaignId,
    url,
    name,
    bytes: zip.byteLength,
    expiresIn: EXPORT_LINK_SECONDS,
    uploads: uploads.length,
  });
}

const jsonFile = (value: unknown): Uint8Array => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

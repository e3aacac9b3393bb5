import { randomBytes } from 'node:crypto';
import { zipSync, type Zippable } from 'fflate';
import { DateTime } from 'luxon';
import * as z from 'zod/mini';
import type { ApplicationParts } from '../adapters/application-store.ts';
import type { FileObjects } from '../adapters/file-objects.ts';
import type { PhotoArchive } from '../domain/admin-views.ts';
import { ZONE } from '../domain/campaign.ts';
import { conflict, notFound } from '../domain/errors.ts';
import { archiveNames, checkArchiveWeight, PHOTO_ARCHIVE_LIMITS } from '../domain/photo-archive.ts';
import { appContext } from '../services/context.ts';
import { fileObjects } from '../services/file-objects.ts';
import { originalsOf, stemOf } from '../services/photo-originals.ts';
import { now } from '../shared/clock.ts';
import { json, parseBody, type RouteContext } from '../shared/http.ts';
import { log } from '../shared/log.ts';
import { requireAdmin } from './require-admin.ts';

/** Long enough to start the download, short enough that a forwarded link soon stops working. */
const ARCHIVE_LINK_SECONDS = 5 * 60;

/** The ZIP of the files' originals, named by initiative, number and credit; refused above its bound. */
async function zipOriginals(
  objects: FileObjects,
  files: ApplicationParts[],
  none: string,
): Promise<{ zip: Uint8Array; photos: number }> {
  const originals = await Promise.all(files.map((parts) => originalsOf(objects, parts)));
  const photos = originals.flat();
  if (!photos.length) throw conflict(none);
  // Checked on the listed sizes, before anything is read.
  checkArchiveWeight(photos.reduce((sum, o) => sum + o.bytes, 0));
  const names = archiveNames(files.map((parts, i) => ({ stem: stemOf(parts), photos: originals[i]! })));
  const entries: Zippable = {};
  for (const [i, list] of originals.entries()) {
    const bytes = await Promise.all(list.map((o) => objects.readUpload(o.key)));
    // Stored, not deflated: JPEG, PNG and WebP are compressed already.
    list.forEach((_, j) => (entries[names[i]![j]!] = [bytes[j]!, { level: 0 }]));
  }
  return { zip: zipSync(entries), photos: photos.length };
}

const archiveName = (label: string) =>
  `photos-${label}-${DateTime.fromJSDate(now(), { zone: ZONE }).toFormat('yyyy-MM-dd')}-${randomBytes(4).toString('hex')}.zip`;

/** The console's answer: the ZIP's 5-minute link, its name and weight, and what it holds. */
const archiveAnswer = (
  campaignId: string,
  archive: { url: string; name: string; zip: Uint8Array; files: number; photos: number },
) =>
  json(200, {
    campaignId,
    url: archive.url,
    name: archive.name,
    bytes: archive.zip.byteLength,
    expiresIn: ARCHIVE_LINK_SECONDS,
    files: archive.files,
    photos: archive.photos,
  } satisfies PhotoArchive);

/** GET /api/admin/applications/:id/photo-archive: the file's originals in a ZIP, behind a 5-minute link (audited). */
export async function archiveApplicationPhotos({ event, params }: RouteContext) {
  requireAdmin(event);
  const ctx = appContext();
  const parts = await ctx.applications.load(params.id!);
  if (!parts) throw notFound('Dossier introuvable.');
  const objects = fileObjects(ctx);
  const { zip, photos } = await zipOriginals(objects, [parts], 'Ce dossier n’a pas encore de photo acceptée.');
  const name = archiveName(stemOf(parts));
  const url = await objects.writeExport(parts.app.id, name, zip, ARCHIVE_LINK_SECONDS);
  log.info('photos archived', { applicationId: parts.app.id, photos, bytes: zip.byteLength });
  return archiveAnswer(parts.app.campaignId, { url, name, zip, files: 1, photos });
}

const selectionSchema = z.object({
  campaignId: z.string().check(z.minLength(1), z.maxLength(100)),
  ids: z
    .array(z.uuid('Dossier inconnu.'))
    .check(
      z.minLength(1, 'Sélectionnez au moins un dossier dans la liste.'),
      z.maxLength(
        PHOTO_ARCHIVE_LIMITS.files,
        `${PHOTO_ARCHIVE_LIMITS.files} dossiers au plus par fichier ZIP\u00a0: sélectionnez-en moins et recommencez.`,
      ),
    ),
});

/**
 * POST /api/admin/photo-archives `{campaignId, ids}`: the originals of a selection of the list in
 * one ZIP, behind a 5-minute link (audited). It is written outside any file's folder, so an erasure
 * does not reach it: it expires by lifecycle the next day, as every export does.
 */
export async function archiveSelectedPhotos({ event }: RouteContext) {
  requireAdmin(event);
  const ctx = appContext();
  const { campaignId, ids } = parseBody(event, selectionSchema);
  const files = await Promise.all([...new Set(ids)].map((id) => ctx.applications.load(id)));
  // A 409, not a 404: CloudFront answers its own page for a 404 (the distribution's error page), and
  // the console must show these words.
  if (files.some((parts) => parts?.app.campaignId !== campaignId))
    throw conflict('Un dossier de la sélection est introuvable\u00a0: rechargez la liste.');
  const objects = fileObjects(ctx);
  const { zip, photos } = await zipOriginals(
    objects,
    files as ApplicationParts[],
    'Aucun des dossiers sélectionnés n’a de photo acceptée.',
  );
  const name = archiveName(`${files.length}-dossiers`);
  const url = await objects.writeSelectionExport(name, zip, ARCHIVE_LINK_SECONDS);
  log.info('photos archived', { files: files.length, photos, bytes: zip.byteLength });
  return archiveAnswer(campaignId, { url, name, zip, files: files.length, photos });
}

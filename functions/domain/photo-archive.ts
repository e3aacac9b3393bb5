import { slugify } from './article.ts';
import { invalid } from './errors.ts';

/**
 * The original photos as the team downloads them, one by one or in a ZIP: each named after its
 * initiative, its number and its credit (`Jardin-partage_photo-2_credit-Marie-Dupont.jpg`), in plain
 * ASCII so that every system, mail attachment and archive tool keeps the name as is.
 */

/** One original photo of a file: its slot, its credit and its extension (from its S3 key). */
export interface OriginalPhoto {
  slot: number;
  credit: string;
  ext: string;
}

/** « Photo : », « Crédit photo : », « © » before the name add nothing to a file name. */
const CREDIT_LEAD = /^\s*(?:©|\(c\))?\s*(?:(?:(?:cr[ée]dits?|photos?)\s*)+:)?\s*/i;

/** The initiative's part of the names: its name, else its company's, else « dossier ». */
export const initiativeStem = (initiative: string | undefined, company?: string) =>
  slugify(initiative ?? '', { keepCase: true, max: 60 }) ||
  slugify(company ?? '', { keepCase: true, max: 60 }) ||
  'dossier';

/** `<stem>_photo-<slot>[_credit-<credit>].<ext>`. */
export function photoFileName(stem: string, photo: OriginalPhoto): string {
  const credit = slugify(photo.credit.replace(CREDIT_LEAD, ''), { keepCase: true, max: 40 });
  return `${stem}_photo-${photo.slot}${credit ? `_credit-${credit}` : ''}.${photo.ext}`;
}

/**
 * The names of the photos of several files in one ZIP: two files of the same name (or of names that
 * fold to the same ASCII) get `-2`, `-3`… so that no entry replaces another, ignoring case as the
 * file systems of Windows and macOS do.
 */
export function archiveNames(files: { stem: string; photos: OriginalPhoto[] }[]): string[][] {
  const taken = new Set<string>();
  return files.map(({ stem, photos }) => {
    let unique = stem;
    for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = `${stem}-${n}`;
    taken.add(unique.toLowerCase());
    return photos.map((photo) => photoFileName(unique, photo));
  });
}

/**
 * How much one ZIP may hold. The console API builds it in memory (fflate's zipSync keeps the
 * originals and the archive: about twice their weight) within its 512 MB and 15 s: 150 MB of
 * originals measured ~350 MB of memory and ~1 s of zipping, leaving room for the reads and the
 * upload. Up to 4 photos of 20 MB each, a selection of many files meets the weight bound first; the
 * number of files bounds the loading and listing done before any photo is read.
 */
export const PHOTO_ARCHIVE_LIMITS = { files: 50, bytes: 150 * 1024 * 1024 } as const;

const MB = 1024 * 1024;

/** Refuses a ZIP above the weight bound, in words the team can act on. */
export function checkArchiveWeight(bytes: number): void {
  if (bytes <= PHOTO_ARCHIVE_LIMITS.bytes) return;
  throw invalid(
    [],
    `Ces photos pèsent ${Math.ceil(bytes / MB)} Mo\u00a0: un fichier ZIP en contient ${PHOTO_ARCHIVE_LIMITS.bytes / MB} Mo au plus. Sélectionnez moins de dossiers et recommencez.`,
  );
}

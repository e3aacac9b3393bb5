/**
 * The short reference a complete file is known by (« NTA-2028-0042 »): the edition's year and the
 * file's rank among the campaign's files that became complete, from a counter taken once per file
 * (functions/adapters/file-references.ts). Unique within a campaign (one campaign per edition), and
 * easy to read out on the phone or to find in a mailbox, where the file's id is not.
 */

/** « Nos territoires ont de l'avenir ». */
export const REFERENCE_PREFIX = 'NTA';

/** At least four digits: « 0042 »; a 10 000th file simply gets five. */
export function formatFileReference(year: number, rank: number): string {
  if (!Number.isInteger(rank) || rank < 1) throw new Error(`file reference: rank ${rank} is not a positive integer`);
  return `${REFERENCE_PREFIX}-${year}-${String(rank).padStart(4, '0')}`;
}

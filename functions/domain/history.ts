/**
 * The emails a file's history records, as `{ type: 'email', kind, …facts }`: one line per email
 * queued for the file (not for one already queued, so a retry adds none). The console labels each
 * kind in French (`EMAIL_KINDS`, frontend/admin/labels.ts, typed by this union: a new kind without
 * its label does not compile).
 */
export type HistoryEmailKind =
  | 'welcome'
  | 'complete'
  | 'missing'
  | 'release-copy'
  | 'reminder'
  | 'not-processed'
  | 'decision'
  | 'validation-reminder'
  | 'launch'
  | 'winner';

/** The history line of an email of `kind`, with its facts (ids and outcomes, never an address). */
export const emailHistory = (kind: HistoryEmailKind, facts: Record<string, string | number | boolean> = {}) => ({
  type: 'email',
  kind,
  ...facts,
});

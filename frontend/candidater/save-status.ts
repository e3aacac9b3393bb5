import { byId } from '../shared/dom.ts';
import { formatTime } from './dates.ts';

/** The « Enregistré à 14 h 32 » line (a polite live region) and its « Réessayer » button. */
export function showStatus(text: string, kind: 'info' | 'ok' | 'error' = 'info', retry = false): void {
  const status = byId('save-status');
  if (status.textContent !== text) status.textContent = text;
  status.dataset.kind = kind;
  byId('save-retry').hidden = !retry;
}

/** The messages of the fields autosave could not store (set by autosave, which owns them). */
let refusedFields: () => string[] = () => [];
export function reportRefused(source: () => string[]): void {
  refusedFields = source;
}

/** After a save that worked: « Enregistré à … », unless some field could not be stored, which it names. */
export function showSaved(extra = ''): void {
  const refused = refusedFields();
  if (refused.length) showStatus(`Non enregistré\u00a0: ${refused.join(' ')} Le reste est enregistré.`, 'error');
  else showStatus(`Enregistré à ${formatTime(new Date())}.${extra}`, 'ok');
}

/** Next to a photo or the release that cannot be sent before the file exists. */
export const NEED_EMAIL_FIRST =
  'Indiquez d’abord votre courriel dans la partie «\u00a0Personne à contacter\u00a0»\u00a0: c’est ce qui enregistre votre dossier.';

/** Short: it sits in the sticky bar; the email field's hint says why. */
export const NEED_EMAIL = 'Pas encore enregistré\u00a0: il suffit d’indiquer votre courriel (partie 2).';

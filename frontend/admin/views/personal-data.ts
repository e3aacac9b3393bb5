import { api } from '../api.ts';
import { go } from '../nav.ts';
import { downloadNotice, field, h, notice, onSubmit, radios } from '../ui.ts';

/** What the team types to confirm (ERASURE_CONFIRMATION of functions/admin-api/personal-data-routes.ts). */
const CONFIRMATION = 'SUPPRIMER';
const REASONS = [
  { value: 'data-subject-request', label: 'Demande de la personne concernée' },
  { value: 'withdrawn-application', label: 'Candidature retirée par l’entreprise' },
  { value: 'entered-by-mistake', label: 'Dossier créé par erreur ou en double' },
];

/**
 * « Données personnelles » of a file: « Exporter les données » (a ZIP, by a short-lived link) and
 * « Supprimer les données de ce dossier » (a reason, the word typed to confirm). Both are audited.
 */
export function personalDataSection(applicationId: string): HTMLElement {
  const path = `/api/admin/applications/${encodeURIComponent(applicationId)}`;
  const exportMessage = h('div', { class: 'form-message', 'aria-live': 'polite' });
  const exportButton = h('button', { type: 'submit', class: 'button button--secondary' }, 'Exporter les données');
  const exportForm = h(
    'form',
    {},
    h(
      'p',
      {},
      'Tout ce que la plateforme garde de ce dossier, en un fichier ZIP\u00a0: les champs, l’historique, l’article, les photos d’origine et la décharge.',
    ),
    exportMessage,
    h('div', { class: 'actions' }, exportButton),
  );
  onSubmit(exportForm, exportButton, exportMessage, async () => {
    const res = await api<{ url: string; name: string; expiresIn: number }>('GET', `${path}/export`);
    exportMessage.replaceChildren(downloadNotice(res));
  });

  const reason = radios('Motif de la suppression', 'reason', REASONS);
  const typed = field({
    label: `Pour confirmer, tapez ${CONFIRMATION}`,
    name: 'confirmation',
    hint: 'La suppression est définitive\u00a0: le dossier, ses photos, sa décharge, son historique et sa page publiée, s’il en a une.',
    attrs: { autocomplete: 'off' },
  });
  const eraseMessage = h('div', { class: 'form-message', 'aria-live': 'polite' });
  const eraseButton = h(
    'button',
    { type: 'submit', class: 'button button--danger' },
    'Supprimer les données de ce dossier',
  );
  const eraseForm = h(
    'form',
    { novalidate: '' },
    reason,
    typed.wrapper,
    eraseMessage,
    h('div', { class: 'actions' }, eraseButton),
  );
  onSubmit(eraseForm, eraseButton, eraseMessage, async () => {
    const chosen = (eraseForm.querySelector('input[name="reason"]:checked') as HTMLInputElement | null)?.value;
    if (!chosen) return void eraseMessage.replaceChildren(notice('error', 'Choisissez le motif de la suppression.'));
    if (typed.control.value.trim() !== CONFIRMATION)
      return void eraseMessage.replaceChildren(notice('error', `Tapez ${CONFIRMATION} pour confirmer la suppression.`));
    await api('DELETE', path, { confirmation: CONFIRMATION, reason: chosen });
    go('#/dossiers');
  });

  return h(
    'section',
    { 'aria-labelledby': 'donnees', class: 'detail-section' },
    h('h2', { id: 'donnees' }, 'Données personnelles'),
    exportForm,
    h('h3', {}, 'Supprimer les données de ce dossier'),
    eraseForm,
  );
}

import type { ApplicationView } from '../../functions/domain/views.ts';
import { api } from './api.ts';
import { failed, forgetChanges, save } from './autosave.ts';
import { refreshChecklist } from './checklist.ts';
import { showDeleteDraft } from './delete-draft.ts';
import { byId, onClick, focusElement } from '../shared/dom.ts';
import { issueItem, setFieldError } from './field-errors.ts';
import { fillSection, allPaths } from './form-fields.ts';
import { commitRemovals, resetPhotos } from './photos.ts';
import { resetRelease } from './release.ts';
import { NEED_EMAIL_FIRST, showStatus } from './save-status.ts';
import { refreshCounter } from './sections.ts';
import { filesPending, filesSettled, newCreationKey, setCredentials, setView, store } from './store.ts';

/** The form (with its introduction) or the confirmation after sending. */
export function showPage(page: 'form' | 'confirmation'): void {
  const form = page === 'form';
  for (const id of ['intro', 'resume', 'form-view']) byId(id).hidden = !form;
  byId('confirmation').hidden = form;
  if (form) retitle('Présenter une initiative');
}

/** The page's title, « <what> – <site> », for what the page shows now. */
export const retitle = (what: string) => (document.title = document.title.replace(/^.*? – /, `${what} – `));

/** « Vérifier et envoyer »: the send button, the confirmation (what is missing: checklist.ts). */
export function setupSubmission(): void {
  const button = byId('send-button');
  onClick(button, send);
  byId('confirmation-back').addEventListener('click', () => showForm('send-title'));
  byId('confirmation-complete-it').addEventListener('click', () => showForm('send-title'));
  byId('another').addEventListener('click', another);
}

async function send(): Promise<void> {
  const error = byId('send-error');
  error.textContent = '';
  await commitRemovals();
  if (filesPending()) {
    const status = byId('send-status');
    status.textContent =
      'Vos fichiers sont en cours d’envoi ou de vérification\u00a0: votre dossier partira dès qu’ils seront prêts.';
    await filesSettled();
    status.textContent = '';
  }
  await save();
  if (!store.id) {
    error.textContent = NEED_EMAIL_FIRST;
    return focusElement(byId('contact-email'));
  }
  try {
    const view = await api<ApplicationView>('POST', `/api/applications/${store.id}/submit`);
    setView(view);
    showConfirmation(view);
  } catch (e) {
    failed(e, []);
    error.textContent = `L’envoi n’a pas abouti\u00a0: ${(e as Error).message}`;
  }
}

export function showConfirmation(view: ApplicationView): void {
  const campaign = store.campaign;
  const complete = view.status === 'complete';
  showPage('confirmation');
  const section = byId('confirmation');
  byId('confirmation-title').textContent = complete
    ? `Votre dossier est complet${view.reference ? ` (référence ${view.reference})` : ''}`
    : 'Votre dossier est incomplet';
  retitle(complete ? 'Dossier complet' : 'Dossier incomplet');
  byId('confirmation-complete').hidden = !complete;
  byId('confirmation-incomplete').hidden = complete;
  const set = (selector: string, text: string | undefined) => {
    for (const el of section.querySelectorAll(selector)) if (text) el.textContent = text;
  };
  set('.confirmation-name', view.fields.initiative?.name ? `«\u00a0${view.fields.initiative.name}\u00a0»` : undefined);
  set('.confirmation-email', view.fields.contact?.email);
  set('.confirmation-notification', campaign?.notificationLabel ? `Vers le ${campaign.notificationLabel}` : undefined);
  set('.confirmation-launch', campaign?.launchLabel ? `Vers le ${campaign.launchLabel}` : undefined);
  // Its links lead back into the form (main.ts shows the form for any link into it).
  byId('confirmation-missing').replaceChildren(...view.missing.map((issue) => issueItem(issue)));
  focusElement(section, 'start');
}

function showForm(focusId: string): void {
  showPage('form');
  focusElement(byId(focusId), 'start');
}

/** A new application, with the company and the contact of the previous one already filled in. */
function another(): void {
  setCredentials(null);
  store.view = null;
  store.id = null;
  store.creationKey = newCreationKey();
  forgetChanges();
  fillSection('initiative', undefined);
  for (const path of allPaths('initiative')) setFieldError(path.replace('.', '-'), null);
  refreshCounter();
  resetPhotos();
  resetRelease();
  refreshChecklist();
  showDeleteDraft(null);
  const notice = byId('another-notice');
  byId('resume-notice').hidden = true;
  notice.hidden = false;
  showStatus('Nouveau dossier, pas encore enregistré.');
  showPage('form');
  focusElement(notice, 'start');
}

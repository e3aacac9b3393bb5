import type { ApplicationView } from '../../functions/domain/views.ts';
import { api } from './api.ts';
import { failed, forgetChanges, save } from './autosave.ts';
import { showDeleteDraft } from './delete-draft.ts';
import { byId, onClick, focusElement } from '../shared/dom.ts';
import { issueItem, setFieldError } from './field-errors.ts';
import { fillSection, allPaths } from './form-fields.ts';
import { resetPhotos } from './photos.ts';
import { resetRelease } from './release.ts';
import { showStatus } from './save-status.ts';
import { refreshCounter } from './sections.ts';
import { filesPending, filesSettled, newCreationKey, onView, setCredentials, setView, store } from './store.ts';

/** The form (with its introduction) or the confirmation after sending. */
export function showPage(page: 'form' | 'confirmation'): void {
  const form = page === 'form';
  for (const id of ['intro', 'resume', 'form-view']) byId(id).hidden = !form;
  byId('confirmation').hidden = form;
  document.title = form ? "Présenter une initiative – Nos territoires ont de l'avenir" : document.title;
}

/** « Vérifier et envoyer »: what is still missing, the send button, the confirmation. */
export function setupSubmission(): void {
  onView(renderMissing);
  renderMissing(null);
  const button = byId('send-button');
  onClick(button, send);
  byId('confirmation-back').addEventListener('click', () => showForm('send-title'));
  byId('confirmation-complete-it').addEventListener('click', () => showForm('send-title'));
  byId('another').addEventListener('click', another);
}

export function renderMissing(view: ApplicationView | null): void {
  const intro = byId('missing-intro');
  const list = byId('missing-list');
  if (!view) {
    intro.textContent =
      "Votre dossier n'est pas encore enregistré : commencez par le remplir ci-dessus. Il est enregistré dès que votre courriel est indiqué.";
    list.replaceChildren();
    return;
  }
  const n = view.missing.length;
  intro.textContent = n
    ? `Il manque encore ${n === 1 ? 'un élément' : `${n} éléments`} pour que votre dossier soit complet :`
    : 'Tout y est : votre dossier est prêt à être envoyé.';
  list.replaceChildren(...view.missing.map((issue) => issueItem(issue)));
}

async function send(): Promise<void> {
  const error = byId('send-error');
  error.textContent = '';
  if (filesPending()) {
    const status = byId('send-status');
    status.textContent =
      'Vos fichiers sont en cours d’envoi ou de vérification : votre dossier partira dès qu’ils seront prêts.';
    await filesSettled();
    status.textContent = '';
  }
  await save();
  if (!store.id) {
    error.textContent =
      "Votre dossier n'est pas encore enregistré : indiquez d'abord votre courriel dans la partie « Personne à contacter ».";
    return focusElement(byId('contact-email'));
  }
  try {
    const view = await api<ApplicationView>('POST', `/api/applications/${store.id}/submit`);
    setView(view);
    showConfirmation(view);
  } catch (e) {
    failed(e, []);
    error.textContent = `L'envoi n'a pas abouti : ${(e as Error).message}`;
  }
}

export function showConfirmation(view: ApplicationView): void {
  const campaign = store.campaign;
  const complete = view.status === 'complete';
  showPage('confirmation');
  const section = byId('confirmation');
  byId('confirmation-title').textContent = complete ? 'Votre dossier est complet' : 'Votre dossier est incomplet';
  document.title = `${complete ? 'Dossier complet' : 'Dossier incomplet'} – Nos territoires ont de l'avenir`;
  byId('confirmation-complete').hidden = !complete;
  byId('confirmation-incomplete').hidden = complete;
  const set = (selector: string, text: string | undefined) => {
    for (const el of section.querySelectorAll(selector)) if (text) el.textContent = text;
  };
  set('.confirmation-name', view.fields.initiative?.name ? `« ${view.fields.initiative.name} »` : undefined);
  set('.confirmation-email', view.fields.contact?.email);
  set('.confirmation-deadline', campaign?.deadlineLabel);
  set('.confirmation-notification', campaign?.notificationLabel ? `Vers le ${campaign.notificationLabel}` : undefined);
  set('.confirmation-launch', campaign?.launchLabel ? `Vers le ${campaign.launchLabel}` : undefined);
  byId('confirmation-missing').replaceChildren(
    ...view.missing.map((issue) => {
      const item = issueItem(issue);
      // Links lead back into the form.
      item.querySelector('a')?.addEventListener('click', () => showPage('form'));
      return item;
    }),
  );
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
  renderMissing(null);
  showDeleteDraft(null);
  const notice = byId('resume-notice');
  notice.textContent =
    "Nouveau dossier : l'entreprise et la personne à contacter sont reprises du précédent. Il sera enregistré, avec un nouveau lien de reprise, dès votre première modification.";
  notice.hidden = false;
  showStatus('Nouveau dossier, pas encore enregistré.');
  showPage('form');
  focusElement(notice, 'start');
}

import type { ApplicationView } from '../../functions/domain/views.ts';
import { api } from './api.ts';
import { forgetChanges, save } from './autosave.ts';
import { byId, onClick, focusElement } from '../shared/dom.ts';
import { onView, setCredentials, store } from './store.ts';
import { retitle } from './submission.ts';

/**
 * « Supprimer ce brouillon »: while the call is open, the holder of a file not sent yet can erase it
 * (DELETE /api/applications/:id, functions/api/erase-route.ts: the record, its photos, its release,
 * its private links). Asked in a modal dialog (native `<dialog>`: focus kept inside, Échap cancels),
 * then the page says what is gone and that the link no longer works.
 */
export function setupDeleteDraft(): void {
  const dialog = byId<HTMLDialogElement>('delete-draft-dialog');
  const open = byId('delete-draft-open');
  const confirm = byId('delete-draft-confirm');
  const error = byId('delete-draft-error');
  onView(showDeleteDraft);
  document.addEventListener('application:closed', () => showDeleteDraft(null));
  open.addEventListener('click', () => {
    error.textContent = '';
    dialog.showModal();
  });
  byId('delete-draft-cancel').addEventListener('click', () => dialog.close());
  // Back to the button that opened it, however it closes (a button, Échap), unless the form is gone.
  dialog.addEventListener('close', () => {
    if (!byId('form-view').hidden) open.focus();
  });
  onClick(confirm, async () => {
    error.textContent = '';
    // No save may follow the erasure (a save without the file would create a new one): saving stops,
    // and a save already in flight ends before the request.
    store.editable = false;
    await save();
    try {
      await api('DELETE', `/api/applications/${encodeURIComponent(store.id!)}`);
    } catch (e) {
      store.editable = true;
      error.textContent = `La suppression n’a pas abouti\u00a0: ${(e as Error).message}`;
      return;
    }
    forgetChanges();
    setCredentials(null);
    store.view = null;
    for (const id of ['intro', 'resume', 'form-view', 'confirmation']) byId(id).hidden = true;
    byId('draft-deleted').hidden = false;
    dialog.close();
    retitle('Brouillon supprimé');
    focusElement(byId('draft-deleted'), 'start');
  });
  byId('draft-deleted-new').addEventListener('click', () => location.reload());
}

/** Offered for a file that exists, was never sent and can still change (the server checks the same). */
export function showDeleteDraft(view: ApplicationView | null): void {
  byId('delete-draft').hidden = !(view && !view.submitted && view.editable && store.editable && store.campaign?.open);
}

import { photoUploadSchema } from '../../functions/domain/application-fields.ts';
import type { ApplicationView, PhotoView } from '../../functions/domain/views.ts';
import { api, ApiError } from './api.ts';
import { ensureCreated, failed } from './autosave.ts';
import { plural } from '../../functions/domain/french.ts';
import { byId, focusElement, h } from '../shared/dom.ts';
import { setFieldError } from './field-errors.ts';
import { NEED_EMAIL_FIRST, showSaved, showStatus } from './save-status.ts';
import { filesPending, onView, setView, store, trackFile, WaitTimeout } from './store.ts';
import { declaredType, sendFile, uploadTrouble } from './upload.ts';

/**
 * The photo slots: choose files (one slot's input, the input for several, or a drop) → check them as
 * the API will → ask for an upload slot → send with progress → wait until the server has checked and
 * resized the photo → thumbnail (or the reason it was refused). Caption and credit are saved on
 * change; a photo can be replaced, or removed with a few seconds to take it back.
 */
interface Slot {
  n: number;
  root: HTMLFieldSetElement;
  file: HTMLInputElement;
  state: HTMLElement;
  progress: HTMLProgressElement;
  retry: HTMLButtonElement;
  preview: HTMLElement;
  caption: HTMLInputElement;
  credit: HTMLInputElement;
  remove: HTMLButtonElement;
  undo: HTMLButtonElement;
  /** An upload is under way: views from the server do not redraw this slot meanwhile. */
  busy: boolean;
  shown?: string;
  retryWith?: File;
  /** The server's DELETE of a removal whose « Annuler » window has closed. */
  deleting?: Promise<void>;
}
const slots: Slot[] = [];
export const uploadsInProgress = filesPending;

/**
 * « Retirer la photo » hides the photo at once but sends the DELETE (which erases its resized
 * variants: nothing to restore from) only when « Annuler » is gone: after UNDO_MS, at the next photo
 * action or when the file is sent, and on leaving the page (keepalive). Until then, the server keeps
 * it and « Annuler » just shows it again.
 */
const UNDO_MS = 10_000;
const removals = new Map<number, ReturnType<typeof setTimeout>>();

/** The photos as the page shows them: those waiting to be removed are already gone. */
export const shownPhotos = (view: ApplicationView | null) => view?.photos.filter((p) => !removals.has(p.slot)) ?? [];

export function setupPhotos(): void {
  for (const root of document.querySelectorAll<HTMLFieldSetElement>('.photo-slot')) {
    const n = Number(root.dataset.slot);
    const q = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
    const slot: Slot = {
      n,
      root,
      file: byId(`photo-${n}-file`),
      state: byId(`photo-${n}-state`),
      progress: byId(`photo-${n}-progress`),
      retry: q('.photo-retry'),
      preview: q('.photo-preview'),
      caption: byId(`photo-${n}-caption`),
      credit: byId(`photo-${n}-credit`),
      remove: q('.photo-remove'),
      undo: q('.photo-undo'),
      busy: false,
    };
    slots.push(slot);
    onFiles(slot.file, slot);
    slot.retry.addEventListener('click', () => slot.retryWith && void upload(slot, slot.retryWith));
    slot.remove.addEventListener('click', () => removePhoto(slot));
    slot.undo.addEventListener('click', () => undo(slot));
    for (const input of [slot.caption, slot.credit]) input.addEventListener('change', () => void saveDetails(slot));
  }
  onFiles(byId('photos-files'));
  setupDrop();
  onView(render);
}

function onFiles(input: HTMLInputElement, slot?: Slot): void {
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    void place(files, slot);
  });
}

/**
 * Files dropped on a slot go to it, those dropped elsewhere on the photos to the free slots. A file
 * dropped outside would replace the form with itself: the page refuses it.
 */
function setupDrop(): void {
  let over: Element | null | undefined;
  for (const type of ['dragover', 'dragleave', 'drop']) {
    document.addEventListener(type, (event) => {
      const { dataTransfer } = event as DragEvent;
      if (!dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      const target = store.editable ? (event.target as Element).closest('.photo-slot, #photos') : null;
      dataTransfer.dropEffect = target ? 'copy' : 'none';
      over?.classList.remove('is-drop-target');
      over = type === 'dragover' ? target : null;
      over?.classList.add('is-drop-target');
      if (type === 'drop' && target)
        void place(
          [...dataTransfer.files],
          slots.find((s) => s.root === target),
        );
    });
  }
}

/** Only the slots the campaign asks for are shown. */
export function limitSlots(count: number): void {
  for (const slot of slots) slot.root.hidden = slot.n > count;
}

function setState(slot: Slot, text: string, kind: 'info' | 'ok' | 'error' = 'info'): void {
  slot.state.textContent = text;
  slot.state.dataset.kind = kind;
}

/**
 * Checks each file as the API will (type, size) before anything is sent, then sends the valid ones
 * to `first`, then to the free slots in order. What is refused is said next to `first`, or
 * next to the input for several photos.
 */
async function place(files: File[], first?: Slot): Promise<void> {
  const at = first?.file.id ?? 'photos-files';
  const errors: string[] = [];
  const valid = files.filter((file) => {
    const request = photoUploadSchema.safeParse({
      kind: 'photo',
      slot: 1,
      contentType: declaredType(file),
      size: file.size,
    });
    if (!request.success) {
      const message = request.error.issues[0]!.message;
      errors.push(files.length > 1 ? `${file.name}\u00a0: ${message}` : message);
    }
    return request.success;
  });
  const asked = slots.filter((s) => !s.root.hidden);
  // A slot is free when it shows no photo being checked or accepted (styles.css draws it from data-filled).
  const free = asked.filter((s) => s !== first && !s.busy && !s.root.hasAttribute('data-filled'));
  const targets = first && !first.busy ? [first, ...free] : free;
  const extra = valid.length - targets.length;
  if (extra > 0)
    errors.push(`${plural(extra, 'photo', 'photos')} de trop\u00a0: le dossier en demande ${asked.length}.`);
  setFieldError(at, errors.join(' ') || null);
  if (!valid.length) return;
  if (!(await ensureCreated())) return setFieldError(at, NEED_EMAIL_FIRST);
  await Promise.all(targets.slice(0, valid.length).map((slot, i) => upload(slot, valid[i]!)));
}

/**
 * One photo to one slot, which takes no other until it is done (its input disabled). A removal still
 * waiting is sent first: a DELETE after the upload would erase the new photo.
 */
function upload(slot: Slot, file: File): Promise<void> {
  slot.busy = slot.file.disabled = true;
  return trackFile(commitRemovals().then(() => uploadNow(slot, file)));
}

async function uploadNow(slot: Slot, file: File): Promise<void> {
  slot.retry.hidden = true;
  slot.retryWith = undefined;
  try {
    const request = { kind: 'photo', slot: slot.n, contentType: declaredType(file), size: file.size };
    const view = await sendFile(
      request,
      file,
      slot.progress,
      (text) => setState(slot, text),
      (v, uploadId) => v.photos.some((p) => p.slot === slot.n && p.uploadId === uploadId && p.state !== 'processing'),
    );
    slot.busy = false;
    render(view);
  } catch (error) {
    const trouble = uploadTrouble(error);
    setState(slot, trouble ?? '', 'error');
    if (trouble && !(error instanceof WaitTimeout)) {
      slot.retryWith = file;
      slot.retry.hidden = false;
    }
    if (trouble) return;
    if (!(error instanceof ApiError)) throw error;
    setFieldError(slot.file.id, error.issues[0]?.message ?? error.message);
    if (error.status === 409 || error.status === 401) failed(error, []);
  } finally {
    slot.busy = false;
    slot.file.disabled = !store.editable;
  }
}

function render(view: ApplicationView): void {
  const photos = shownPhotos(view);
  for (const slot of slots) {
    if (!slot.busy)
      draw(
        slot,
        photos.find((p) => p.slot === slot.n),
      );
  }
}

function draw(slot: Slot, photo: PhotoView | undefined): void {
  const key = photo ? `${photo.uploadId}:${photo.state}` : '';
  const has = Boolean(photo) && photo?.state !== 'rejected';
  // Caption, credit and « Remplacer » with a photo; « Retirer » even for one refused (styles.css).
  slot.root.toggleAttribute('data-filled', has);
  slot.root.toggleAttribute('data-photo', Boolean(photo));
  for (const [input, value] of [
    [slot.caption, photo?.caption],
    [slot.credit, photo?.credit],
  ] as const) {
    if (document.activeElement !== input && (key !== slot.shown || !input.value)) input.value = value ?? '';
  }
  if (key === slot.shown) return;
  slot.shown = key;
  slot.retry.hidden = true;
  if (!photo) {
    slot.preview.hidden = true;
    slot.preview.replaceChildren();
    setState(slot, '');
  } else if (photo.state === 'ready' && photo.thumbnail) {
    const alt = `Photo ${slot.n} de votre dossier${photo.caption ? `\u00a0: ${photo.caption}` : ''}`;
    slot.preview.replaceChildren(
      h(
        'picture',
        {},
        h('source', { srcset: photo.thumbnail.webp, type: 'image/webp' }),
        h('img', {
          src: photo.thumbnail.jpeg,
          alt,
          width: '400',
          height: String(photo.width && photo.height ? Math.round((400 * photo.height) / photo.width) : 300),
        }),
      ),
    );
    slot.preview.hidden = false;
    setState(slot, 'Photo acceptée.', 'ok');
  } else if (photo.state === 'processing') {
    setState(slot, 'Photo reçue. Vérification en cours…');
  } else if (photo.state === 'rejected') {
    slot.preview.hidden = true;
    setState(
      slot,
      `Photo refusée\u00a0: ${photo.message ?? 'le fichier est illisible.'} Choisissez-en une autre.`,
      'error',
    );
  }
}

/** Caption and credit: their fields stop at the API's maximum lengths (maxlength). */
async function saveDetails(slot: Slot): Promise<void> {
  showStatus('Enregistrement…');
  try {
    setView(
      await api<ApplicationView>('PATCH', `/api/applications/${store.id}/photos/${slot.n}`, {
        caption: slot.caption.value.trim(),
        credit: slot.credit.value.trim(),
      }),
    );
    showSaved();
  } catch (error) {
    failed(error, []);
  }
}

function removePhoto(slot: Slot): void {
  // Only one « Annuler » at a time: the removal before this one is final.
  void commitRemovals();
  removals.set(
    slot.n,
    setTimeout(() => void commit(slot), UNDO_MS),
  );
  setView(store.view!);
  setState(slot, `Photo ${slot.n} retirée.`);
  slot.undo.hidden = false;
  focusElement(slot.undo);
}

function undo(slot: Slot): void {
  clearTimeout(removals.get(slot.n));
  removals.delete(slot.n);
  slot.undo.hidden = true;
  setView(store.view!);
  focusElement(slot.remove);
}

/** Sends the removals still waiting (`keepalive`: the page is being left); resolves once the server answered. */
export const commitRemovals = (keepalive = false) => Promise.all(slots.map((slot) => commit(slot, keepalive)));

function commit(slot: Slot, keepalive = false): Promise<void> | undefined {
  const timer = removals.get(slot.n);
  if (timer !== undefined && !slot.deleting) {
    clearTimeout(timer);
    if (document.activeElement === slot.undo) slot.file.focus();
    slot.undo.hidden = true;
    slot.deleting = deletePhoto(slot, keepalive);
  }
  return slot.deleting;
}

async function deletePhoto(slot: Slot, keepalive: boolean): Promise<void> {
  let view: ApplicationView | null = null;
  try {
    view = await api<ApplicationView>('DELETE', `/api/applications/${store.id}/photos/${slot.n}`, undefined, keepalive);
    showSaved();
  } catch (error) {
    failed(error, []);
  }
  removals.delete(slot.n);
  slot.deleting = undefined;
  // Refused (a lost connection): the photo is shown again, as the server still has it.
  setView(view ?? store.view!);
}

/** « Déposer une autre initiative »: empty slots. */
export function resetPhotos(): void {
  for (const slot of slots) {
    slot.shown = undefined;
    draw(slot, undefined);
    setFieldError(slot.file.id, null);
  }
}

export const readyPhotoCount = (view: ApplicationView | null) =>
  shownPhotos(view).filter((p) => p.state === 'ready').length;

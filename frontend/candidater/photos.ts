import { photoDetailsSchema, photoUploadSchema } from '../../functions/domain/application-fields.ts';
import type { ApplicationView, PhotoView, UploadSlotView } from '../../functions/domain/views.ts';
import { api, ApiError } from './api.ts';
import { ensureCreated, failed } from './autosave.ts';
import { byId, onClick, focusElement, h } from '../shared/dom.ts';
import { setFieldError } from './field-errors.ts';
import { showSaved, showStatus } from './save-status.ts';
import { filesPending, onView, setView, store, trackFile, waitFor, WaitTimeout } from './store.ts';
import { declaredType, postWithProgress, UploadFailed } from './upload.ts';

/**
 * The photo slots: choose a file → ask for an upload slot → send it with progress → wait until the
 * server has checked and resized it → thumbnail (or the reason it was refused). Caption and credit
 * are saved on change; a photo can be replaced or removed.
 */
interface Slot {
  n: number;
  root: HTMLFieldSetElement;
  file: HTMLInputElement;
  label: HTMLLabelElement;
  state: HTMLElement;
  progress: HTMLProgressElement;
  retry: HTMLButtonElement;
  preview: HTMLElement;
  details: HTMLElement;
  caption: HTMLInputElement;
  credit: HTMLInputElement;
  remove: HTMLButtonElement;
  /** An upload is under way: views from the server do not redraw this slot meanwhile. */
  busy: boolean;
  shown?: string;
  retryWith?: File;
}
const slots: Slot[] = [];
export const uploadsInProgress = filesPending;

export function setupPhotos(): void {
  for (const root of document.querySelectorAll<HTMLFieldSetElement>('.photo-slot')) {
    const n = Number(root.dataset.slot);
    const q = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
    const slot: Slot = {
      n,
      root,
      file: byId(`photo-${n}-file`),
      label: q('.photo-file-label'),
      state: byId(`photo-${n}-state`),
      progress: byId(`photo-${n}-progress`),
      retry: q('.photo-retry'),
      preview: q('.photo-preview'),
      details: q('.photo-details'),
      caption: byId(`photo-${n}-caption`),
      credit: byId(`photo-${n}-credit`),
      remove: q('.photo-remove'),
      busy: false,
    };
    slots.push(slot);
    slot.file.addEventListener('change', () => {
      const file = slot.file.files?.[0];
      if (file) void choose(slot, file);
    });
    slot.retry.addEventListener('click', () => slot.retryWith && void upload(slot, slot.retryWith));
    onClick(slot.remove, () => removePhoto(slot));
    for (const input of [slot.caption, slot.credit]) input.addEventListener('change', () => void saveDetails(slot));
  }
  onView(render);
}

/** Only the slots the campaign asks for are shown. */
export function limitSlots(count: number): void {
  for (const slot of slots) slot.root.hidden = slot.n > count;
}

function setState(slot: Slot, text: string, kind: 'info' | 'ok' | 'error' = 'info'): void {
  slot.state.textContent = text;
  slot.state.dataset.kind = kind;
}

async function choose(slot: Slot, file: File): Promise<void> {
  setFieldError(slot.file.id, null);
  const request = photoUploadSchema.safeParse({
    kind: 'photo',
    slot: slot.n,
    contentType: declaredType(file),
    size: file.size,
  });
  if (!request.success) {
    setFieldError(slot.file.id, request.error.issues[0]?.message ?? 'Fichier refusé.');
    slot.file.value = '';
    return;
  }
  if (!(await ensureCreated())) {
    setFieldError(
      slot.file.id,
      "Indiquez d'abord votre courriel dans la partie « Personne à contacter » : c'est ce qui enregistre votre dossier.",
    );
    slot.file.value = '';
    return;
  }
  await upload(slot, file);
}

const upload = (slot: Slot, file: File): Promise<void> => trackFile(uploadNow(slot, file));

async function uploadNow(slot: Slot, file: File): Promise<void> {
  if (slot.busy) {
    setFieldError(
      slot.file.id,
      `Un envoi est déjà en cours pour la photo ${slot.n} : attendez qu'il se termine pour la remplacer.`,
    );
    return;
  }
  slot.busy = true;
  slot.retry.hidden = true;
  slot.retryWith = undefined;
  setState(slot, 'Préparation de l’envoi…');
  try {
    const target = await api<UploadSlotView>('POST', `/api/applications/${store.id}/uploads`, {
      kind: 'photo',
      slot: slot.n,
      contentType: declaredType(file),
      size: file.size,
    });
    await postWithProgress(target, file, slot.progress, (text) => setState(slot, text));
    setState(slot, 'Photo reçue. Vérification en cours…');
    const view = await waitFor((v) =>
      v.photos.some((p) => p.slot === slot.n && p.uploadId === target.uploadId && p.state !== 'processing'),
    );
    slot.busy = false;
    render(view);
  } catch (error) {
    slot.progress.hidden = true;
    if (error instanceof WaitTimeout) {
      setState(
        slot,
        'La vérification prend plus de temps que prévu. Votre photo est bien reçue : rechargez la page dans quelques minutes pour voir le résultat.',
      );
    } else if (
      error instanceof UploadFailed ||
      (error instanceof ApiError && (error.status === 0 || error.status >= 500 || error.status === 429))
    ) {
      setState(slot, `${error.message} Vérifiez votre connexion, puis réessayez.`, 'error');
      slot.retryWith = file;
      slot.retry.hidden = false;
    } else if (error instanceof ApiError) {
      setState(slot, '');
      setFieldError(slot.file.id, error.issues[0]?.message ?? error.message);
      if (error.status === 409 || error.status === 401) failed(error, []);
    } else throw error;
  } finally {
    slot.busy = false;
    slot.file.value = '';
  }
}

function render(view: ApplicationView): void {
  for (const slot of slots) {
    if (slot.busy) continue;
    draw(
      slot,
      view.photos.find((p) => p.slot === slot.n),
    );
  }
}

function draw(slot: Slot, photo: PhotoView | undefined): void {
  const key = photo ? `${photo.uploadId}:${photo.state}` : '';
  const has = photo && photo.state !== 'rejected';
  slot.details.hidden = !has;
  slot.remove.hidden = !photo;
  slot.label.textContent = has ? `Remplacer la photo ${slot.n}` : `Choisir la photo ${slot.n}`;
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
    const alt = `Photo ${slot.n} de votre dossier${photo.caption ? ` : ${photo.caption}` : ''}`;
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
    setState(slot, `Photo refusée : ${photo.message ?? 'le fichier est illisible.'} Choisissez-en une autre.`, 'error');
  }
}

async function saveDetails(slot: Slot): Promise<void> {
  const values = { caption: slot.caption.value.trim(), credit: slot.credit.value.trim() };
  const parsed = photoDetailsSchema.safeParse(values);
  setFieldError(slot.caption.id, null);
  setFieldError(slot.credit.id, null);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) setFieldError(`photo-${slot.n}-${String(issue.path[0])}`, issue.message);
    return;
  }
  showStatus('Enregistrement…');
  try {
    setView(await api<ApplicationView>('PATCH', `/api/applications/${store.id}/photos/${slot.n}`, parsed.data));
    showSaved();
  } catch (error) {
    failed(error, []);
  }
}

async function removePhoto(slot: Slot): Promise<void> {
  try {
    setView(await api<ApplicationView>('DELETE', `/api/applications/${store.id}/photos/${slot.n}`));
    setState(slot, `Photo ${slot.n} retirée.`);
    showSaved();
    focusElement(slot.file);
  } catch (error) {
    failed(error, []);
  }
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
  view?.photos.filter((p) => p.state === 'ready').length ?? 0;

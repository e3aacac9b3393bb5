import type { PhotoArchive, PhotoWithOriginal } from '../../../functions/domain/admin-views.ts';
import { picture } from '../../validation/article-view.ts';
import { api } from '../api.ts';
import { downloadNotice, h, onSubmit, section, uid } from '../ui.ts';

/**
 * « Photos » of a file: the thumbnails, each opening the photo large in a viewer, a download link to
 * each original (as uploaded, EXIF included) and a ZIP of them all.
 */

/** « Télécharger l’original », named for a screen reader among the other photos' links. */
const originalLink = (p: PhotoWithOriginal) =>
  p.original &&
  h(
    'a',
    { href: p.original.url, download: p.original.name, class: 'no-print' },
    'Télécharger l’original',
    h('span', { class: 'visually-hidden' }, ` de la photo ${p.slot}`),
  );

/**
 * The photos large, one at a time, in a modal <dialog> (focus kept inside, Échap closes it): the
 * buttons and the arrow keys go round them; once closed, the focus is on the thumbnail of the
 * photo last shown, where the team's eyes are.
 */
function photoViewer(photos: PhotoWithOriginal[], thumbnails: HTMLElement[]): HTMLDialogElement {
  let current = 0;
  const title = h('h2', { id: 'visionneuse-titre' });
  const frame = h('div', { class: 'viewer-frame' });
  const caption = h('figcaption', { id: 'visionneuse-legende' });
  const download = h('p', {});
  const step = (by: number) => () => show(current + by);
  const previous = h('button', { type: 'button', class: 'button button--secondary' }, '← Photo précédente');
  const next = h('button', { type: 'button', class: 'button button--secondary' }, 'Photo suivante →');
  const close = h('button', { type: 'button', class: 'button button--small' }, 'Fermer');
  const dialog = h(
    'dialog',
    { class: 'dialog viewer', 'aria-labelledby': title.id, 'aria-describedby': caption.id },
    h('div', { class: 'viewer-head' }, title, close),
    h('figure', {}, frame, caption),
    photos.length > 1 ? h('div', { class: 'actions' }, previous, next) : null,
    download,
  );
  function show(index: number): void {
    current = (index + photos.length) % photos.length;
    const p = photos[current]!;
    title.replaceChildren(`Photo ${p.slot}`, h('span', { class: 'muted' }, ` (${current + 1} sur ${photos.length})`));
    frame.replaceChildren(picture(p.variants, p.caption || `Photo ${p.slot}`, '(min-width: 66rem) 64rem, 100vw'));
    caption.replaceChildren(p.caption || 'Sans légende', h('br'), h('span', {}, p.credit || 'crédit non renseigné'));
    download.replaceChildren(originalLink(p) || '');
  }
  previous.addEventListener('click', step(-1));
  next.addEventListener('click', step(1));
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('keydown', (event) => {
    const by = { ArrowLeft: -1, ArrowRight: 1 }[event.key];
    if (!by || photos.length < 2) return;
    event.preventDefault();
    show(current + by);
  });
  dialog.addEventListener('close', () => thumbnails[current]?.focus());
  thumbnails.forEach((thumbnail, i) =>
    thumbnail.addEventListener('click', () => {
      show(i);
      dialog.showModal();
    }),
  );
  return dialog;
}

/** A button that asks the API for a ZIP of originals, then shows its link (or the API's refusal). */
export function archiveForm(label: string, request: () => Promise<PhotoArchive>, hint?: string): HTMLFormElement {
  const message = h('div', { class: 'form-message', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'button button--secondary' }, label);
  const hintId = uid('zip-hint');
  if (hint) button.setAttribute('aria-describedby', hintId);
  const form = h(
    'form',
    { class: 'no-print photo-archive' },
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('div', { class: 'actions' }, button),
    message,
  );
  onSubmit(form, button, message, async () => message.replaceChildren(downloadNotice(await request())));
  return form;
}

export function photosSection(applicationId: string, photos: PhotoWithOriginal[]): HTMLElement {
  if (!photos.length) return section('photos', 'Photos', h('p', {}, 'Aucune photo déposée.'));
  const ready = photos.filter((p) => p.state === 'ready');
  const thumbnails = ready.map((p) =>
    h(
      'button',
      { type: 'button', class: 'photo-open', 'aria-haspopup': 'dialog', 'aria-label': `Agrandir la photo ${p.slot}` },
      picture(p.variants, p.caption || `Photo ${p.slot}`, '(min-width: 60rem) 20rem, 50vw'),
    ),
  );
  const items = photos.map((p) =>
    h(
      'li',
      {},
      h(
        'figure',
        {},
        p.state === 'ready'
          ? thumbnails[ready.indexOf(p)]!
          : h(
              'p',
              { class: 'photo-missing' },
              p.state === 'rejected' ? `Refusée\u00a0: ${p.message ?? ''}` : 'En cours de vérification',
            ),
        h(
          'figcaption',
          {},
          h('strong', {}, `Photo ${p.slot}`),
          p.caption ? ` — ${p.caption}` : ' — sans légende',
          h('br'),
          h('span', { class: 'muted' }, p.credit || 'crédit non renseigné'),
        ),
      ),
      originalLink(p),
    ),
  );
  const path = `/api/admin/applications/${encodeURIComponent(applicationId)}/photo-archive`;
  return section(
    'photos',
    'Photos',
    h('ul', { class: 'gallery' }, ...items),
    ready.some((p) => p.original)
      ? archiveForm('Télécharger toutes les photos (ZIP)', () => api<PhotoArchive>('GET', path))
      : null,
    ready.length ? photoViewer(ready, thumbnails) : null,
  );
}

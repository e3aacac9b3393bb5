import type { ApplicationView, UploadSlotView } from '../../functions/domain/views.ts';
import { api, ApiError } from './api.ts';
import { store, waitFor, WaitTimeout } from './store.ts';

/**
 * Sends a file to its presigned POST (every signed field first, then the file as `file`), with
 * progress. XMLHttpRequest, because fetch still reports no upload progress.
 */
export class UploadFailed extends Error {
  constructor(status: number) {
    super(status === 0 ? 'L’envoi a été interrompu (connexion perdue\u202f?).' : 'Le fichier n’a pas pu être envoyé.');
  }
}

function postFile(slot: UploadSlotView, file: File, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(slot.fields)) form.append(name, value);
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', slot.url);
    xhr.upload.addEventListener('progress', (e) => e.lengthComputable && onProgress(e.loaded / e.total));
    xhr.addEventListener('load', () =>
      xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new UploadFailed(xhr.status)),
    );
    xhr.addEventListener('error', () => reject(new UploadFailed(0)));
    xhr.addEventListener('abort', () => reject(new UploadFailed(0)));
    xhr.addEventListener('timeout', () => reject(new UploadFailed(0)));
    xhr.timeout = 10 * 60_000;
    xhr.send(form);
  });
}

/**
 * A file's way (a photo, the release scan): an upload slot for `request`, the file sent with its
 * progress (the bar continuously, `say` by quarters, for screen readers), then the application once
 * the server has checked the file (`checked`, given the upload's id).
 */
export async function sendFile(
  request: object,
  file: File,
  progress: HTMLProgressElement,
  say: (text: string) => void,
  checked: (view: ApplicationView, uploadId: string) => boolean,
): Promise<ApplicationView> {
  say('Préparation de l’envoi…');
  const target = await api<UploadSlotView>('POST', `/api/applications/${store.id}/uploads`, request);
  progress.value = 0;
  progress.hidden = false;
  let announced = -1;
  try {
    await postFile(target, file, (fraction) => {
      const percent = Math.round(fraction * 100);
      progress.value = percent;
      progress.textContent = `${percent} %`;
      const quarter = Math.floor(percent / 25);
      if (quarter !== announced) {
        announced = quarter;
        say(`Envoi en cours\u00a0: ${percent} %`);
      }
    });
  } finally {
    progress.hidden = true;
  }
  say('Fichier reçu. Vérification en cours…');
  return waitFor((view) => checked(view, target.uploadId));
}

/** What to say when a file could not be sent, or checked in time; null for the API's own refusals. */
export function uploadTrouble(error: unknown): string | null {
  if (error instanceof WaitTimeout)
    return 'Fichier reçu, mais sa vérification prend plus de temps que prévu\u00a0: rechargez la page dans quelques minutes.';
  const status = error instanceof ApiError ? error.status : -1;
  if (error instanceof UploadFailed || status === 0 || status >= 500 || status === 429)
    return `${(error as Error).message} Vérifiez votre connexion, puis réessayez.`;
  return null;
}

/** The content type to declare; some systems give no type for HEIC files, so the name tells (the schema judges it). */
export function declaredType(file: File): string {
  const ext = /\.(\w+)$/.exec(file.name)?.[1]?.toLowerCase();
  if (file.type || !ext) return file.type || 'application/octet-stream';
  if (ext === 'pdf') return 'application/pdf';
  return `image/${ext === 'jpg' ? 'jpeg' : ext}`;
}

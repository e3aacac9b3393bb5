import type { UploadSlotView } from '../../functions/domain/views.ts';

/**
 * Sends a file to its presigned POST (every signed field first, then the file as `file`), with
 * progress. XMLHttpRequest, because fetch still reports no upload progress.
 */
export class UploadFailed extends Error {
  constructor(readonly status: number) {
    super(status === 0 ? "L'envoi a été interrompu (connexion perdue ?)." : "Le fichier n'a pas pu être envoyé.");
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
 * postFile with its progress shown: the bar moves continuously, the text (read by screen readers)
 * by quarters through `announce`.
 */
export async function postWithProgress(
  slot: UploadSlotView,
  file: File,
  progress: HTMLProgressElement,
  announce: (text: string) => void,
): Promise<void> {
  progress.value = 0;
  progress.hidden = false;
  let announced = -1;
  await postFile(slot, file, (fraction) => {
    const percent = Math.round(fraction * 100);
    progress.value = percent;
    progress.textContent = `${percent} %`;
    const quarter = Math.floor(percent / 25);
    if (quarter !== announced) {
      announced = quarter;
      announce(`Envoi en cours : ${percent} %`);
    }
  });
  progress.hidden = true;
}

/** The content type to declare; some systems give no type for HEIC files, so the name tells. */
export function declaredType(file: File): string {
  if (file.type) return file.type;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return (
    {
      jpg: 'image/jpeg',
      jpeg: 'image/jpeg',
      png: 'image/png',
      webp: 'image/webp',
      pdf: 'application/pdf',
      heic: 'image/heic',
      heif: 'image/heif',
    }[ext ?? ''] ?? 'application/octet-stream'
  );
}

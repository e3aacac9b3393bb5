import { onlineReleaseSchema, releaseUploadSchema } from '../../functions/domain/application-fields.ts';
import type { ApplicationView, UploadSlotView } from '../../functions/domain/views.ts';
import { api, ApiError } from './api.ts';
import { ensureCreated, failed } from './autosave.ts';
import { formatLongDate } from './dates.ts';
import { byId, exclusive, focusElement } from '../shared/dom.ts';
import { setFieldError, showSummary } from './field-errors.ts';
import { readyPhotoCount } from './photos.ts';
import { showSaved } from './save-status.ts';
import { onView, setView, store, trackFile, waitFor, WaitTimeout } from './store.ts';
import { declaredType, postWithProgress, UploadFailed } from './upload.ts';

/**
 * The « décharge droit à l'image »: signed online (each statement of the paper release, ticked one
 * by one) or sent as a scan of the signed paper version, with the number of images it covers.
 */
const STATEMENTS = [
  'consentsObtained',
  'authorisePlatform',
  'authoriseSocial',
  'authoriseAllMedia',
  'acknowledgesNoHarm',
] as const;
/** Signatory fields, prefilled from the contact and company until the applicant edits them. */
const PREFILL: [string, string][] = [
  ['release-lastName', 'contact-lastName'],
  ['release-firstName', 'contact-firstName'],
  ['release-role', 'contact-role'],
  ['release-organisation', 'company-name'],
];
const input = (id: string) => byId<HTMLInputElement>(id);

export function setupRelease(): void {
  byId('release-date').textContent = formatLongDate(new Date());
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="release-mode"]')) {
    radio.addEventListener('change', showMode);
  }
  for (const id of [...PREFILL.map(([target]) => target), 'release-imageCount', 'release-scan-imageCount']) {
    input(id).addEventListener('input', () => (input(id).dataset.touched = '1'));
  }
  const online = byId<HTMLFormElement>('release-online');
  const signOnline = exclusive(online.querySelector('button')!, sign);
  online.addEventListener('submit', (e) => {
    e.preventDefault();
    void signOnline();
  });
  const scan = byId<HTMLFormElement>('release-scan');
  const sendScan = exclusive(scan.querySelector('button')!, () => trackFile(uploadScan()));
  scan.addEventListener('submit', (e) => {
    e.preventDefault();
    void sendScan();
  });
  byId('release-again').addEventListener('click', () => {
    byId('release-choose').hidden = false;
    focusElement(input('release-mode-online'));
  });
  input('release-file').addEventListener('change', () => {
    const file = input('release-file').files?.[0];
    byId('release-file-name').textContent = file ? `Fichier choisi : ${file.name}` : '';
  });
  onView(render);
  prefillSignatory();
}

function showMode(): void {
  const scan = input('release-mode-scan').checked;
  byId('release-online').hidden = scan;
  byId('release-scan').hidden = !scan;
}

/** Copies contact and company into the signatory fields the applicant has not edited. */
export function prefillSignatory(): void {
  for (const [target, source] of PREFILL) {
    if (!input(target).dataset.touched) input(target).value = byId<HTMLInputElement>(source).value.trim();
  }
}

function prefillCount(view: ApplicationView | null): void {
  const ready = readyPhotoCount(view);
  for (const id of ['release-imageCount', 'release-scan-imageCount']) {
    if (!input(id).dataset.touched) input(id).value = ready ? String(ready) : '';
  }
}

function render(view: ApplicationView): void {
  prefillCount(view);
  const release = view.release;
  const done = byId('release-done');
  const text = byId('release-done-text');
  const images = (n: number) => `${n} image${n > 1 ? 's' : ''}`;
  let finished = false;
  if (release?.mode === 'online') {
    text.textContent = `Décharge signée en ligne par ${release.signatory} le ${formatLongDate(new Date(release.signedAt))}, pour ${images(release.imageCount)}.`;
    finished = true;
  } else if (release?.mode === 'scan' && release.state === 'received') {
    text.textContent = `Décharge signée reçue, pour ${images(release.imageCount)}.`;
    finished = true;
  } else if (release?.mode === 'scan' && release.state === 'processing') {
    byId('release-scan-state').textContent = 'Décharge reçue. Vérification en cours…';
  } else if (release?.mode === 'scan' && release.state === 'rejected') {
    byId('release-scan-state').textContent =
      `Décharge refusée : ${release.message ?? 'le fichier est illisible.'} Envoyez-en une autre, ou signez en ligne.`;
    byId('release-scan-state').dataset.kind = 'error';
  }
  const wasHidden = done.hidden;
  done.hidden = !finished;
  if (finished && wasHidden) byId('release-choose').hidden = true;
  if (!finished) byId('release-choose').hidden = false;
}

function readOnline() {
  const checked = (key: string) => input(`release-${key}`).checked;
  return {
    lastName: input('release-lastName').value,
    firstName: input('release-firstName').value,
    role: input('release-role').value,
    organisation: input('release-organisation').value,
    imageCount: Number(input('release-imageCount').value || NaN),
    ...Object.fromEntries(STATEMENTS.map((key) => [key, checked(key) || undefined])),
    place: input('release-place').value,
    approval: input('release-approval').value,
  };
}

const IMAGE_COUNT_MESSAGE = "Indiquez le nombre d'images couvertes par la décharge (de 1 à 20).";

async function sign(): Promise<void> {
  const values = readOnline();
  const parsed = onlineReleaseSchema.safeParse(values);
  const issues = parsed.success
    ? []
    : parsed.error.issues.map((i) => {
        const key = String(i.path[0]);
        return { field: key, message: key === 'imageCount' ? IMAGE_COUNT_MESSAGE : i.message };
      });
  const seen = new Set<string>();
  const unique = issues.filter((i) => !seen.has(i.field) && seen.add(i.field));
  for (const key of Object.keys(values))
    setFieldError(`release-${key}`, unique.find((i) => i.field === key)?.message ?? null);
  const summary = byId('release-online-errors');
  showSummary(summary, unique, (field) => `release-${field}`);
  if (unique.length || !parsed.success) return focusElement(summary, 'start');
  if (!(await ensureCreated())) {
    showSummary(
      summary,
      [
        {
          field: 'contact.email',
          message:
            "Indiquez d'abord votre courriel dans la partie « Personne à contacter » : c'est ce qui enregistre votre dossier.",
        },
      ],
      () => 'contact-email',
    );
    return focusElement(summary, 'start');
  }
  try {
    setView(await api<ApplicationView>('POST', `/api/applications/${store.id}/release`, parsed.data));
    showSaved();
    focusElement(byId('release-done'));
  } catch (error) {
    if (error instanceof ApiError && error.issues.length) {
      const mapped = error.issues.map((i) => ({ field: i.field.replace(/^release\./, ''), message: i.message }));
      for (const i of mapped) setFieldError(`release-${i.field}`, i.message);
      showSummary(summary, mapped, (field) => (byId(`release-${field}`) ? `release-${field}` : null));
      return focusElement(summary, 'start');
    }
    failed(error, []);
  }
}

async function uploadScan(): Promise<void> {
  const fileInput = input('release-file');
  const file = fileInput.files?.[0];
  const imageCount = Number(input('release-scan-imageCount').value || NaN);
  const issues: { field: string; message: string }[] = [];
  if (!file) issues.push({ field: 'file', message: 'Choisissez le fichier de la décharge signée.' });
  const request = releaseUploadSchema.safeParse({
    kind: 'release',
    contentType: file ? declaredType(file) : 'application/pdf',
    size: file?.size ?? 1,
    imageCount,
  });
  if (!request.success) {
    for (const issue of request.error.issues) {
      const field = issue.path[0] === 'imageCount' ? 'scan-imageCount' : 'file';
      if (!issues.some((i) => i.field === field))
        issues.push({ field, message: field === 'scan-imageCount' ? IMAGE_COUNT_MESSAGE : issue.message });
    }
  }
  setFieldError('release-file', issues.find((i) => i.field === 'file')?.message ?? null);
  setFieldError('release-scan-imageCount', issues.find((i) => i.field === 'scan-imageCount')?.message ?? null);
  const summary = byId('release-scan-errors');
  showSummary(summary, issues, (field) => `release-${field}`);
  if (issues.length || !file || !request.success) return focusElement(summary, 'start');
  if (!(await ensureCreated())) {
    showSummary(
      summary,
      [{ field: 'contact.email', message: "Indiquez d'abord votre courriel dans la partie « Personne à contacter »." }],
      () => 'contact-email',
    );
    return focusElement(summary, 'start');
  }
  const state = byId('release-scan-state');
  const progress = byId<HTMLProgressElement>('release-scan-progress');
  state.dataset.kind = 'info';
  try {
    state.textContent = 'Préparation de l’envoi…';
    const target = await api<UploadSlotView>('POST', `/api/applications/${store.id}/uploads`, request.data);
    await postWithProgress(target, file, progress, (text) => (state.textContent = text));
    state.textContent = 'Décharge reçue. Vérification en cours…';
    await waitFor(
      (v) => v.release?.mode === 'scan' && v.release.uploadId === target.uploadId && v.release.state !== 'processing',
    );
    fileInput.value = '';
    byId('release-file-name').textContent = '';
    if (!byId('release-done').hidden) {
      state.textContent = '';
      focusElement(byId('release-done'));
    }
  } catch (error) {
    progress.hidden = true;
    if (error instanceof WaitTimeout)
      state.textContent = 'La vérification prend plus de temps que prévu : rechargez la page dans quelques minutes.';
    else if (error instanceof UploadFailed) {
      state.textContent = `${error.message} Vérifiez votre connexion, puis cliquez de nouveau sur « Envoyer la décharge ».`;
      state.dataset.kind = 'error';
    } else {
      state.textContent = '';
      failed(error, []);
      if (error instanceof ApiError && error.issues.length) setFieldError('release-file', error.issues[0]!.message);
    }
  }
}

/** « Déposer une autre initiative »: a new release is needed. */
export function resetRelease(): void {
  byId('release-done').hidden = true;
  byId('release-choose').hidden = false;
  byId('release-scan-state').textContent = '';
  for (const key of STATEMENTS) input(`release-${key}`).checked = false;
  for (const id of ['release-place', 'release-approval', 'release-file']) input(id).value = '';
  for (const id of ['release-imageCount', 'release-scan-imageCount']) delete input(id).dataset.touched;
  prefillCount(null);
}

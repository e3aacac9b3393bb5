import { releaseUploadSchema } from '../../functions/domain/application-fields.ts';
import type { FieldIssue } from '../../functions/domain/errors.ts';
import { plural } from '../../functions/domain/french.ts';
import type { ApplicationView } from '../../functions/domain/views.ts';
import { api, ApiError } from './api.ts';
import { ensureCreated, failed } from './autosave.ts';
import { formatLongDate } from './dates.ts';
import { byId, focusElement, onSubmit } from '../shared/dom.ts';
import { setFieldError, showSummary } from './field-errors.ts';
import { readyPhotoCount } from './photos.ts';
import { NEED_EMAIL_FIRST, showSaved } from './save-status.ts';
import { onView, setView, store, trackFile } from './store.ts';
import { declaredType, sendFile, uploadTrouble } from './upload.ts';

/**
 * The « décharge droit à l'image »: signed online (each statement of the paper release, ticked one
 * by one) or sent as a scan of the signed paper version, with the number of images it covers. Which
 * form shows follows the way chosen (styles.css, :has()).
 */

/** Signatory fields, prefilled from the contact and company until the applicant edits them. */
const PREFILL: [string, string][] = [
  ['release-lastName', 'contact-lastName'],
  ['release-firstName', 'contact-firstName'],
  ['release-role', 'contact-role'],
  ['release-organisation', 'company-name'],
];
/** Fields filled for the applicant (the signatory, the number of photos accepted) until they edit them. */
const PREFILLED = [...PREFILL.map(([target]) => target), 'release-imageCount', 'release-scan-imageCount'];
const input = (id: string) => byId<HTMLInputElement>(id);

export function setupRelease(): void {
  byId('release-date').textContent = formatLongDate(new Date());
  for (const id of PREFILLED) input(id).addEventListener('input', () => (input(id).dataset.touched = '1'));
  onSubmit(byId('release-online'), sign);
  onSubmit(byId('release-scan'), () => trackFile(uploadScan()));
  byId('release-again').addEventListener('click', () => {
    byId('release-choose').hidden = false;
    focusElement(input('release-mode-online'));
  });
  input('release-file').addEventListener('change', () => {
    const file = input('release-file').files?.[0];
    byId('release-file-name').textContent = file ? `Fichier choisi\u00a0: ${file.name}` : '';
  });
  onView(render);
  prefillSignatory();
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
  const images = (n: number) => plural(n, 'image', 'images');
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
      `Décharge refusée\u00a0: ${release.message ?? 'le fichier est illisible.'} Envoyez-en une autre, ou signez en ligne.`;
    byId('release-scan-state').dataset.kind = 'error';
  }
  const wasHidden = done.hidden;
  done.hidden = !finished;
  if (finished && wasHidden) byId('release-choose').hidden = true;
  if (!finished) byId('release-choose').hidden = false;
}

/** Nothing can be signed or sent before the file exists: the summary leads to the email field. */
function needEmail(summary: HTMLElement): void {
  showSummary(summary, [{ field: 'contact.email', message: NEED_EMAIL_FIRST }]);
  focusElement(summary, 'start');
}

const IMAGE_COUNT_MESSAGE = 'Indiquez le nombre d’images couvertes par la décharge (de 1 à 20).';

/** Fields and summary of a release form; the number of images is asked in plain words. */
function showIssues(summary: HTMLElement, fields: string[], issues: FieldIssue[]): void {
  const byField = new Map<string, string>();
  for (const { field, message } of issues) {
    if (!byField.has(field)) byField.set(field, field.endsWith('mageCount') ? IMAGE_COUNT_MESSAGE : message);
  }
  for (const field of fields) setFieldError(`release-${field}`, byField.get(field) ?? null);
  showSummary(
    summary,
    [...byField].map(([field, message]) => ({ field, message })),
    (field) => `release-${field}`,
  );
  if (byField.size) focusElement(summary, 'start');
}

/** The online signature: the API checks it with the shared schema, and its French messages are shown. */
async function sign(): Promise<void> {
  const form = byId<HTMLFormElement>('release-online');
  const summary = byId('release-online-errors');
  if (!(await ensureCreated())) return needEmail(summary);
  const names = [...form.elements].map((el) => (el as HTMLInputElement).name).filter(Boolean);
  const values: Record<string, unknown> = Object.fromEntries(new FormData(form));
  values.imageCount = Number(values.imageCount) || undefined;
  // A box ticked is `true`, one left is absent: the schema says what to tick.
  for (const box of form.querySelectorAll<HTMLInputElement>('[type="checkbox"]')) values[box.name] &&= true;
  showIssues(summary, names, []);
  try {
    setView(await api<ApplicationView>('POST', `/api/applications/${store.id}/release`, values));
    showSaved();
    focusElement(byId('release-done'));
  } catch (error) {
    if (!(error instanceof ApiError && error.issues.length)) return failed(error, []);
    showIssues(summary, names, error.issues);
  }
}

async function uploadScan(): Promise<void> {
  const fileInput = input('release-file');
  const file = fileInput.files?.[0];
  const summary = byId('release-scan-errors');
  const request = releaseUploadSchema.safeParse({
    kind: 'release',
    contentType: file ? declaredType(file) : 'application/pdf',
    size: file?.size ?? 1,
    imageCount: Number(input('release-scan-imageCount').value) || undefined,
  });
  const issues = file ? [] : [{ field: 'file', message: 'Choisissez le fichier de la décharge signée.' }];
  for (const { path, message } of request.error?.issues ?? [])
    issues.push({ field: path[0] === 'imageCount' ? 'scan-imageCount' : 'file', message });
  showIssues(summary, ['file', 'scan-imageCount'], issues);
  if (!file || !request.success) return;
  if (!(await ensureCreated())) return needEmail(summary);
  const state = byId('release-scan-state');
  state.dataset.kind = 'info';
  try {
    await sendFile(
      request.data,
      file,
      byId('release-scan-progress'),
      (text) => (state.textContent = text),
      (v, uploadId) =>
        v.release?.mode === 'scan' && v.release.uploadId === uploadId && v.release.state !== 'processing',
    );
    fileInput.value = '';
    byId('release-file-name').textContent = '';
    if (!byId('release-done').hidden) {
      state.textContent = '';
      focusElement(byId('release-done'));
    }
  } catch (error) {
    const trouble = uploadTrouble(error);
    state.textContent = trouble ?? '';
    state.dataset.kind = 'error';
    if (trouble) return;
    failed(error, []);
    if (error instanceof ApiError && error.issues.length) setFieldError('release-file', error.issues[0]!.message);
  }
}

/** « Déposer une autre initiative »: a new release is needed, signed by the contact unless said otherwise. */
export function resetRelease(): void {
  byId('release-done').hidden = true;
  byId('release-choose').hidden = false;
  byId('release-scan-state').textContent = '';
  for (const form of ['release-online', 'release-scan']) byId<HTMLFormElement>(form).reset();
  for (const id of PREFILLED) delete input(id).dataset.touched;
  prefillSignatory();
  prefillCount(null);
}

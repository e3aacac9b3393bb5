import type { FieldIssue } from '../../functions/domain/errors.ts';
import type { ApplicationView } from '../../functions/domain/views.ts';
import { api, ApiError } from './api.ts';
import { byId } from '../shared/dom.ts';
import { controlId, setFieldError } from './field-errors.ts';
import { readSection } from './form-fields.ts';
import { NEED_EMAIL, reportRefused, showSaved, showStatus } from './save-status.ts';
import { setCredentials, setView, store } from './store.ts';
import { savable, SECTION_NAMES, validateField } from './validation.ts';

/**
 * Saving: the first save creates the application (it needs a valid contact email: that is where the
 * private link goes); later saves send only the fields changed since (PATCH), as typed (draft rules:
 * the final ones wait for « J'envoie mon dossier »). Saves run one after the other, never two at once.
 */
const dirty = new Set<string>();
/**
 * Fields that even a draft cannot hold (a text over twice its maximum), by path: not sent, kept
 * dirty until corrected, and named by the save bar so that it never says « Enregistré » over them.
 */
const refused = new Map<string, string>();
reportRefused(() => [...refused.values()]);
let chain: Promise<boolean> = Promise.resolve(true);
let timer: ReturnType<typeof setTimeout> | undefined;

/** What the server refused at the last save (shown in the section's error summary on submit). */
let serverIssues: FieldIssue[] = [];
export const lastServerIssues = () => serverIssues;

export const hasUnsavedChanges = () => dirty.size > 0;
export const markDirty = (path: string) => dirty.add(path);
export const forgetChanges = () => {
  dirty.clear();
  refused.clear();
};

/** The values of these paths that can be saved, by section; the others are flagged and kept to save later. */
function collect(paths: string[], keepEmpty: boolean): Record<string, Record<string, string>> {
  const fields: Record<string, Record<string, string>> = {};
  for (const section of SECTION_NAMES) {
    const keys = paths.filter((p) => p.startsWith(`${section}.`)).map((p) => p.slice(section.length + 1));
    if (!keys.length) continue;
    const values = readSection(section);
    const { data, invalid } = savable(section, Object.fromEntries(keys.map((k) => [k, values[k] ?? ''])));
    for (const key of keys) refused.delete(`${section}.${key}`);
    for (const issue of invalid) {
      setFieldError(controlId(issue.field), issue.message);
      refused.set(issue.field, issue.message);
      dirty.add(issue.field);
    }
    const kept = keepEmpty ? data : Object.fromEntries(Object.entries(data).filter(([, v]) => v !== ''));
    if (Object.keys(kept).length) fields[section] = kept;
  }
  return fields;
}

export function scheduleSave(delay = 600): void {
  clearTimeout(timer);
  timer = setTimeout(() => void save(), delay);
}

/** Saves now (after any save in flight); true when everything could be saved. */
export function save(): Promise<boolean> {
  clearTimeout(timer);
  chain = chain.then(run, run);
  return chain;
}

/** Creates the application if needed; false (and a message) when the email is still missing. */
export async function ensureCreated(): Promise<boolean> {
  if (store.id) return true;
  await save();
  return Boolean(store.id);
}

async function run(): Promise<boolean> {
  if (!store.editable) return false;
  serverIssues = [];
  return store.id ? update() : create();
}

async function create(): Promise<boolean> {
  const email = readSection('contact').email ?? '';
  if (!email.trim() || validateField('contact', 'email', email)) {
    showStatus(NEED_EMAIL, 'info');
    byId('photos-need-email').hidden = false;
    return false;
  }
  const fields = collect(
    SECTION_NAMES.flatMap((section) => Object.keys(readSection(section)).map((key) => `${section}.${key}`)),
    false,
  );
  // Typed during the request: still to be saved afterwards.
  const sent = [...dirty].filter((path) => !refused.has(path));
  showStatus('Enregistrement…');
  try {
    const { application, token } = await api<{ application: ApplicationView; token: string }>(
      'POST',
      '/api/applications',
      {
        creationKey: store.creationKey,
        fields,
      },
    );
    setCredentials({ id: application.id, token });
    for (const path of sent) dirty.delete(path);
    setView(application);
    const sentTo = fields.contact?.email ?? email.trim();
    byId('photos-need-email').hidden = true;
    byId('resume-notice-email').textContent = sentTo;
    byId('resume-notice').hidden = false;
    byId('another-notice').hidden = true;
    showSaved(` Lien de reprise envoyé à ${sentTo}.`);
    return refused.size === 0;
  } catch (error) {
    failed(error, []);
    return false;
  }
}

async function update(): Promise<boolean> {
  if (!dirty.size) return true;
  const paths = [...dirty];
  dirty.clear();
  const body = collect(paths, true);
  if (!Object.keys(body).length) {
    // Nothing was sent: the bar changes only to say what could not be saved.
    if (refused.size) showSaved();
    return refused.size === 0;
  }
  showStatus('Enregistrement…');
  try {
    setView(await api<ApplicationView>('PATCH', `/api/applications/${store.id}`, body));
  } catch (error) {
    failed(error, paths);
    return false;
  }
  // « Enregistré à … » only if nothing was refused; otherwise « Non enregistré : … ».
  showSaved();
  return refused.size === 0;
}

export function failed(error: unknown, paths: string[]): void {
  const e = error instanceof ApiError ? error : new ApiError(0, 'network', String(error));
  serverIssues = e.issues;
  const rejected = new Set(e.issues.map((i) => i.field));
  for (const issue of e.issues) setFieldError(controlId(issue.field), issue.message);
  for (const path of paths) if (!rejected.has(path)) dirty.add(path);
  if (e.status === 400) {
    showStatus(
      `Non enregistré\u00a0: ${e.issues.length ? 'corrigez les champs signalés en rouge.' : e.message}`,
      'error',
    );
  } else if (e.status === 401 || e.status === 403 || e.status === 404) {
    showStatus(`Non enregistré\u00a0: ${e.message} Demandez un nouveau lien en haut de la page.`, 'error');
  } else if (e.status === 409) {
    showStatus(e.message, 'error');
    document.dispatchEvent(new CustomEvent('application:closed'));
  } else {
    showStatus(`Non enregistré\u00a0: ${e.message}`, 'error', true);
  }
}

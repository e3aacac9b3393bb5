import { PHOTO_SLOTS } from '../../functions/domain/application-fields.ts';
import { evaluateCompleteness, type CompletenessInput } from '../../functions/domain/completeness.ts';
import type { FieldIssue } from '../../functions/domain/errors.ts';
import { byId } from '../shared/dom.ts';
import { issueItem, issueLink } from './field-errors.ts';
import { SECTIONS } from './field-paths.ts';
import { readSection } from './form-fields.ts';
import { shownPhotos } from './photos.ts';
import { onView, store } from './store.ts';
import { given, SECTION_NAMES } from './validation.ts';

/**
 * Where the file stands: part by part at the top of the form, item by item in « Vérifier et
 * envoyer », and « Il manque : … » once a file is reopened. The server's own completeness rule (the
 * one of « Pièces manquantes » and the reminders), run on what the page shows, as it changes.
 */
let reopened = false;

export function setupChecklist(): void {
  onView(refreshChecklist);
  byId('form-view').addEventListener('input', refreshChecklist);
  refreshChecklist();
}

/** A file reopened through its private link: « Il manque : … » at the top, from now on. */
export function showWhatIsMissing(): void {
  reopened = true;
  refreshChecklist();
}

/** « Photo 2 », « Nom de l'entreprise »: what an issue is about. */
const subject = (issue: FieldIssue) => issue.message.split(/\s:/)[0]!;
const links = (issues: FieldIssue[], text: (issue: FieldIssue) => string) =>
  issues.flatMap((issue, i) => [i ? ', ' : '', issueLink(issue, text(issue))]);

export function refreshChecklist(): void {
  const view = store.view;
  const fields: Record<string, unknown> = {};
  for (const section of SECTION_NAMES) {
    const values = given(readSection(section));
    // A part not started is one item (« L'entreprise : nom, adresse… à renseigner. »), as in the reminders.
    if (Object.values(values).some((value) => value !== undefined)) fields[section] = values;
  }
  const { missing } = evaluateCompleteness({
    fields: fields as CompletenessInput['fields'],
    photos: shownPhotos(view),
    release: view?.release ?? null,
    photoCount: store.campaign?.photoCount ?? PHOTO_SLOTS.length,
    submitted: false,
  });

  for (const part of SECTIONS) {
    const lacks = missing.filter((issue) => issue.field.split('.')[0] === part);
    const state = byId(`step-${part}`);
    state.toggleAttribute('data-done', !lacks.length);
    // Fields and photos by their names; a part not started, or the release, by its message.
    if (!lacks.length) state.replaceChildren('complet');
    else if (lacks[0]!.field === part) state.replaceChildren(...links(lacks, (issue) => issue.message));
    else state.replaceChildren('à compléter\u00a0: ', ...links(lacks, subject));
  }

  const summary = byId('checklist-missing');
  summary.hidden = !reopened || !missing.length;
  summary.replaceChildren('Il manque\u00a0: ', ...links(missing, subject), '.');

  // « Vérifier et envoyer »: the page says it when the file is not saved yet.
  const n = missing.length;
  byId('missing-unsaved').hidden = Boolean(view);
  byId('missing-intro').textContent = n
    ? `Il manque encore ${n === 1 ? 'un élément' : `${n} éléments`} pour que votre dossier soit complet\u00a0:`
    : 'Tout y est\u00a0: votre dossier est prêt à être envoyé.';
  byId('missing-list').replaceChildren(...missing.map((issue) => issueItem(issue)));
}

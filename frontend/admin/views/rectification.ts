import type { DraftFields } from '../../../functions/domain/application.ts';
import { api, ApiError } from '../api.ts';
import { AXIS_OPTIONS, FIELD_LABELS } from '../labels.ts';
import { go } from '../nav.ts';
import { field, h, notice, onSubmit, select, setFieldError } from '../ui.ts';

type Section = 'company' | 'contact' | 'initiative';
/** The fields the team may correct, in the form's order (photos and the release are the applicant's). */
const EDITABLE: { section: Section; key: string; rows?: number; type?: string }[] = [
  { section: 'company', key: 'name' },
  { section: 'company', key: 'address', rows: 2 },
  { section: 'company', key: 'postalCode' },
  { section: 'company', key: 'city' },
  { section: 'company', key: 'department' },
  { section: 'company', key: 'region' },
  { section: 'contact', key: 'lastName' },
  { section: 'contact', key: 'firstName' },
  { section: 'contact', key: 'role' },
  { section: 'contact', key: 'phone', type: 'tel' },
  { section: 'contact', key: 'email', type: 'email' },
  { section: 'initiative', key: 'name' },
  { section: 'initiative', key: 'axis' },
  { section: 'initiative', key: 'description', rows: 10 },
  { section: 'initiative', key: 'website', type: 'url' },
  { section: 'initiative', key: 'twitter', type: 'url' },
  { section: 'initiative', key: 'facebook', type: 'url' },
  { section: 'initiative', key: 'otherLinks', type: 'url' },
];
const LEGENDS: Record<Section, string> = {
  company: 'Entreprise',
  contact: 'Personne à contacter',
  initiative: 'Initiative',
};

/**
 * « Corriger le dossier » (rectification, PATCH /api/admin/applications/:id/fields): the file's fields
 * as the applicant left them; only the ones changed are sent. The history and the audit log record
 * who corrected which fields, never the values.
 */
export function rectificationSection(applicationId: string, fields: Partial<DraftFields>): HTMLElement {
  const controls = EDITABLE.map((f) => {
    const name = `${f.section}.${f.key}`;
    const initial = ((fields[f.section] as Record<string, string | undefined> | undefined)?.[f.key] ?? '').toString();
    const built =
      f.key === 'axis'
        ? select(FIELD_LABELS[name]!, name, [{ value: '', label: 'Non renseigné' }, ...AXIS_OPTIONS], initial)
        : field({
            label: FIELD_LABELS[name]!,
            name,
            value: initial,
            rows: f.rows,
            type: f.type,
            attrs: { autocomplete: 'off' },
          });
    return { ...f, name, initial, ...built };
  });
  const message = h('div', { class: 'form-message', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'button' }, 'Enregistrer les corrections');
  const form = h(
    'form',
    { novalidate: '' },
    ...(['company', 'contact', 'initiative'] as const).map((section) =>
      h(
        'fieldset',
        { class: 'rectification-group' },
        h('legend', {}, LEGENDS[section]),
        ...controls.filter((c) => c.section === section).map((c) => c.wrapper),
      ),
    ),
    message,
    h('div', { class: 'actions' }, button),
  );
  onSubmit(
    form,
    button,
    message,
    async () => {
      for (const c of controls) setFieldError(c.control, undefined);
      const changed = controls.filter((c) => c.control.value.trim() !== c.initial.trim());
      if (!changed.length) return void message.replaceChildren(notice('info', 'Aucune modification à enregistrer.'));
      const body: Partial<Record<Section, Record<string, string>>> = {};
      for (const c of changed) (body[c.section] ??= {})[c.key] = c.control.value.trim();
      await api('PATCH', `/api/admin/applications/${encodeURIComponent(applicationId)}/fields`, body);
      go(location.hash);
    },
    (error) => {
      const issues = error instanceof ApiError ? error.issues : [];
      for (const issue of issues) {
        const control = controls.find((c) => c.name === issue.field)?.control;
        if (control) setFieldError(control, issue.message);
      }
      message.replaceChildren(notice('error', error instanceof Error ? error.message : String(error)));
    },
  );
  return h(
    'section',
    { 'aria-labelledby': 'corriger', class: 'detail-section' },
    h('h2', { id: 'corriger' }, 'Corriger le dossier'),
    h(
      'p',
      {},
      'À la demande de l’entreprise, ou pour une erreur manifeste. L’historique garde qui a corrigé quels champs, et la complétude du dossier est recalculée\u202f; aucun courriel n’est envoyé.',
    ),
    h('details', {}, h('summary', {}, 'Corriger les informations du dossier'), form),
  );
}

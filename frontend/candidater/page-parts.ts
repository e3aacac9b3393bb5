/**
 * Build-time HTML of the form (never bundled into the browser script): fields with their labels,
 * hints and error slots, the axes, the region and department lists, the photo slots and the
 * statements of the image release. The page is complete HTML before any script runs; main.ts only
 * wires behaviour onto it.
 */
import { AXES } from '../../functions/domain/axes.ts';
import {
  CAPTION_MAX,
  CHARS_PER_LINE,
  CREDIT_MAX,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  MAX_PHOTO_BYTES,
  MAX_RELEASE_BYTES,
  megabytes,
  PHOTO_CONTENT_TYPES,
  PHOTO_SLOTS,
} from '../../functions/domain/application-fields.ts';
import { RELEASE_LAW, RELEASE_SCOPE, RELEASE_STATEMENTS } from './release-statements.ts';

export const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface FieldSpec {
  /** `section.key` for application fields; a plain key inside other forms. */
  name: string;
  id?: string;
  label: string;
  /** HTML (trusted, written here). */
  hint?: string;
  /** Said to screen readers after the label, e.g. « de la photo 2 ». */
  labelSuffix?: string;
  type?: 'text' | 'email' | 'tel' | 'url' | 'number' | 'textarea' | 'select';
  autocomplete?: string;
  optional?: boolean;
  /** Raw extra attributes, e.g. ` inputmode="numeric"`. */
  attrs?: string;
  /** Options HTML for selects. */
  options?: string;
  /** Extra ids for aria-describedby (e.g. a live counter). */
  describedBy?: string;
  width?: 'short' | 'medium';
}

export const fieldId = (name: string) => name.replace('.', '-');

const fr = (n: number) => n.toLocaleString('fr-FR');
/** « 1 000 à 2 000 caractères, soit 10 à 20 lignes environ », from the shared constants. */
export const descriptionLength = () =>
  `${fr(DESCRIPTION_MIN)} à ${fr(DESCRIPTION_MAX)} caractères, soit ${Math.ceil(DESCRIPTION_MIN / CHARS_PER_LINE)} à ${Math.ceil(DESCRIPTION_MAX / CHARS_PER_LINE)} lignes environ`;

function controlHtml(f: FieldSpec, attrs: string): string {
  switch (f.type) {
    case 'textarea':
      return `<textarea ${attrs}></textarea>`;
    case 'select':
      return `<select ${attrs}><option value="">Choisir…</option>${f.options ?? ''}</select>`;
    default:
      return `<input type="${f.type ?? 'text'}" ${attrs}>`;
  }
}

export function field(f: FieldSpec): string {
  const id = f.id ?? fieldId(f.name);
  const hintId = f.hint ? `${id}-hint` : '';
  const describedBy = [hintId, f.describedBy].filter(Boolean).join(' ');
  const attrs = [
    `id="${id}"`,
    `name="${f.name}"`,
    f.autocomplete ? `autocomplete="${f.autocomplete}"` : '',
    f.optional ? '' : 'required',
    describedBy ? `aria-describedby="${describedBy}" data-describedby="${describedBy}"` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const control = controlHtml(f, `${attrs}${f.attrs ?? ''}`);
  return `<div class="field${f.width ? ` field--${f.width}` : ''}">
<label for="${id}">${esc(f.label)}${f.labelSuffix ? `<span class="visually-hidden"> ${esc(f.labelSuffix)}</span>` : ''}${f.optional ? ' <span class="optional">(facultatif)</span>' : ''}</label>
${f.hint ? `<p class="hint" id="${hintId}">${f.hint}</p>` : ''}
<p class="field-error" id="${id}-error" hidden></p>
${control}
</div>`;
}

/** An error summary for the top of a form; filled and focused by the script on submit. */
export const errorSummary = (id: string) =>
  `<div class="error-summary" id="${id}-errors" tabindex="-1" hidden aria-labelledby="${id}-errors-title">
<h3 id="${id}-errors-title">Des informations sont à corriger</h3>
<ul></ul>
</div>`;

interface Region {
  code: string;
  nom: string;
  zone: string;
}
interface Department {
  code: string;
  nom: string;
  region: string;
  zone: string;
}
/** Territories without resident organisations are left out of the lists. */
const UNINHABITED = new Set(['984', '989']);
const byName = (a: { nom: string }, b: { nom: string }) => a.nom.localeCompare(b.nom, 'fr');

export function regionOptions(regions: Region[]): string {
  const kept = regions.filter((r) => !UNINHABITED.has(r.code));
  const group = (label: string, list: Region[]) =>
    `<optgroup label="${label}">${list
      .sort(byName)
      .map((r) => `<option value="${esc(r.nom)}">${esc(r.nom)}</option>`)
      .join('')}</optgroup>`;
  return (
    group(
      'Métropole',
      kept.filter((r) => r.zone === 'metro'),
    ) +
    group(
      'Outre-mer',
      kept.filter((r) => r.zone !== 'metro'),
    )
  );
}

/** Departments grouped by region; each option knows its region so choosing one can fill the other. */
export function departmentOptions(regions: Region[], departments: Department[]): string {
  return regions
    .filter((r) => !UNINHABITED.has(r.code))
    .sort((a, b) => Number(a.zone !== 'metro') - Number(b.zone !== 'metro') || byName(a, b))
    .map((r) => {
      const list = departments.filter((d) => d.region === r.code).sort((a, b) => a.code.localeCompare(b.code));
      return `<optgroup label="${esc(r.nom)}">${list
        .map((d) => `<option value="${esc(d.nom)}" data-region="${esc(r.nom)}">${esc(d.nom)} (${d.code})</option>`)
        .join('')}</optgroup>`;
    })
    .join('');
}

export function companyFields(regions: Region[], departments: Department[]): string {
  return [
    field({ name: 'company.name', label: 'Nom de l’entreprise ou de l’association', autocomplete: 'organization' }),
    field({
      name: 'company.address',
      label: 'Adresse',
      type: 'textarea',
      autocomplete: 'street-address',
      attrs: ' rows="2"',
    }),
    field({
      name: 'company.postalCode',
      label: 'Code postal',
      hint: 'La ville, le département et la région se remplissent ensuite tout seuls\u00a0: vérifiez-les.',
      autocomplete: 'postal-code',
      attrs: ' inputmode="numeric" maxlength="5"',
      describedBy: 'company-postalCode-lookup',
      width: 'short',
    }).replace('</div>', '<p class="hint lookup" id="company-postalCode-lookup" aria-live="polite"></p>\n</div>'),
    field({
      name: 'company.city',
      label: 'Ville',
      autocomplete: 'address-level2',
      attrs: ' list="company-city-list"',
    }) + '<datalist id="company-city-list"></datalist>',
    field({ name: 'company.region', label: 'Région', type: 'select', options: regionOptions(regions) }),
    field({
      name: 'company.department',
      label: 'Département',
      type: 'select',
      options: departmentOptions(regions, departments),
    }),
  ].join('\n');
}

export function contactFields(): string {
  return [
    field({ name: 'contact.lastName', label: 'Nom', autocomplete: 'family-name' }),
    field({ name: 'contact.firstName', label: 'Prénom', autocomplete: 'given-name' }),
    field({
      name: 'contact.phone',
      label: 'Téléphone',
      type: 'tel',
      autocomplete: 'tel',
      hint: 'Par exemple\u00a0: 06 12 34 56 78.',
      width: 'medium',
    }),
    field({
      name: 'contact.email',
      label: 'Courriel',
      type: 'email',
      autocomplete: 'email',
      attrs: ' spellcheck="false"',
      hint: 'Vérifiez-le bien\u00a0: dès qu’il est indiqué, votre dossier est enregistré et nous vous y envoyons un lien privé pour le reprendre plus tard, depuis n’importe quel appareil.',
    }),
    field({
      name: 'contact.role',
      label: 'Fonction dans l’entreprise',
      autocomplete: 'organization-title',
      hint: 'Par exemple\u00a0: directrice, chargé de projet.',
    }),
  ].join('\n');
}

export function axisRadios(): string {
  return `<fieldset class="field radios" id="initiative-axis" role="radiogroup" aria-labelledby="initiative-axis-legend" aria-required="true" aria-describedby="initiative-axis-hint" data-describedby="initiative-axis-hint">
<legend id="initiative-axis-legend">Axe de l’initiative</legend>
<p class="hint" id="initiative-axis-hint">Une initiative touche souvent plusieurs axes\u00a0: choisissez celui qui lui correspond le mieux.</p>
<p class="field-error" id="initiative-axis-error" hidden></p>
${AXES.map(
  (a) => `<div class="choice">
<input type="radio" name="initiative.axis" id="axis-${a.id}" value="${a.id}" aria-describedby="axis-${a.id}-description">
<label for="axis-${a.id}">${esc(a.label)}</label>
<p class="hint" id="axis-${a.id}-description">${esc(a.description)}</p>
</div>`,
).join('\n')}
</fieldset>`;
}

export function initiativeFields(): string {
  return [
    field({
      name: 'initiative.name',
      label: 'Nom de l’initiative',
      hint: 'Un titre court, qui parle à quelqu’un qui ne vous connaît pas.',
    }),
    axisRadios(),
    field({
      name: 'initiative.description',
      label: 'Description de l’initiative',
      type: 'textarea',
      hint: `De ${descriptionLength()}. Suivez les conseils ci-dessus.`,
      describedBy: 'initiative-description-count',
      attrs: ' rows="12" spellcheck="true"',
    }).replace(
      '</div>',
      '<p class="counter" id="initiative-description-count"></p>\n<p class="visually-hidden" id="initiative-description-live" aria-live="polite"></p>\n</div>',
    ),
    `<fieldset class="links" aria-describedby="initiative-links-hint">
<legend>Vos liens</legend>
<p class="hint" id="initiative-links-hint">Tous facultatifs. Copiez l’adresse complète, ou simplement www.exemple.fr\u00a0: nous ajoutons https:// pour vous.</p>
${field({ name: 'initiative.website', label: 'Site web', type: 'url', autocomplete: 'url', optional: true, attrs: ' inputmode="url" spellcheck="false"' })}
${field({ name: 'initiative.twitter', label: 'Compte Twitter / X', type: 'url', optional: true, hint: 'Adresse du compte, ou votre identifiant commençant par @.', attrs: ' spellcheck="false"' })}
${field({ name: 'initiative.facebook', label: 'Page Facebook', type: 'url', optional: true, attrs: ' spellcheck="false"' })}
${field({ name: 'initiative.otherLinks', label: 'Autre lien', type: 'url', optional: true, hint: 'Un article, une vidéo, un autre réseau…', attrs: ' spellcheck="false"' })}
</fieldset>`,
  ].join('\n');
}

/** The photos' hint, the input for several photos, and one slot per photo (each can take a dropped file). */
export function photoSlots(): string {
  const accept = PHOTO_CONTENT_TYPES.join(',');
  return `<p id="photos-hint" class="hint">Des photos qui montrent l’initiative en action\u00a0: des personnes au travail, un lieu, une réalisation. Évitez logos et affiches. Formats JPEG, PNG ou WebP, ${megabytes(MAX_PHOTO_BYTES)} au plus chacune. Sur un iPhone, choisissez-les dans la photothèque\u00a0: elles sont converties automatiquement.</p>
<div class="field file-field photo-picker">
<p class="hint" id="photos-files-hint">Choisissez-en plusieurs à la fois\u00a0: elles prennent les places libres dans l’ordre. Sur un ordinateur, vous pouvez aussi les faire glisser ici, ou sur une photo pour la remplacer.</p>
<p class="field-error" id="photos-files-error" hidden></p>
<input type="file" class="file-input" id="photos-files" multiple accept="${accept}" aria-describedby="photos-files-hint photos-hint" data-describedby="photos-files-hint photos-hint">
<label for="photos-files" class="button button--secondary">Choisir des photos</label>
</div>
<div class="photo-grid">
${PHOTO_SLOTS.map(
  (n) => `<fieldset class="photo-slot" id="photo-${n}" data-slot="${n}">
<legend>Photo ${n}</legend>
<div class="photo-preview" hidden></div>
<p class="photo-state" id="photo-${n}-state" aria-live="polite"></p>
<button type="button" class="button button--secondary button--small photo-undo" hidden>Annuler<span class="visually-hidden"> le retrait de la photo ${n}</span></button>
<progress id="photo-${n}-progress" max="100" value="0" aria-label="Envoi de la photo ${n}" hidden></progress>
<button type="button" class="button button--secondary photo-retry" hidden>Réessayer</button>
<div class="field file-field">
<p class="field-error" id="photo-${n}-file-error" hidden></p>
<input type="file" class="file-input" id="photo-${n}-file" name="photo" accept="${accept}" aria-describedby="photos-hint" data-describedby="photos-hint">
<label for="photo-${n}-file" class="button button--secondary"><span class="if-empty">Choisir</span><span class="if-filled">Remplacer</span> la photo ${n}</label>
</div>
<div class="photo-details">
${field({ name: 'caption', id: `photo-${n}-caption`, label: 'Légende', labelSuffix: `de la photo ${n}`, optional: true, hint: 'Ce que l’on voit, en une phrase.', attrs: ` maxlength="${CAPTION_MAX}"` })}
${field({ name: 'credit', id: `photo-${n}-credit`, label: 'Crédit', labelSuffix: `de la photo ${n}`, optional: true, hint: 'Qui a pris la photo.', attrs: ` maxlength="${CREDIT_MAX}"` })}
</div>
<button type="button" class="button button--link photo-remove">Retirer la photo ${n}</button>
</fieldset>`,
).join('\n')}
</div>`;
}

export function releaseStatementsCheckboxes(): string {
  const box = (s: (typeof RELEASE_STATEMENTS)[number]) => `<div class="choice">
<input type="checkbox" id="release-${s.key}" name="${s.key}" required>
<label for="release-${s.key}">${esc(s.text)}</label>
<p class="field-error" id="release-${s.key}-error" hidden></p>
</div>`;
  const [consent, ...rest] = RELEASE_STATEMENTS;
  const last = rest.pop()!;
  return `${box(consent!)}
${rest.map(box).join('\n')}
<p class="scope">${esc(RELEASE_SCOPE)}</p>
${box(last)}
<p class="scope">${esc(RELEASE_LAW)}</p>`;
}

export function releaseStatementsPaper(): string {
  const [consent, ...rest] = RELEASE_STATEMENTS;
  const last = rest.pop()!;
  return `<p>${esc(consent!.text).replace('ces images', 'les <span class="blank blank--short"></span> images (indiquez leur nombre) fournies avec le dossier')}</p>
${rest.map((s) => `<p>${esc(s.text)}</p>`).join('\n')}
<p>${esc(RELEASE_SCOPE)}</p>
<p>${esc(last.text)}</p>
<p>${esc(RELEASE_LAW)}</p>`;
}

export function releaseOnlineFields(): string {
  return `<fieldset>
<legend>La personne qui signe</legend>
<p class="hint">Repris de la partie «\u00a0Personne à contacter\u00a0»\u00a0: modifiez-les si quelqu’un d’autre signe.</p>
${field({ name: 'lastName', id: 'release-lastName', label: 'Nom', autocomplete: 'family-name' })}
${field({ name: 'firstName', id: 'release-firstName', label: 'Prénom', autocomplete: 'given-name' })}
${field({ name: 'role', id: 'release-role', label: 'Fonction', autocomplete: 'organization-title' })}
${field({ name: 'organisation', id: 'release-organisation', label: 'Entreprise ou organisation', autocomplete: 'organization' })}
${field({
  name: 'email',
  id: 'release-email',
  label: 'Courriel de la personne qui signe',
  type: 'email',
  autocomplete: 'off',
  optional: true,
  hint: 'Si ce n’est pas la personne à contacter : une copie de la décharge signée lui est envoyée, comme à vous.',
})}
</fieldset>
${field({
  name: 'imageCount',
  id: 'release-imageCount',
  label: 'Nombre d’images couvertes par la décharge',
  type: 'number',
  hint: 'Rempli avec le nombre de photos déjà acceptées. Il doit correspondre au nombre de photos du dossier.',
  attrs: ' inputmode="numeric" min="1" max="20"',
  width: 'short',
})}
<fieldset class="statements">
<legend>Ce que vous déclarez</legend>
<p class="hint">Cochez chaque case pour donner votre accord.</p>
${releaseStatementsCheckboxes()}
</fieldset>
${field({ name: 'place', id: 'release-place', label: 'Fait à (ville)', autocomplete: 'address-level2', width: 'medium' })}
<p class="release-date">Le <strong id="release-date"></strong></p>
${field({
  name: 'approval',
  id: 'release-approval',
  label: 'Écrivez «\u00a0lu et approuvé\u00a0»',
  hint: 'Cette mention, avec votre nom, vaut signature.',
  attrs: ' autocapitalize="off" spellcheck="false"',
  width: 'medium',
})}`;
}

export function releaseScanFields(): string {
  return `${field({
    name: 'imageCount',
    id: 'release-scan-imageCount',
    label: 'Nombre d’images indiqué sur la décharge',
    type: 'number',
    attrs: ' inputmode="numeric" min="1" max="20"',
    width: 'short',
  })}
<div class="field file-field">
<p class="label-like" id="release-file-title">Décharge signée</p>
<p class="hint" id="release-file-hint">Un PDF, ou une photo bien lisible de la page (JPEG, PNG, WebP), ${megabytes(MAX_RELEASE_BYTES)} au maximum.</p>
<p class="field-error" id="release-file-error" hidden></p>
<input type="file" class="file-input" id="release-file" name="file" accept="application/pdf,image/jpeg,image/png,image/webp" aria-describedby="release-file-hint release-file-name" data-describedby="release-file-hint release-file-name">
<label for="release-file" class="button button--secondary">Choisir le fichier</label>
<p class="file-name" id="release-file-name"></p>
</div>`;
}

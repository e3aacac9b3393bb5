import type { ApplicationList, ConsoleRow, PhotoArchive } from '../../../functions/domain/admin-views.ts';
import { PHOTO_ARCHIVE_LIMITS } from '../../../functions/domain/photo-archive.ts';
import { api, download } from '../api.ts';
import { campaignParam, campaignPicker } from '../campaign-choice.ts';
import { formatShortDate, plural } from '../format.ts';
import { ARTICLE, AXIS_OPTIONS, axisLabel, DECISION, STATUS } from '../labels.ts';
import { go, type Route } from '../nav.ts';
import { badge, onClick, field, h, notice, onSubmit, pageTitle, select, uid } from '../ui.ts';
import { rememberListOrder } from '../list-order.ts';
import { CHOOSE_OUTCOME, decisionFields } from '../decision-fields.ts';
import { archiveForm } from './photos.ts';

const FILTERS = ['status', 'complete', 'axis', 'region', 'decision', 'article', 'q', 'sort'] as const;
const all = (label: string) => ({ value: '', label });

/** A message kept across the re-render that follows a bulk decision. */
let flash: HTMLElement | undefined;

function filterForm(query: URLSearchParams, regions: string[]): HTMLFormElement {
  const v = (name: string) => query.get(name) ?? '';
  const selects = [
    select(
      'Statut',
      'status',
      [all('Tous'), ...Object.entries(STATUS).map(([value, [label]]) => ({ value, label }))],
      v('status'),
    ),
    select(
      'Complétude',
      'complete',
      [all('Tous'), { value: 'yes', label: 'Complets' }, { value: 'no', label: 'À compléter' }],
      v('complete'),
    ),
    select('Axe', 'axis', [all('Tous'), ...AXIS_OPTIONS], v('axis')),
    select('Région', 'region', [all('Toutes'), ...regions.map((r) => ({ value: r, label: r }))], v('region')),
    select(
      'Décision',
      'decision',
      [all('Toutes'), ...Object.entries(DECISION).map(([value, [label]]) => ({ value, label }))],
      v('decision'),
    ),
    select(
      'Article',
      'article',
      [all('Tous'), ...Object.entries(ARTICLE).map(([value, [label]]) => ({ value, label }))],
      v('article'),
    ),
    select(
      'Trier par',
      'sort',
      [
        { value: '-createdAt', label: 'Plus récents d’abord' },
        { value: 'createdAt', label: 'Plus anciens d’abord' },
        { value: 'initiative', label: 'Initiative (A → Z)' },
        { value: 'company', label: 'Entreprise (A → Z)' },
        { value: 'region', label: 'Région (A → Z)' },
      ],
      v('sort') || '-createdAt',
    ),
  ];
  const search = field({
    label: 'Rechercher',
    name: 'q',
    type: 'search',
    value: v('q'),
    hint: 'Initiative, entreprise, contact, courriel, lieu.',
  });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filtrer les dossiers' },
    search.wrapper,
    h('div', { class: 'filter-grid' }, ...selects.map((s) => s.wrapper)),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'button' }, 'Filtrer'),
      h('a', { href: '#/dossiers', class: 'button button--secondary' }, 'Tout afficher'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      const value = (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim();
      if (value) params.set(name, value);
    }
    go(`#/dossiers${params.size ? `?${params}` : ''}`);
  });
  return form;
}

function rowsTable(rows: ConsoleRow[], selection: Set<string>, onSelect: () => void): HTMLElement {
  const toggleAll = h('input', {
    type: 'checkbox',
    id: uid('tous'),
    'aria-label': 'Sélectionner tous les dossiers affichés',
  });
  const boxes = rows.map((row) => {
    const box = h('input', {
      type: 'checkbox',
      value: row.id,
      'aria-label': `Sélectionner «\u00a0${row.initiative || row.company || row.id}\u00a0»`,
    });
    box.addEventListener('change', () => {
      if (box.checked) selection.add(row.id);
      else selection.delete(row.id);
      toggleAll.checked = selection.size === rows.length;
      onSelect();
    });
    return box;
  });
  toggleAll.addEventListener('change', () => {
    boxes.forEach((box) => {
      box.checked = toggleAll.checked;
      if (box.checked) selection.add(box.value);
      else selection.delete(box.value);
    });
    onSelect();
  });
  const tone = (labels: Record<string, [string, string]>, key: string) =>
    badge(labels[key]?.[0] ?? key, labels[key]?.[1] ?? 'neutral');
  const t = h(
    'table',
    { class: 'rows' },
    h('caption', { class: 'visually-hidden' }, 'Dossiers de la campagne'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col', class: 'select' }, toggleAll),
        ...['Initiative', 'Entreprise', 'Axe', 'Région', 'Statut', 'Décision', 'Article', 'Déposé le'].map((text) =>
          h('th', { scope: 'col' }, text),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...rows.map((row, i) =>
        h(
          'tr',
          {},
          h('td', { class: 'select' }, boxes[i]!),
          h(
            'th',
            { scope: 'row' },
            h('a', { href: `#/dossiers/${encodeURIComponent(row.id)}` }, row.initiative || 'Sans nom'),
          ),
          h('td', {}, row.company),
          h('td', {}, axisLabel(row.axis)),
          h('td', {}, row.region),
          h('td', {}, tone(STATUS, row.status)),
          h('td', {}, tone(DECISION, row.decision)),
          h('td', {}, tone(ARTICLE, row.articleStatus ?? 'none')),
          h('td', {}, formatShortDate(row.createdAt)),
        ),
      ),
    ),
  );
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': 'Liste des dossiers', tabindex: '0' }, t);
}

/** The same decision for the selected files; each is checked by the API (complete at the deadline, not yet announced). */
function bulkForm(campaignId: string, selection: Set<string>, rows: ConsoleRow[]): HTMLElement {
  const count = h('p', { class: 'selection-count', role: 'status' });
  const update = () => {
    count.textContent = selection.size
      ? `${plural(selection.size, 'dossier sélectionné', 'dossiers sélectionnés')}.`
      : 'Aucun dossier sélectionné\u00a0: cochez-les dans la liste.';
  };
  update();
  const decision = decisionFields({
    rows: 2,
    relevanceHint: 'Note interne, facultative.',
    notesHint: 'Note interne, facultative.',
    commentHint: 'Facultatif. Il accompagnera la décision dans le courriel envoyé à chaque entreprise à l’annonce.',
  });
  const message = h('div', { class: 'form-message' });
  const button = h('button', { type: 'submit', class: 'button' }, 'Appliquer la décision');
  const form = h(
    'form',
    { class: 'bulk', 'aria-labelledby': 'bulk-title', novalidate: '' },
    h('h2', { id: 'bulk-title' }, 'Décision groupée'),
    count,
    ...decision.controls,
    message,
    h('div', { class: 'actions' }, button),
  );
  onSubmit(form, button, message, async () => {
    const chosen = decision.read();
    if (!selection.size || !chosen.outcome) {
      message.replaceChildren(
        notice('error', !selection.size ? 'Sélectionnez au moins un dossier dans la liste.' : CHOOSE_OUTCOME),
      );
      return;
    }
    const answer = await api<{ decided: number; results: { id: string; ok: boolean; message?: string }[] }>(
      'POST',
      '/api/admin/decisions',
      { campaignId, ids: [...selection], ...chosen },
    );
    const failed = answer.results.filter((r) => !r.ok);
    const name = (id: string) => rows.find((r) => r.id === id)?.initiative || id;
    flash = notice(
      failed.length ? 'important' : 'success',
      h(
        'p',
        {},
        `Décision «\u00a0${DECISION[chosen.outcome]![0]}\u00a0» enregistrée pour ${plural(answer.decided, 'dossier', 'dossiers')}.`,
      ),
      ...(failed.length
        ? [
            h('p', {}, 'Non enregistrée pour\u00a0:'),
            h('ul', {}, ...failed.map((f) => h('li', {}, `${name(f.id)}\u00a0: ${f.message}`))),
          ]
        : []),
    );
    go(location.hash);
  });
  form.addEventListener('selection', update);
  return form;
}

/** #/dossiers: filters, search, sort; export; decisions on a selection. */
export async function showList(main: HTMLElement, route: Route): Promise<void> {
  const query = new URLSearchParams(route.query);
  const param = campaignParam();
  if (param) query.set('campaignId', new URLSearchParams(param).get('campaignId')!);
  const data = await api<ApplicationList>('GET', `/api/admin/applications?${query}`);
  rememberListOrder(location.hash || '#/dossiers', data.rows);
  const selection = new Set<string>();
  const bulk = data.campaign.phase === 'review' ? bulkForm(data.campaign.id, selection, data.rows) : undefined;
  const exportButton = h(
    'button',
    { type: 'button', class: 'button button--secondary' },
    'Exporter la sélection (CSV)',
  );
  onClick(exportButton, () => download(`/api/admin/applications.csv?${query}`, 'candidatures.csv'));
  const photos = archiveForm(
    'Télécharger les photos de la sélection (ZIP)',
    () => {
      if (!selection.size) throw new Error('Cochez au moins un dossier dans la liste.');
      return api<PhotoArchive>('POST', '/api/admin/photo-archives', {
        campaignId: data.campaign.id,
        ids: [...selection],
      });
    },
    `Les photos d’origine des dossiers cochés, ${PHOTO_ARCHIVE_LIMITS.files} dossiers et ${PHOTO_ARCHIVE_LIMITS.bytes / 2 ** 20} Mo au plus par fichier ZIP.`,
  );
  const shown = flash;
  flash = undefined;
  main.replaceChildren(
    ...pageTitle('Dossiers', data.campaign.title),
    await campaignPicker(data.campaign),
    ...(shown ? [shown] : []),
    filterForm(route.query, data.regions),
    h(
      'p',
      { class: 'result-count', role: 'status' },
      `${plural(data.rows.length, 'dossier affiché', 'dossiers affichés')} sur ${data.total}.`,
    ),
    h('div', { class: 'actions' }, exportButton),
    photos,
    data.rows.length
      ? rowsTable(data.rows, selection, () => bulk?.dispatchEvent(new Event('selection')))
      : notice('info', 'Aucun dossier ne correspond à ces filtres.'),
    bulk ??
      notice(
        'info',
        data.campaign.phase === 'open' || data.campaign.phase === 'draft'
          ? 'Les décisions se prennent après la date limite de dépôt.'
          : 'Les décisions ont été annoncées\u00a0: elles ne peuvent plus changer.',
      ),
  );
}

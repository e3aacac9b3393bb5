import type { DashboardView } from '../../../functions/domain/admin-views.ts';
import { api, ApiError } from '../api.ts';
import { campaignParam, campaignPicker } from '../campaign-choice.ts';
import { formatDate, formatDateTime, formatNumber, plural } from '../format.ts';
import { ARTICLE, DATE_LABELS, PHASE, STATUS } from '../labels.ts';
import { definitions, onClick, h, notice, pageTitle, table } from '../ui.ts';

const figure = (value: string, label: string, extra?: Node) =>
  h(
    'div',
    { class: 'figure' },
    h('p', { class: 'figure-value' }, value),
    h('p', { class: 'figure-label' }, label),
    extra ?? null,
  );

const countsTable = (
  caption: string,
  what: string,
  counts: Record<string, number>,
  label: (key: string) => string = (k) => k,
) =>
  table(
    caption,
    [what, 'Dossiers'],
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(([key, n]) => [label(key), formatNumber(n)]),
    // The section's heading names it already.
    { numbers: true, hiddenCaption: true },
  );

/** The first screen of a console without any campaign: an invitation to create one. */
function showNoCampaign(main: HTMLElement): void {
  main.replaceChildren(
    ...pageTitle('Tableau de bord'),
    h(
      'p',
      {},
      'Aucune campagne pour l’instant. Créez celle de l’appel\u00a0: les dates sont proposées d’après son calendrier, et la campagne reste en préparation jusqu’à ce que vous l’ouvriez aux candidats.',
    ),
    h('p', {}, h('a', { class: 'button', href: '#/campagnes/nouvelle' }, 'Créer une campagne')),
  );
}

/**
 * Failures waiting for a person (failed automatic checks, emails that could not go): said plainly,
 * with « Relancer » once the cause is fixed (the alert email tells what happened). Nothing when none.
 */
async function failuresNotice(): Promise<HTMLElement[]> {
  const counts = await api<{ failedEvents: number; mailDeadLetters: number }>('GET', '/api/admin/failed-events');
  if (!counts.failedEvents && !counts.mailDeadLetters) return [];
  const what = [
    counts.failedEvents
      ? plural(counts.failedEvents, 'traitement automatique a échoué', 'traitements automatiques ont échoué')
      : '',
    counts.mailDeadLetters
      ? plural(counts.mailDeadLetters, 'e-mail n’a pas pu partir', 'e-mails n’ont pas pu partir')
      : '',
  ].filter(Boolean);
  const status = h('div', { role: 'status' });
  const button = h('button', { type: 'button', class: 'button' }, 'Relancer');
  onClick(button, async () => {
    try {
      const { message } = await api<{ message: string }>('POST', '/api/admin/failed-events/redrive');
      status.replaceChildren(notice('success', message));
    } catch (error) {
      status.replaceChildren(notice('error', error instanceof ApiError ? error.message : String(error)));
    }
  });
  return [
    h(
      'section',
      { class: 'notice notice--important', 'aria-labelledby': 'echecs' },
      h('h2', { id: 'echecs' }, 'À relancer'),
      h(
        'p',
        {},
        `${what.join(' et ')}. Une fois la cause corrigée (l’alerte reçue par e-mail dit laquelle), relancez-les\u00a0: rien ne sera fait ni envoyé deux fois.`,
      ),
      button,
      status,
    ),
  ];
}

/** #/tableau-de-bord: where the campaign stands (with no campaign yet, an invitation to create one). */
export async function showDashboard(main: HTMLElement): Promise<void> {
  const param = campaignParam();
  let d: DashboardView;
  try {
    d = await api<DashboardView>('GET', `/api/admin/dashboard${param ? `?${param}` : ''}`);
  } catch (error) {
    // A 404 is the campaign not found: none at all (or the one chosen in this tab is gone and none is left).
    if (!(error instanceof ApiError && error.status === 404)) throw error;
    const { campaigns } = await api<{ campaigns: unknown[] }>('GET', '/api/admin/campaigns');
    if (campaigns.length) throw error;
    return showNoCampaign(main);
  }
  const progress = h('progress', {
    max: String(d.target),
    value: String(Math.min(d.selected, d.target)),
    'aria-label': 'Initiatives retenues par rapport à l’objectif',
  });
  const next = d.next
    ? figure(
        d.next.days <= 0 ? 'aujourd’hui' : plural(d.next.days, 'jour', 'jours'),
        `avant\u00a0: ${d.next.label} (${formatDate(d.next.at)})`,
      )
    : figure('—', 'Toutes les étapes de la campagne sont passées');

  main.replaceChildren(
    ...pageTitle('Tableau de bord', d.campaign.title),
    await campaignPicker(d.campaign),
    ...(await failuresNotice()),
    h('p', {}, 'Phase\u00a0: ', h('strong', {}, PHASE[d.phase] ?? d.phase)),
    h(
      'div',
      { class: 'figures' },
      figure(formatNumber(d.total), 'dossiers déposés'),
      figure(formatNumber(d.byStatus.complete ?? 0), 'dossiers complets'),
      figure(`${formatNumber(d.selected)} / ${formatNumber(d.target)}`, 'initiatives retenues (objectif)', progress),
      next,
    ),
    ...(d.undecided
      ? [
          h(
            'p',
            { class: 'notice notice--important' },
            `${plural(d.undecided, 'dossier complet attend', 'dossiers complets attendent')} une décision. `,
            h('a', { href: '#/dossiers?decision=none&complete=yes' }, 'Les voir'),
          ),
        ]
      : []),
    h(
      'div',
      { class: 'columns' },
      h(
        'section',
        { 'aria-labelledby': 'par-statut' },
        h('h2', { id: 'par-statut' }, 'Par statut'),
        countsTable('Dossiers par statut', 'Statut', d.byStatus, (k) => STATUS[k]?.[0] ?? k),
      ),
      h(
        'section',
        { 'aria-labelledby': 'par-axe' },
        h('h2', { id: 'par-axe' }, 'Par axe'),
        countsTable('Dossiers par axe', 'Axe', d.byAxis),
      ),
      h(
        'section',
        { 'aria-labelledby': 'par-region' },
        h('h2', { id: 'par-region' }, 'Par région'),
        countsTable('Dossiers par région', 'Région', d.byRegion),
      ),
      h(
        'section',
        { 'aria-labelledby': 'articles' },
        h('h2', { id: 'articles' }, 'Articles des initiatives retenues'),
        countsTable('Articles par statut', 'Article', d.articles, (k) => ARTICLE[k]?.[0] ?? k),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'calendrier' },
      h('h2', { id: 'calendrier' }, 'Calendrier'),
      definitions(
        (Object.keys(DATE_LABELS) as (keyof typeof DATE_LABELS)[]).map((key) => [
          DATE_LABELS[key],
          formatDateTime(d.dates[key]),
        ]),
      ),
    ),
  );
}

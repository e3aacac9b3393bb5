import type { AuditEntryView, AuditView } from '../../../functions/domain/admin-views.ts';
import { api } from '../api.ts';
import { campaignParam, campaignPicker } from '../campaign-choice.ts';
import { formatDateTime } from '../format.ts';
import { DECISION } from '../labels.ts';
import { h, notice, pageTitle, table } from '../ui.ts';

type Entry = AuditEntryView;

const DETAIL_LABELS: Record<string, string> = {
  outcome: 'décision',
  requested: 'demandés',
  decided: 'enregistrés',
  version: 'version',
  title: 'titre',
};

function details(entry: Entry): string {
  return Object.entries(entry.details)
    .filter(([key]) => key !== 'ids')
    .map(
      ([key, value]) =>
        `${DETAIL_LABELS[key] ?? key}\u00a0: ${key === 'outcome' ? (DECISION[String(value)]?.[0] ?? value) : value}`,
    )
    .join(', ');
}

function targetOf({ target }: Entry): HTMLElement | string {
  switch (target?.type) {
    case 'application':
      return h(
        'a',
        { href: `#/dossiers/${encodeURIComponent(target.id)}` },
        target.name ? `dossier «\u00a0${target.name}\u00a0»` : 'dossier',
      );
    case 'campaign':
      return h('a', { href: `#/campagnes/${encodeURIComponent(target.id)}` }, 'campagne');
    default:
      return '';
  }
}

/** #/journal: who did what, when (every write of the console API). */
export async function showAudit(main: HTMLElement): Promise<void> {
  const param = campaignParam();
  const data = await api<AuditView>('GET', `/api/admin/audit${param ? `?${param}` : ''}`);
  main.replaceChildren(
    ...pageTitle('Journal des actions', data.campaign.title),
    await campaignPicker(data.campaign),
    h('p', {}, 'Chaque modification faite depuis la console, la plus récente en premier.'),
    data.entries.length
      ? table(
          'Actions des administrateurs',
          ['Quand', 'Qui', 'Action', 'Sur', 'Détails'],
          data.entries.map((e) => [formatDateTime(e.at), e.by, e.label, targetOf(e), details(e)]),
        )
      : notice('info', 'Aucune action enregistrée pour cette campagne.'),
    ...(data.more ? [h('p', { class: 'hint' }, 'Seules les 100 actions les plus récentes sont affichées.')] : []),
  );
}

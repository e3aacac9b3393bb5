import type { NamedBurst, VoteReport } from '../../../functions/domain/admin-views.ts';
import { api, download } from '../api.ts';
import { campaignParam, campaignPicker } from '../campaign-choice.ts';
import { formatDateTime, formatNumber, plural } from '../format.ts';
import { onClick, field, h, notice, onSubmit, pageTitle, table } from '../ui.ts';
import { voterErasureSection } from './voter-erasure.ts';

/**
 * #/votes: the public vote of a campaign (GET /api/admin/votes): totals, winners per axis, every
 * initiative's count and rank, the anomaly view (bursts of confirmed votes from one email domain or
 * one connection), the CSV export, the rule (votes per address, counts shown on the site) and the
 * prize of each axis's winners (shown on the site's results page and in the winners' email).
 */

const figure = (value: string, label: string) =>
  h('div', { class: 'figure' }, h('p', { class: 'figure-value' }, value), h('p', { class: 'figure-label' }, label));

function stateLabel(v: VoteReport['voting']): string {
  if (v.frozen) return `Clos, résultats figés le ${formatDateTime(v.frozenAt)}`;
  if (v.state === 'closed') return 'Clos';
  if (v.state === 'open')
    return `Ouvert jusqu’au ${formatDateTime(new Date(Date.parse(v.closesAt) - 1000).toISOString())}`;
  return `Ouvrira le ${formatDateTime(v.opensAt)}`;
}

function burstTable(caption: string, what: string, bursts: NamedBurst[]): HTMLElement {
  return table(
    caption,
    [what, 'Votes en moins d’une heure', 'Du', 'Au', 'Total sur la campagne', 'Initiatives concernées'],
    bursts.map((b) => [
      b.key,
      formatNumber(b.count),
      formatDateTime(b.from),
      formatDateTime(b.to),
      formatNumber(b.total),
      b.initiatives.map((i) => `${i.title} (${formatNumber(i.votes)})`).join('\u202f; '),
    ]),
    { hiddenCaption: true },
  );
}

function ruleForm(report: VoteReport): HTMLElement {
  const max = field({
    label: 'Nombre d’initiatives pour lesquelles une même adresse peut voter',
    name: 'maxPerEmail',
    type: 'number',
    value: String(report.voting.maxPerEmail),
    attrs: { min: '1', max: '50', inputmode: 'numeric' },
  });
  const show = h('input', { type: 'checkbox', id: 'show-counts', name: 'showCounts' });
  show.checked = report.voting.showCounts;
  const message = h('div', { role: 'status' });
  const save = h('button', { type: 'submit', class: 'button' }, 'Enregistrer la règle');
  const form = h(
    'form',
    { class: 'vote-rule' },
    max.wrapper,
    h(
      'div',
      { class: 'choice' },
      show,
      h('label', { for: 'show-counts' }, 'Afficher le nombre de votes sur le site public'),
    ),
    h('div', { class: 'actions' }, save),
    message,
  );
  onSubmit(form, save, message, async () => {
    await api('PUT', `/api/admin/campaigns/${encodeURIComponent(report.campaign.id)}/voting`, {
      maxPerEmail: Number(max.control.value),
      showCounts: show.checked,
    });
    message.replaceChildren(notice('success', 'Règle enregistrée\u00a0: elle s’applique aux prochains votes.'));
  });
  return form;
}

function prizeForm(report: VoteReport): HTMLElement {
  const fields = report.axes
    .filter((a) => a.id !== 'autres')
    .map((a) => ({
      id: a.id,
      ...field({
        label: `Prix de l’axe «\u00a0${a.label}\u00a0»`,
        name: `prize-${a.id}`,
        value: report.prizes[a.id] ?? '',
        hint:
          a.winners.length && report.voting.frozen
            ? `Lauréat${a.winners.length > 1 ? 's ex aequo' : ''}\u00a0: ${a.winners.map((w) => w.title).join('\u202f; ')}`
            : undefined,
        attrs: { maxlength: '300' },
      }),
    }));
  const message = h('div', { role: 'status' });
  const save = h('button', { type: 'submit', class: 'button' }, 'Enregistrer les prix');
  const form = h(
    'form',
    { class: 'vote-prizes' },
    ...fields.map((f) => f.wrapper),
    h('div', { class: 'actions' }, save),
    message,
  );
  onSubmit(form, save, message, async () => {
    const prizes = Object.fromEntries(fields.map((f) => [f.id, f.control.value.trim()]));
    const saved = await api<{ republished: boolean }>(
      'PUT',
      `/api/admin/campaigns/${encodeURIComponent(report.campaign.id)}/prizes`,
      { prizes },
    );
    message.replaceChildren(
      notice(
        'success',
        saved.republished
          ? 'Prix enregistrés\u00a0: la page des résultats du site est publiée à nouveau. Les courriels déjà envoyés aux lauréats ne changent pas.'
          : 'Prix enregistrés\u00a0: ils figureront sur la page des résultats du site et dans le courriel envoyé à chaque lauréat à la clôture du vote.',
      ),
    );
  });
  return form;
}

export async function showVotes(main: HTMLElement): Promise<void> {
  const param = campaignParam();
  const r = await api<VoteReport>('GET', `/api/admin/votes${param ? `?${param}` : ''}`);
  const exportButton = h(
    'button',
    { type: 'button', class: 'button button--secondary' },
    'Exporter les résultats (CSV)',
  );
  onClick(exportButton, () =>
    download(`/api/admin/votes.csv?campaignId=${encodeURIComponent(r.campaign.id)}`, 'votes.csv'),
  );
  const { byDomain, byIp, threshold, windowMinutes } = r.anomalies;

  main.replaceChildren(
    ...pageTitle('Votes du public', r.campaign.title),
    await campaignPicker(r.campaign),
    h('p', {}, 'Vote\u00a0: ', h('strong', {}, stateLabel(r.voting))),
    h(
      'div',
      { class: 'figures' },
      figure(formatNumber(r.total), r.voting.frozen ? 'votes confirmés (résultats figés)' : 'votes confirmés'),
      figure(formatNumber(r.voters), 'adresses différentes'),
      figure(formatNumber(r.voting.maxPerEmail), 'votes au plus par adresse'),
      figure(r.voting.showCounts ? 'affichés' : 'masqués', 'totaux sur le site public'),
    ),
    h('div', { class: 'actions' }, exportButton),
    h(
      'section',
      { 'aria-labelledby': 'votes-axes' },
      h('h2', { id: 'votes-axes' }, r.voting.frozen ? 'Lauréats par axe' : 'En tête par axe'),
      table(
        'Votes par axe',
        ['Axe', 'Votes', 'En tête'],
        r.axes.map((a) => [
          a.label,
          formatNumber(a.votes),
          a.winners.length
            ? a.winners.map((w) => `${w.title} (${plural(w.votes, 'vote', 'votes')})`).join('\u202f; ') +
              (a.winners.length > 1 ? ' — ex aequo' : '')
            : 'Aucun vote',
        ]),
        { hiddenCaption: true },
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'votes-initiatives' },
      h('h2', { id: 'votes-initiatives' }, 'Par initiative'),
      r.initiatives.length
        ? table(
            'Votes par initiative',
            ['Initiative', 'Entreprise', 'Axe', 'Région', 'Votes', 'Rang dans l’axe'],
            r.initiatives.map((i) => [
              i.winner ? `${i.title} (en tête)` : i.title,
              i.company,
              i.axisLabel,
              i.region,
              formatNumber(i.votes),
              String(i.rank),
            ]),
            { hiddenCaption: true },
          )
        : notice('info', 'Aucune initiative publiée pour cette campagne.'),
    ),
    h(
      'section',
      { 'aria-labelledby': 'votes-anomalies' },
      h('h2', { id: 'votes-anomalies' }, 'Anomalies'),
      h(
        'p',
        {},
        `Plus de ${threshold} votes confirmés en moins de ${windowMinutes} minutes depuis un même domaine d’adresse (hors grandes messageries) ou une même connexion (adresse IP, dont seule une empreinte est gardée). Une rafale n’est pas forcément une fraude\u00a0: un réseau d’entreprise ou une réunion peuvent en produire.`,
      ),
      h('h3', {}, 'Par domaine d’adresse'),
      byDomain.length
        ? burstTable('Rafales par domaine', 'Domaine', byDomain)
        : notice('info', 'Aucune rafale par domaine.'),
      h('h3', {}, 'Par connexion'),
      byIp.length
        ? burstTable('Rafales par connexion', 'Connexion (empreinte)', byIp)
        : notice('info', 'Aucune rafale par connexion.'),
    ),
    h(
      'section',
      { 'aria-labelledby': 'votes-prix' },
      h('h2', { id: 'votes-prix' }, 'Prix des lauréats'),
      h(
        'p',
        {},
        'Pour chaque axe, ce que gagne l’initiative préférée du public (toutes, en cas d’égalité). Le texte figure sur la page «\u00a0Résultats du vote\u00a0» du site et dans le courriel envoyé à chaque lauréat à la clôture\u202f; laissé vide, aucun prix n’est mentionné.',
      ),
      prizeForm(r),
    ),
    h(
      'section',
      { 'aria-labelledby': 'votes-regle' },
      h('h2', { id: 'votes-regle' }, 'Règle du vote'),
      r.voting.frozen || r.campaign.phase === 'closed'
        ? notice('info', 'Les résultats sont figés\u00a0: la règle ne change plus.')
        : ruleForm(r),
    ),
    voterErasureSection(r.campaign),
  );
}

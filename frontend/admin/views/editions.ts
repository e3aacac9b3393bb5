import type { CompilationScreen, NewsletterScreen } from '../../../functions/domain/admin-views.ts';
import { api } from '../api.ts';
import { campaignPicker, chosenCampaign } from '../campaign-choice.ts';
import { formatDateTime, formatNumber, plural } from '../format.ts';
import { field, h, notice, onSubmit, pageTitle } from '../ui.ts';

/**
 * #/recueil: what the call promises after the launch. The printed compilation (editorial, files left
 * out with a reason, generation in the background, then a short-lived download link) and the
 * newsletter selection (intro, initiatives in order with a short text, the HTML block and its text
 * to copy into the newsletter tool).
 */

/** While a generation runs, the screen asks again this often. */
const POLL_MS = 3000;

function compilationState(c: CompilationScreen['compilation']): Node {
  if (!c) return notice('info', 'Aucun recueil généré pour cette campagne.');
  if (c.state === 'running')
    return notice(
      'info',
      `Génération en cours, demandée le ${formatDateTime(c.requestedAt)}\u00a0: cette page se met à jour toute seule.`,
    );
  if (c.state === 'failed') return notice('error', c.error ?? 'La génération a échoué.');
  return notice(
    'success',
    `Recueil prêt le ${formatDateTime(c.finishedAt!)}\u00a0: ${plural(c.pages ?? 0, 'page', 'pages')}, ${plural(c.initiatives ?? 0, 'initiative', 'initiatives')}, photos à ${formatNumber(c.minDpi ?? 0)} dpi au moins. `,
    h('a', { href: c.url!, class: 'button' }, 'Télécharger le PDF'),
    ' (lien valable 15 minutes\u00a0: rechargez la page pour en obtenir un nouveau).',
  );
}

/** A form of one text field and a list of items in a fieldset, then its button and its status line. */
function listForm(className: string, lead: Node, legend: string, items: Node[], label: string) {
  const message = h('div', { role: 'status' });
  const submit = h('button', { type: 'submit', class: 'button' }, label);
  const form = h(
    'form',
    { class: className },
    lead,
    h('fieldset', {}, h('legend', {}, legend), ...items),
    h('div', { class: 'actions' }, submit),
    message,
  );
  return { form, submit, message };
}

async function compilationSection(campaignId: string): Promise<HTMLElement> {
  const route = `/api/admin/campaigns/${encodeURIComponent(campaignId)}/compilation`;
  const screen = await api<CompilationScreen>('GET', route);
  const state = h('div', { role: 'status' }, compilationState(screen.compilation));
  const section = h('section', { 'aria-labelledby': 'recueil' }, h('h2', { id: 'recueil' }, 'Recueil imprimable'));
  section.append(
    h(
      'p',
      {},
      'Un PDF A4 prêt pour l’imprimeur\u00a0: couverture, éditorial, sommaire par axe puis par région, une page par initiative (l’article validé, sinon la description du dossier) avec ses photos, et l’adresse de la fédération en quatrième de couverture. Il réunit tous les dossiers complets à la date limite, retenus ou non.',
    ),
  );
  if (!screen.printable) {
    section.append(notice('info', 'Le recueil se prépare après la date limite de dépôt.'));
    return section;
  }
  const editorial = field({
    label: 'Éditorial',
    name: 'editorial',
    rows: 6,
    value: screen.compilation?.editorial ?? '',
    hint: 'Laissé vide, un texte par défaut est imprimé. Séparez les paragraphes par une ligne vide.',
  });
  const rows = screen.candidates.map((c) => {
    const excluded = h('input', { type: 'checkbox', id: `exclure-${c.id}` });
    excluded.checked = c.excluded !== null;
    const reason = field({
      label: `Raison de l’exclusion de «\u00a0${c.initiative}\u00a0»`,
      name: `raison-${c.id}`,
      value: c.excluded ?? '',
    });
    return { c, excluded, reason };
  });
  const { form, submit, message } = listForm(
    'compilation-form',
    editorial.wrapper,
    `Dossiers imprimés (${formatNumber(screen.candidates.length)} complets à la date limite)\u00a0: cochez ceux à exclure et dites pourquoi`,
    rows.map(({ c, excluded, reason }) =>
      h(
        'div',
        { class: 'exclusion' },
        h(
          'div',
          { class: 'choice' },
          excluded,
          h('label', { for: excluded.id }, `Exclure «\u00a0${c.initiative}\u00a0» (${c.enterprise}, ${c.region})`),
        ),
        reason.wrapper,
      ),
    ),
    'Générer le recueil',
  );
  onSubmit(form, submit, message, async () => {
    const exclusions = rows
      .filter((r) => r.excluded.checked)
      .map((r) => ({ applicationId: r.c.id, reason: r.reason.control.value }));
    const started = await api<Pick<CompilationScreen, 'compilation'>>('POST', route, {
      editorial: editorial.control.value,
      exclusions,
    });
    message.replaceChildren();
    state.replaceChildren(compilationState(started.compilation));
    poll();
  });
  const refresh = async () => {
    if (!section.isConnected) return;
    const next = await api<CompilationScreen>('GET', route).catch(() => undefined);
    if (next?.compilation) state.replaceChildren(compilationState(next.compilation));
    if (!next || next.compilation?.state === 'running') poll();
  };
  const poll = () => setTimeout(() => void refresh(), POLL_MS);
  if (screen.compilation?.state === 'running') poll();
  section.append(state, form);
  return section;
}

async function newsletterSection(campaignId: string): Promise<HTMLElement> {
  const route = `/api/admin/campaigns/${encodeURIComponent(campaignId)}/newsletter`;
  const screen = await api<NewsletterScreen>('GET', route);
  const section = h(
    'section',
    { 'aria-labelledby': 'lettre' },
    h('h2', { id: 'lettre' }, 'Sélection pour la lettre d’information'),
  );
  if (!screen.candidates.length) {
    section.append(
      notice(
        'info',
        'Aucune initiative publiée pour cette campagne\u00a0: la sélection se fait parmi les initiatives en ligne.',
      ),
    );
    return section;
  }
  const chosen = new Map(screen.selection.items.map((item, i) => [item.initiativeId, { ...item, order: i + 1 }]));
  const intro = field({ label: 'Introduction (facultative)', name: 'intro', rows: 3, value: screen.selection.intro });
  const rows = screen.candidates.map((c) => {
    const picked = h('input', { type: 'checkbox', id: `lettre-${c.id}` });
    picked.checked = chosen.has(c.id);
    const order = field({
      label: 'Ordre',
      name: `ordre-${c.id}`,
      type: 'number',
      value: String(chosen.get(c.id)?.order ?? ''),
      attrs: { min: '1', max: '20', inputmode: 'numeric' },
    });
    const text = field({
      label: `Texte court pour «\u00a0${c.title}\u00a0»`,
      name: `texte-${c.id}`,
      rows: 2,
      value: chosen.get(c.id)?.text ?? '',
      hint: 'Laissé vide, le chapeau de l’article est repris.',
    });
    return { c, picked, order, text };
  });
  const htmlOut = field({
    label: 'Bloc HTML à coller dans l’outil de lettre',
    name: 'html',
    rows: 6,
    value: screen.html,
    attrs: { readonly: '' },
  });
  const textOut = field({ label: 'Version texte', name: 'text', rows: 6, value: screen.text, attrs: { readonly: '' } });
  const { form, submit, message } = listForm(
    'newsletter-form',
    intro.wrapper,
    'Initiatives retenues pour la lettre (ordre\u00a0: 1 en premier)',
    rows.map(({ c, picked, order, text }) =>
      h(
        'div',
        { class: 'newsletter-item' },
        h(
          'div',
          { class: 'choice' },
          picked,
          h('label', { for: picked.id }, `${c.title} — ${c.company} (${c.axis}, ${c.region})`),
        ),
        order.wrapper,
        text.wrapper,
      ),
    ),
    'Enregistrer la sélection',
  );
  onSubmit(form, submit, message, async () => {
    const items = rows
      .filter((r) => r.picked.checked)
      .sort((a, b) => (Number(a.order.control.value) || 99) - (Number(b.order.control.value) || 99))
      .map((r) => ({ initiativeId: r.c.id, text: r.text.control.value }));
    const saved = await api<NewsletterScreen>('PUT', route, { intro: intro.control.value, items });
    htmlOut.control.value = saved.html;
    textOut.control.value = saved.text;
    message.replaceChildren(
      notice(
        'success',
        `Sélection enregistrée\u00a0: ${plural(items.length, 'initiative', 'initiatives')}. Le bloc ci-dessous est à jour.`,
      ),
    );
  });
  section.append(form, h('h3', {}, 'Export'), htmlOut.wrapper, textOut.wrapper);
  return section;
}

export async function showEditions(main: HTMLElement): Promise<void> {
  const { campaigns } = await api<{ campaigns: { id: string; title: string }[] }>('GET', '/api/admin/campaigns');
  const campaign = campaigns.find((c) => c.id === chosenCampaign()) ?? campaigns[0];
  if (!campaign) {
    main.replaceChildren(...pageTitle('Recueil et lettre'), notice('info', 'Aucune campagne pour l’instant.'));
    return;
  }
  const [compilation, newsletter] = await Promise.all([
    compilationSection(campaign.id),
    newsletterSection(campaign.id),
  ]);
  main.replaceChildren(
    ...pageTitle('Recueil et lettre', campaign.title),
    await campaignPicker(campaign),
    compilation,
    newsletter,
  );
}

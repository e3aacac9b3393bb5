import type { ApplicationDetail as Detail } from '../../../functions/domain/admin-views.ts';
import { api } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { ARTICLE, axisLabel, DECISION, historyLabel, STATUS } from '../labels.ts';
import { go } from '../nav.ts';
import { CHOOSE_OUTCOME, decisionFields } from '../decision-fields.ts';
import { badge, definitions, h, notice, onSubmit, pageTitle, prose, section } from '../ui.ts';
import { personalDataSection } from './personal-data.ts';
import { photosSection } from './photos.ts';
import { rectificationSection } from './rectification.ts';
import { withdrawalSection } from './withdrawal.ts';
import { fileNavigation } from '../list-order.ts';

const link = (url?: string) =>
  url ? h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, url) : undefined;

function releaseSection(d: Detail): HTMLElement {
  const r = d.release;
  if (!r) return section('decharge', 'Décharge droit à l’image', h('p', {}, 'Pas encore de décharge.'));
  const file = r.file
    ? h(
        'p',
        {},
        h(
          'a',
          { href: r.file.url, target: '_blank', rel: 'noopener noreferrer', class: 'button button--secondary' },
          r.mode === 'online' ? 'Ouvrir la preuve de signature (PDF)' : 'Ouvrir la décharge déposée',
        ),
        h(
          'span',
          { class: 'hint' },
          ` Lien valable ${Math.round(r.file.expiresIn / 60)} minutes\u00a0: rechargez la page au-delà.`,
        ),
      )
    : null;
  const facts: [string, string][] =
    r.mode === 'online'
      ? [
          ['Forme', 'signée en ligne'],
          ['Signataire', r.signatory],
          ['Signée le', formatDateTime(r.signedAt)],
          ['Images couvertes', String(r.imageCount)],
        ]
      : [
          ['Forme', 'document déposé'],
          [
            'État',
            {
              received: 'reçue',
              rejected: `refusée\u00a0: ${r.message ?? ''}`,
              processing: 'en cours de vérification',
            }[r.state],
          ],
          ['Images couvertes', String(r.imageCount)],
        ];
  return section('decharge', 'Décharge droit à l’image', definitions(facts), file);
}

function decisionSection(d: Detail): HTMLElement {
  const current = d.application.decision;
  const recorded = current
    ? [
        h(
          'p',
          {},
          badge(DECISION[current.outcome]?.[0] ?? current.outcome, DECISION[current.outcome]?.[1] ?? 'neutral'),
          ` par ${current.decidedBy}, le ${formatDateTime(current.decidedAt)}`,
        ),
        definitions([
          ['Pertinence par rapport à l’axe', current.relevance],
          ['Résultats', current.results],
          ['Commentaire pour l’entreprise', current.comment],
        ]),
      ]
    : [h('p', {}, 'Pas encore de décision.')];
  if (d.decisionLock) return section('decision', 'Décision', ...recorded, notice('info', d.decisionLock));

  const decision = decisionFields({
    current,
    rows: 3,
    relevanceHint: `Axe choisi\u00a0: ${axisLabel(d.application.fields.initiative?.axis ?? '')}. Note interne.`,
    notesHint: 'Note interne.',
    commentHint: 'Facultatif\u00a0: il accompagnera la décision dans le courriel envoyé à l’entreprise à l’annonce.',
  });
  const message = h('div', { class: 'form-message' });
  const button = h('button', { type: 'submit', class: 'button' }, 'Enregistrer la décision');
  const form = h('form', { novalidate: '' }, ...decision.controls, message, h('div', { class: 'actions' }, button));
  onSubmit(form, button, message, async () => {
    const chosen = decision.read();
    if (!chosen.outcome) return void message.replaceChildren(notice('error', CHOOSE_OUTCOME));
    await api('PUT', `/api/admin/applications/${encodeURIComponent(d.application.id)}/decision`, chosen);
    go(location.hash);
  });
  return section(
    'decision',
    'Décision',
    ...recorded,
    h('p', {}, 'Les décisions restent internes jusqu’à leur annonce, envoyée à toutes les entreprises en même temps.'),
    form,
  );
}

function articleSection(d: Detail): HTMLElement | null {
  if (d.application.decision?.outcome !== 'selected') return null;
  const a = d.article;
  return section(
    'article',
    'Article',
    h(
      'p',
      {},
      a
        ? badge(ARTICLE[a.status]?.[0] ?? a.status, ARTICLE[a.status]?.[1] ?? 'neutral')
        : badge(ARTICLE.none![0], 'neutral'),
      a ? ` version ${a.version}` : '',
      a?.approvedBy ? ` — validé par ${a.approvedBy} le ${formatDateTime(a.approvedAt)}` : '',
    ),
    h(
      'p',
      {},
      h(
        'a',
        { class: 'button', href: `#/dossiers/${encodeURIComponent(d.application.id)}/article` },
        a ? 'Ouvrir l’article' : 'Rédiger l’article',
      ),
    ),
  );
}

/** The contact address SES reported as undeliverable: nothing more is sent to it. */
function undeliverableNotice(d: Detail): HTMLElement | null {
  const mark = d.application.undeliverable;
  if (!mark) return null;
  const what = mark.kind === 'bounce' ? 'rebond' : 'signalement comme indésirable';
  return notice(
    'important',
    h(
      'p',
      {},
      h('strong', {}, `Adresse injoignable (${what} le ${formatDateTime(mark.at)})`),
      `\u00a0: les courriels de la plateforme ne sont plus envoyés à ${d.application.contactEmail}. Contactez l’entreprise autrement pour obtenir une autre adresse.`,
    ),
  );
}

/** What only the screen needs (ways to act, forms made of nothing but fields to fill): left out of the print. */
function screenOnly<T extends Element>(element: T): T {
  element.classList.add('no-print');
  return element;
}

/** « Retrait du site »: on paper, only once it happened. */
const withdrawal = (id: string, withdrawnAt: string | null) =>
  withdrawnAt ? withdrawalSection(id, withdrawnAt) : screenOnly(withdrawalSection(id, null));

/** « Imprimer »: the browser prints the file as admin.css lays it out for paper (fields, small photos, decision notes). */
function printButton(): HTMLElement {
  const button = h('button', { type: 'button', class: 'button button--secondary button--small' }, 'Imprimer');
  button.addEventListener('click', () => print());
  return h('div', { class: 'actions no-print' }, button);
}

/** #/dossiers/<id>: the whole file. */
export async function showApplication(main: HTMLElement, id: string): Promise<void> {
  const d = await api<Detail>('GET', `/api/admin/applications/${encodeURIComponent(id)}`);
  const { fields } = d.application;
  const c = fields.company ?? {};
  const p: Partial<NonNullable<Detail['application']['fields']['contact']>> = fields.contact ?? {};
  const i = fields.initiative ?? {};
  const status = STATUS[d.application.status] ?? [d.application.status, 'neutral'];
  main.replaceChildren(
    screenOnly(fileNavigation(id)),
    ...pageTitle(i.name || 'Dossier sans nom', c.name),
    h(
      'p',
      { class: 'badges' },
      badge(status[0], status[1]),
      d.application.submitted ? badge('Envoyé', 'info') : badge('Pas encore envoyé', 'neutral'),
      ` Déposé le ${formatDateTime(d.application.createdAt)}, modifié le ${formatDateTime(d.application.updatedAt)}${d.application.reference ? `, référence ${d.application.reference}` : ''}`,
    ),
    printButton(),
    ...(d.application.missing.length
      ? [
          notice(
            'important',
            h('p', {}, 'Il manque\u00a0:'),
            h('ul', {}, ...d.application.missing.map((m) => h('li', {}, m.message))),
          ),
        ]
      : []),
    section(
      'initiative',
      'Initiative',
      definitions([
        ['Nom', i.name],
        ['Axe', axisLabel(i.axis ?? '')],
        ['Site web', link(i.website)],
        ['Twitter / X', link(i.twitter)],
        ['Facebook', link(i.facebook)],
        ['Autre lien', link(i.otherLinks)],
      ]),
      h('h3', {}, 'Description'),
      i.description ? prose(i.description) : h('p', { class: 'muted' }, 'non renseignée'),
    ),
    h(
      'div',
      { class: 'columns' },
      section(
        'entreprise',
        'Entreprise',
        definitions([
          ['Nom', c.name],
          ['Adresse', c.address],
          ['Code postal', c.postalCode],
          ['Ville', c.city],
          ['Département', c.department],
          ['Région', c.region],
        ]),
      ),
      section(
        'contact',
        'Personne à contacter',
        definitions([
          ['Nom', [p.firstName, p.lastName].filter(Boolean).join(' ')],
          ['Fonction', p.role],
          ['Téléphone', p.phone],
          ['Courriel', p.email ? h('a', { href: `mailto:${p.email}` }, p.email) : undefined],
        ]),
        undeliverableNotice(d),
      ),
    ),
    photosSection(d.application.id, d.photos),
    releaseSection(d),
    decisionSection(d),
    articleSection(d) ?? '',
    d.article?.status === 'approved' ? withdrawal(d.application.id, d.application.withdrawnAt) : '',
    screenOnly(rectificationSection(d.application.id, fields)),
    section(
      'historique',
      'Historique',
      h(
        'ol',
        { class: 'history' },
        ...d.history.map((e) =>
          h('li', {}, h('time', { datetime: e.at }, formatDateTime(e.at)), ' — ', historyLabel(e)),
        ),
      ),
    ),
    screenOnly(personalDataSection(d.application.id)),
  );
}

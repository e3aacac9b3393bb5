import { h } from '../shared/dom.ts';
import { shareLinks } from '../../functions/domain/site/share.ts';
import type { VoteConfirmed } from '../../functions/domain/votes.ts';
import { call, votesLabel } from './api.ts';

/**
 * `/voter/confirmation/#jeton=…`: the page the emailed link opens. The token travels in the
 * fragment (never sent to a server, nor in a Referer); it is read, removed from the address bar
 * and history, and sent once to POST /api/votes/confirm. The outcome is written in a live region
 * and receives the focus.
 */

const SITE = 'Nos territoires ont de l’avenir';
const region = document.getElementById('resultat')!;
const links = document.getElementById('liens')!;

function show(tone: 'info' | 'success' | 'error', title: string, ...lines: (string | Node)[]): void {
  const box = h('div', { class: tone === 'info' ? 'notice' : `notice notice--${tone}`, tabindex: '-1', id: 'message' });
  box.append(...lines.map((line) => (typeof line === 'string' ? h('p', {}, line) : line)));
  region.replaceChildren(box);
  document.title = `${title} – ${SITE}`;
  if (tone !== 'info') box.focus();
}

/** Back to the initiative, and the same share links as its page (functions/domain/site/share.ts). */
function backTo(page: string | null, title: string): void {
  // Only a path of the site's initiatives (the API checks it too): never another origin.
  if (!page || !/^\/initiatives\/[a-z0-9-]+\/$/.test(page)) return;
  links.prepend(h('li', {}, h('a', { href: page }, `Revenir à l’initiative «\u00a0${title}\u00a0»`)));
  const share = h('ul', { class: 'vote-share' });
  for (const link of shareLinks(new URL(page, location.origin).href, title))
    share.append(h('li', {}, h('a', { href: link.href }, link.label)));
  links.after(h('h2', { id: 'partage-titre' }, 'Faites-la connaître autour de vous'), share);
}

async function confirm(): Promise<void> {
  const token = new URLSearchParams(location.hash.slice(1)).get('jeton');
  history.replaceState(null, '', location.pathname + location.search);
  if (!token) {
    show(
      'error',
      'Lien incomplet',
      'Ce lien de confirmation est incomplet. Ouvrez-le en entier depuis le courriel reçu (s’il est coupé sur deux lignes, copiez-le d’un seul tenant).',
      'Vous avez déjà confirmé votre vote sur cette page\u202f? Il est enregistré\u00a0: vous n’avez rien d’autre à faire.',
    );
    return;
  }
  show('info', 'Confirmation en cours', 'Confirmation de votre vote en cours…');
  const answer = await call<VoteConfirmed>('POST', '/api/votes/confirm', { token });
  if (answer.status !== 200) {
    show(
      'error',
      'Vote non enregistré',
      answer.data.message ?? 'Votre vote n’a pas pu être confirmé\u00a0: réessayez dans un instant.',
    );
    return;
  }
  const { initiative, count, showCounts, remaining } = answer.data;
  show(
    'success',
    'Vote enregistré',
    h('p', {}, h('strong', {}, 'Merci\u202f!'), ` Votre vote pour «\u00a0${initiative.title}\u00a0» est enregistré.`),
    ...(showCounts && count !== null ? [`Cette initiative compte maintenant ${votesLabel(count)}.`] : []),
    remaining > 0
      ? `Vous pouvez encore voter pour ${remaining} ${remaining > 1 ? 'autres initiatives' : 'autre initiative'} avec la même adresse.`
      : 'Vous avez utilisé tous vos votes pour cette édition. Merci de votre participation\u202f!',
  );
  backTo(initiative.page, initiative.title);
}

void confirm();

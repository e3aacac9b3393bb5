import { ApiError, whenSignedOut } from './api.ts';
import { signIn } from './login.ts';
import { currentRoute, type Route } from './nav.ts';
import { hasSession, signedInEmail, signOut } from './session.ts';
import { byId, focusElement, h, notice } from './ui.ts';
import { showApplication } from './views/application.ts';
import { showArticle } from './views/article.ts';
import { showAudit } from './views/audit.ts';
import { showCampaigns } from './views/campaigns.ts';
import { showDashboard } from './views/dashboard.ts';
import { showEditions } from './views/editions.ts';
import { showList } from './views/list.ts';
import { showVotes } from './views/votes.ts';

/**
 * The console: a static page, hash routes (`#/dossiers?status=complete`, `#/dossiers/<id>`…), one
 * screen at a time rendered into <main>. Back and forward work, and a filtered list can be shared.
 */
const main = byId('contenu');
const nav = byId('console-nav');

const SCREENS: { match: (p: string[]) => boolean; show: (main: HTMLElement, r: Route) => Promise<void> }[] = [
  { match: (p) => p[0] === 'dossiers' && p.length === 1, show: showList },
  { match: (p) => p[0] === 'dossiers' && p.length === 2, show: (m, r) => showApplication(m, r.path[1]!) },
  { match: (p) => p[0] === 'dossiers' && p[2] === 'article', show: (m, r) => showArticle(m, r.path[1]!) },
  { match: (p) => p[0] === 'campagnes', show: showCampaigns },
  { match: (p) => p[0] === 'journal', show: showAudit },
  { match: (p) => p[0] === 'votes', show: showVotes },
  { match: (p) => p[0] === 'recueil', show: showEditions },
  { match: () => true, show: showDashboard },
];

let rendering = 0;
/**
 * Each screen renders into its own element, shown only if it is still the latest asked for: a slow
 * screen left by a quick click (or a campaign chosen twice) must not replace the one that came after it.
 */
async function render(): Promise<void> {
  if (!hasSession()) return;
  const current = currentRoute();
  const ticket = ++rendering;
  for (const link of nav.querySelectorAll('a')) {
    const here = link.getAttribute('href')!.slice(2) === (current.path[0] ?? 'tableau-de-bord');
    if (here) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  main.setAttribute('aria-busy', 'true');
  // The screen being left stays in sight until the next one is ready, but takes no more clicks or
  // keys: an action started on it would act on what the admin has just left.
  for (const child of main.children) (child as HTMLElement).inert = true;
  const screen = h('div', { class: 'screen' });
  try {
    await SCREENS.find((s) => s.match(current.path))!.show(screen, current);
    if (ticket === rendering) main.replaceChildren(screen);
  } catch (error) {
    if (ticket !== rendering || (error instanceof ApiError && error.status === 401)) return;
    main.replaceChildren(
      h('h1', { tabindex: '-1' }, 'Impossible d’afficher cette page'),
      notice('error', error instanceof Error ? error.message : String(error)),
    );
  } finally {
    if (ticket === rendering) main.removeAttribute('aria-busy');
  }
  if (ticket === rendering) focusElement(main.querySelector('h1'), 'start');
}

async function start(message?: string): Promise<void> {
  nav.hidden = true;
  if (!hasSession()) await signIn(main, message);
  byId('who').textContent = signedInEmail() ?? '';
  nav.hidden = false;
  await render();
}

whenSignedOut((message) => void start(message));
byId('logout').addEventListener('click', () => {
  void signOut().then(() => start('Vous êtes déconnecté.'));
});
window.addEventListener('hashchange', () => void render());
void start();

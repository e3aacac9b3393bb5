/**
 * The <head> of the standalone pages (form, printable release, 404, console, article validation,
 * vote confirmation) and the site's header bar, written once and filled in by their builds. A page
 * with a description is public (indexed, referrer cut to the origin); one without is reached by a
 * private link or an error (not indexed, no referrer: its URL fragment may hold a token).
 */

const SITE = 'Nos territoires ont de l’avenir';

/** Text and double-quoted attribute values: the titles and descriptions are the project's own. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface PageHead {
  title: string;
  description?: string;
  styles: string;
  script?: string;
}

export function pageHead(page: PageHead): string {
  return [
    '<!doctype html>',
    '<html lang="fr">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(page.title)} – ${esc(SITE)}</title>`,
    page.description
      ? `<meta name="description" content="${esc(page.description)}">`
      : '<meta name="robots" content="noindex, nofollow">',
    `<meta name="referrer" content="${page.description ? 'strict-origin-when-cross-origin' : 'no-referrer'}">`,
    '<link rel="icon" href="data:,">',
    `<link rel="stylesheet" href="${esc(page.styles)}">`,
    ...(page.script ? [`<script type="module" src="${esc(page.script)}"></script>`] : []),
    '</head>',
  ].join('\n');
}

/** The bar with the site's name linking home; `no-print` on the printable release. */
export const siteHeader = (extraClass?: string) =>
  `<header class="site-header${extraClass ? ` ${extraClass}` : ''}">\n<p class="site-name"><a href="/">${esc(SITE)}</a></p>\n</header>`;

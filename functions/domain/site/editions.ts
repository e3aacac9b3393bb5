import { typeset } from '../french.ts';
import { CACHE_CONTROL, type RenderedSite } from './render.ts';

/**
 * Past editions stay online (issue #13): each launched edition's showcase is also published under
 * its year (`/2027/`, `/2027/initiatives/<slug>/`…), rendered from its own campaign at every
 * publication, so that opening the next call, which puts a holding page at the root, deletes none
 * of it. The pages an earlier edition had at the root and the current one lacks become small pages
 * that send the visitor to the same page under its year: no link that worked ends on a 404.
 *
 * Pure: works on rendered sites (path → file). Assets (`/assets/`, hashed), media and the apps are
 * shared by every edition and stay at the root.
 */

export const editionPath = (year: number) => `/${year}/`;

/** `/x/index.html` → `/x/`; other files keep their path. */
const urlOf = (file: string) => file.replace(/index\.html$/, '');

/** What an edition keeps under its year: its pages and its search index, not the root-only files. */
const ROOT_ONLY = new Set(['/404.html', '/sitemap.xml', '/robots.txt']);
const archived = (file: string) => !ROOT_ONLY.has(file) && (file.endsWith('.html') || file === '/search-index.json');

/**
 * An edition's showcase moved under `/<year>/`: its pages, with every link, form action, canonical
 * URL or data attribute that names one of its own pages (relative or on `siteUrl`) moved with it.
 */
export function archiveEdition(site: RenderedSite, year: number, siteUrl: string): RenderedSite {
  const prefix = `/${year}`;
  const origin = siteUrl.replace(/\/+$/, '');
  const own = new Set([...site.keys()].filter(archived).map(urlOf));
  const escaped = origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const reference = new RegExp(`(\\s(?:href|action|content|data-[a-z-]+)=")(${escaped})?(/[^"#?]*)`, 'g');
  const moved: RenderedSite = new Map();
  for (const [file, content] of site) {
    if (!archived(file)) continue;
    let body = content.body;
    if (file.endsWith('.html')) {
      body = String(body).replace(reference, (match, attribute: string, host: string | undefined, path: string) =>
        own.has(path) ? `${attribute}${host ?? ''}${prefix}${path}` : match,
      );
    } else {
      // The search index: the URL of each result.
      body = String(body).replace(/"(\/[^"]*)"/g, (match, path: string) =>
        own.has(path) ? `"${prefix}${path}"` : match,
      );
    }
    moved.set(`${prefix}${file}`, { ...content, body });
  }
  return moved;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A page that sends the visitor on to `target` (no script: a refresh, and a link for the rest). */
export function movedPage(target: string): string {
  const href = escapeHtml(target);
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=${href}">
<link rel="canonical" href="${href}">
<title>Page déplacée</title>
</head>
<body>
<p>${typeset('Cette page a été déplacée avec son édition :')} <a href="${href}">${href}</a>.</p>
</body>
</html>
`;
}

/**
 * The pages an archived edition had at the root that `current` does not have: each becomes a page
 * sending to its copy under the year. Several editions: the newest (first) wins a shared path.
 */
export function movedPages(current: RenderedSite, editions: { year: number; site: RenderedSite }[]): RenderedSite {
  const pages: RenderedSite = new Map();
  for (const { year, site } of editions) {
    for (const file of site.keys()) {
      if (!file.endsWith('.html') || ROOT_ONLY.has(file) || current.has(file) || pages.has(file)) continue;
      pages.set(file, {
        body: movedPage(`/${year}${urlOf(file)}`),
        contentType: 'text/html; charset=utf-8',
        cacheControl: CACHE_CONTROL.page,
      });
    }
  }
  return pages;
}

import { slugify, type PublishedInitiative } from '../article.ts';

/**
 * The URL of each initiative's page, as the publication writes it: the slug of its title, and for
 * two equal slugs the earliest approved keeps the plain one (`-2`, `-3`… for the next). The
 * renderer and the launch email (functions/timeline/launch.ts) both read it here, so the link
 * emailed is the page published.
 */
/** The site's fixed pages (a page `/x/` is stored as `/x/index.html`); here, apart from the renderer, so that the timeline's emails link them without loading it. */
export const PAGE_PATHS = {
  home: '/',
  regions: '/regions/',
  search: '/recherche/',
  legal: '/mentions-legales/',
  privacy: '/donnees-personnelles/',
  notFound: '/404.html',
  searchIndex: '/search-index.json',
  results: '/resultats/',
} as const;

export const initiativeUrl = (slug: string) => `/initiatives/${slug}/`;

export function initiativeUrls(
  initiatives: Pick<PublishedInitiative, 'id' | 'slug' | 'approvedAt' | 'article'>[],
): Map<string, string> {
  const used = new Set<string>();
  const urls = new Map<string, string>();
  const ordered = [...initiatives].sort((a, b) => a.approvedAt.localeCompare(b.approvedAt) || a.id.localeCompare(b.id));
  for (const initiative of ordered) {
    const base =
      slugify(initiative.slug) || slugify(initiative.article.title) || slugify(initiative.id) || 'initiative';
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    urls.set(initiative.id, initiativeUrl(slug));
  }
  return urls;
}

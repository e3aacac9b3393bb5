import { createHash } from 'node:crypto';
import { paragraphs, slugify, type PublishedInitiative } from '../article.ts';
import { AXES, axisLabel } from '../axes.ts';
import { formatParisDate, formatParisDateTime, type Campaign } from '../campaign.ts';
import officialRegions from '../regions.json' with { type: 'json' };
import { ICON_SVG, SEARCH_JS, SITE_CSS, SITE_JS } from './assets.ts';
import { holdingCopy, homeAbout, homeIntro, initiativesLabel, legalNotice, privacyNotice } from './copy.ts';
import { withdrawnNotice } from './withdrawn.ts';
import { plural, typeset } from '../french.ts';
import { prizeOf } from '../prizes.ts';
import { FEDERATION, SITE_NAME } from './federation.ts';
import { initiativeUrls, PAGE_PATHS } from './paths.ts';

export { PAGE_PATHS };
import { altText, mediaUrl, pictureOf, shareImage, thumbnailOf } from './pictures.ts';
import { shareLinks } from './share.ts';
import { templates } from './templates.ts';
import { VOTE_WIDGET_SCRIPT, votingClosesAt, votingSettings, votingState, type AxisResult } from '../votes.ts';

/**
 * Renders the whole public showcase, in memory, from the campaign and its approved initiatives:
 * pure and deterministic (same input, same bytes), so that publishing again rewrites only the
 * files whose content changed. Keys are URL paths; a page `/x/` is stored as `/x/index.html`.
 */

export type SitePhase = 'holding' | 'launched';

export interface SiteInput {
  /** null: no campaign was ever opened (a minimal holding page says no call is open). */
  campaign: Campaign | null;
  initiatives: PublishedInitiative[];
  /** Public origin, e.g. https://initiatives.example.org (no trailing slash needed). */
  siteUrl: string;
  now: Date;
  phase: SitePhase;
  /** Earlier editions kept online under their year (functions/domain/site/editions.ts), newest first; linked from every page's footer. */
  editions?: { year: number; url: string }[];
  /** The vote's frozen results (functions/services/votes.ts): once given, `/resultats/` and the home's winners. */
  results?: { frozenAt: string; axes: AxisResult[] };
  /** Page addresses of initiatives withdrawn at their enterprise's request: each gets a « retirée » page. */
  withdrawn?: string[];
}

export interface SiteFile {
  body: string | Buffer;
  contentType: string;
  cacheControl: string;
}
export type RenderedSite = Map<string, SiteFile>;

export const CACHE_CONTROL = {
  /** Pages, index, sitemap: browsers and CloudFront revalidate after 5 minutes (publishing also invalidates CloudFront). */
  page: 'public, max-age=300',
  /** Files under /assets/ carry their content hash in their name: cached a year. */
  immutable: 'public, max-age=31536000, immutable',
} as const;

/** Files under this prefix are content-addressed: never rewritten in place. */
export const ASSETS_PREFIX = '/assets/';

const TYPES = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
} as const;

const hash10 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 10);
const ASSETS = {
  css: `${ASSETS_PREFIX}site.${hash10(SITE_CSS)}.css`,
  js: `${ASSETS_PREFIX}search.${hash10(SEARCH_JS)}.js`,
  siteJs: `${ASSETS_PREFIX}site.${hash10(SITE_JS)}.js`,
  icon: `${ASSETS_PREFIX}icon.${hash10(ICON_SVG)}.svg`,
};

const axisUrl = (id: string) => `/axes/${id}/`;
const regionUrl = (slug: string) => `/regions/${slug}/`;
/** `/x/` → `/x/index.html` (the key CloudFront and the local front read for `/x/`). */
export const fileOf = (url: string) => (url.endsWith('/') ? `${url}index.html` : url);

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const byName =
  <T>(name: (t: T) => string) =>
  (a: T, b: T) =>
    collator.compare(name(a), name(b));

const SIZES = {
  card: '(min-width: 60rem) 22rem, (min-width: 40rem) calc(50vw - 2rem), calc(100vw - 2rem)',
  cover: '(min-width: 46rem) 44rem, calc(100vw - 2rem)',
  gallery: '(min-width: 46rem) 21rem, (min-width: 40rem) calc(50vw - 2rem), calc(100vw - 2rem)',
};

/** Regions of France (metropolitan and overseas regions, from the official division), by name. */
const OFFICIAL_REGIONS = Object.entries(officialRegions as Record<string, string>)
  .filter(([code]) => code.length === 2)
  .map(([, name]) => typeset(name))
  .sort(collator.compare);

interface AxisModel {
  id: string;
  label: string;
  description: string;
  url: string;
}
interface RegionModel {
  name: string;
  slug: string;
  url: string;
}
interface Entry {
  initiative: PublishedInitiative;
  title: string;
  url: string;
  axis: AxisModel | undefined;
  axisLabel: string;
  region: RegionModel;
  place: string;
}

/** Only http(s) URLs become links; anything else is dropped (the data is validated upstream, this is a second lock). */
function safeUrl(raw: string | undefined): { href: string; host: string } | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return { href: url.href, host: url.host.replace(/^www\./, '') };
  } catch {
    return undefined;
  }
}

// Plain white space only: the typeset text's non-breaking spaces (before « : », inside « ») stay.
function truncate(text: string, max = 180): string {
  const flat = text.replace(/[ \t\r\n]+/g, ' ').trim();
  if (flat.length <= max) return flat;
  return `${flat.slice(0, max).replace(/ [^ ]*$/, '')}…`;
}

const xml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** Counts the images of one page: the first loads eagerly (it is often the largest paint), the others lazily. */
function imageCounter() {
  let seen = 0;
  return () => seen++ > 0;
}

export function renderSite(input: SiteInput): RenderedSite {
  const siteUrl = input.siteUrl.replace(/\/+$/, '');
  const absolute = (url: string) => `${siteUrl}${url}`;
  const launched = input.phase === 'launched';
  const files: RenderedSite = new Map();
  const sitemap: { url: string; lastmod?: string }[] = [];

  const axes: AxisModel[] = (input.campaign?.axes.length ? input.campaign.axes : AXES).map((a) => {
    const id = slugify(a.id) || 'axe';
    // The axes' texts are ours (functions/domain/axes.ts), copied into each campaign when it was created.
    return { id, label: typeset(a.label), description: typeset(a.description), url: axisUrl(id) };
  });

  // Regions: the official ones, plus any other name the initiatives carry (matched by slug, shown by the official name).
  const regionsBySlug = new Map<string, RegionModel>();
  const addRegion = (name: string) => {
    const slug = slugify(name) || 'region-non-precisee';
    if (!regionsBySlug.has(slug)) regionsBySlug.set(slug, { name, slug, url: regionUrl(slug) });
    return regionsBySlug.get(slug)!;
  };
  OFFICIAL_REGIONS.forEach(addRegion);

  // Entries, with unique slugs (the earliest approved keeps the plain slug: paths.ts).
  const published = launched ? input.initiatives : [];
  const pageUrls = initiativeUrls(published);
  const ordered = [...published].sort((a, b) => a.approvedAt.localeCompare(b.approvedAt) || a.id.localeCompare(b.id));
  const entries: Entry[] = ordered.map((initiative) => {
    const { city, department, region } = initiative.company;
    const axis = axes.find((a) => a.id === initiative.axis);
    return {
      initiative,
      title: initiative.article.title,
      url: pageUrls.get(initiative.id)!,
      axis,
      axisLabel: axis?.label ?? axisLabel(initiative.axis),
      region: addRegion(region.trim() || 'Région non précisée'),
      place: [city, department && department !== city ? `(${department})` : ''].filter(Boolean).join(' ') || region,
    };
  });
  entries.sort(byName((e) => e.title));
  const regions = [...regionsBySlug.values()].sort(byName((r) => r.name));
  const entriesIn = (region: RegionModel, axis?: AxisModel) =>
    entries.filter((e) => e.region === region && (!axis || e.axis === axis));

  // The vote's winners per axis, once frozen (ties kept; an initiative no longer online is left out).
  const laureates = (lazy: () => boolean) => {
    const { campaign, results } = input;
    if (!launched || !campaign || !results) return undefined;
    const showCounts = votingSettings(campaign).showCounts;
    const byId = new Map(entries.map((e) => [e.initiative.id, e]));
    return results.axes
      .map((result) => {
        const axis = axes.find((a) => a.id === (slugify(result.id) || 'axe'));
        const votes = new Map(result.ranking.map((r) => [r.initiativeId, r.votes]));
        const winners = result.winners.flatMap((id) => {
          const entry = byId.get(id);
          return entry
            ? [
                {
                  ...card(entry, lazy, false),
                  votesLabel: showCounts ? plural(votes.get(id) ?? 0, 'vote', 'votes') : undefined,
                },
              ]
            : [];
        });
        return {
          id: axis?.id ?? (slugify(result.id) || 'autres'),
          label: axis?.label ?? typeset(result.label),
          prize: prizeOf(campaign, result.id),
          tied: winners.length > 1,
          winners,
          emptyLabel: typeset(
            result.winners.length
              ? 'Aucun lauréat en ligne pour cet axe.'
              : "Aucun vote n'a été enregistré pour cet axe.",
          ),
          known: Boolean(axis),
        };
      })
      .filter((a) => a.known || a.winners.length);
  };
  const hasResults = Boolean(launched && input.campaign && input.results);
  // The vote is invited (banner, buttons on cards) only while it is open at publication time: the
  // timeline publishes at the launch and again when the results are frozen.
  const votingCampaign = launched && !hasResults ? input.campaign : null;
  const voteOpen = Boolean(votingCampaign && votingState(votingCampaign, input.now) === 'open');
  const voteBanner =
    voteOpen && votingCampaign
      ? {
          closesLabel: formatParisDateTime(votingCampaign.dates.votingClose),
          closesAt: votingClosesAt(votingCampaign).toISOString(),
          howTo: typeset(
            `Ouvrez une initiative qui vous inspire et cliquez sur « Voter » : ${plural(votingSettings(votingCampaign).maxPerEmail, 'vote', 'votes')} au plus par adresse e-mail, chacun confirmé par un lien reçu par courriel.`,
          ),
        }
      : undefined;
  const homeLaureates = (axesResults: ReturnType<typeof laureates>) =>
    axesResults && {
      title: axesResults.some((a) => a.winners.length)
        ? 'Les lauréats du vote du public'
        : 'Le vote du public est clos',
      axes: axesResults,
    };

  const card = (entry: Entry, lazy: () => boolean, showAxis: boolean) => {
    const cover = entry.initiative.photos[0];
    return {
      href: entry.url,
      title: entry.title,
      company: entry.initiative.company.name,
      place: entry.place,
      axisLabel: showAxis ? entry.axisLabel : undefined,
      picture: cover
        ? pictureOf(cover, { alt: altText(cover, 0, entry.title), sizes: SIZES.card, lazy: lazy() })
        : undefined,
      credit: cover?.credit.trim() || undefined,
      teaser: truncate(entry.initiative.article.lead, 140),
      voteHref: voteOpen ? `${entry.url}#vote` : undefined,
    };
  };

  const nav = (current?: string) =>
    launched
      ? [
          ...axes.map((a) => ({ href: a.url, label: a.label, current: a.url === current })),
          { href: PAGE_PATHS.regions, label: 'Par région', current: current === PAGE_PATHS.regions },
          { href: PAGE_PATHS.search, label: 'Rechercher', current: current === PAGE_PATHS.search },
          ...(hasResults
            ? [{ href: PAGE_PATHS.results, label: 'Résultats du vote', current: current === PAGE_PATHS.results }]
            : []),
        ]
      : [];

  interface Head {
    title: string;
    description: string;
    ogType?: 'website' | 'article';
    image?: { url: string; width: number; height: number; alt: string };
    noindex?: boolean;
  }
  const page = (
    url: string,
    head: Head,
    content: string,
    options: { navCurrent?: string; scripts?: string[]; lastmod?: string; inSitemap?: boolean } = {},
  ) => {
    const html = templates.layout({
      siteName: SITE_NAME,
      federation: FEDERATION,
      assets: ASSETS,
      launched,
      editions: input.editions ?? [],
      nav: nav(options.navCurrent),
      scripts: options.scripts ?? [],
      head: {
        title: head.title === SITE_NAME ? SITE_NAME : `${head.title} – ${SITE_NAME}`,
        ogTitle: head.title,
        description: truncate(head.description),
        canonical: head.noindex ? undefined : absolute(url),
        ogType: head.ogType ?? 'website',
        image: head.image,
        noindex: head.noindex,
      },
      content,
    });
    files.set(fileOf(url), { body: html, contentType: TYPES.html, cacheControl: CACHE_CONTROL.page });
    if (options.inSitemap !== false) sitemap.push({ url, lastmod: options.lastmod });
  };
  const shareOf = (entry: Entry | undefined): Head['image'] => {
    const cover = entry?.initiative.photos[0];
    const best = cover && shareImage(cover);
    return best && entry
      ? {
          url: absolute(mediaUrl(best.key)),
          width: best.width,
          height: best.height,
          alt: altText(cover, 0, entry.title),
        }
      : undefined;
  };
  const crumbs = (...items: { label: string; href?: string }[]) => [{ label: 'Accueil', href: '/' }, ...items];

  // --- Home ------------------------------------------------------------------------------------
  if (launched && input.campaign) {
    const campaign = input.campaign;
    const lazy = imageCounter();
    // À découvrir: up to six, taking turns between the axes; initiatives with photos first.
    const queues = axes.map((a) =>
      entries
        .filter((e) => e.axis === a)
        .sort(
          (x, y) =>
            Number(y.initiative.photos.length > 0) - Number(x.initiative.photos.length > 0) ||
            collator.compare(x.title, y.title),
        ),
    );
    const featured: Entry[] = [];
    for (let round = 0; featured.length < 6 && queues.some((q) => q.length > round); round++) {
      for (const q of queues) if (q[round] && featured.length < 6) featured.push(q[round]!);
    }
    const content = templates.home({
      title: campaign.title,
      intro: homeIntro(entries.length),
      countLabel: `${initiativesLabel(entries.length)} en ligne`,
      axes: axes.map((a) => ({
        ...a,
        href: a.url,
        countLabel: initiativesLabel(entries.filter((e) => e.axis === a).length),
      })),
      featured: featured.map((e) => card(e, lazy, true)),
      regions: regions
        .map((r) => ({ name: r.name, href: r.url, count: entriesIn(r).length }))
        .filter((r) => r.count > 0),
      about: homeAbout(campaign),
      laureates: homeLaureates(laureates(() => true)),
      voteBanner,
    });
    page(
      PAGE_PATHS.home,
      {
        title: campaign.title,
        description: homeIntro(entries.length),
        image: shareOf(featured.find((e) => e.initiative.photos.length)),
      },
      content,
      { scripts: voteBanner ? [ASSETS.siteJs] : [] },
    );
  } else {
    const copy = holdingCopy(input.campaign, input.now);
    const content = templates.holding({ ...copy, axes: input.campaign ? axes : [] });
    page(PAGE_PATHS.home, { title: copy.title, description: `${copy.intro} ${copy.status.join(' ')}` }, content);
  }

  // --- Showcase pages (after the launch) -----------------------------------------------------------
  if (launched) {
    for (const axis of axes) {
      const inAxis = entries.filter((e) => e.axis === axis);
      const lazy = imageCounter();
      const content = templates.axis({
        breadcrumb: crumbs({ label: axis.label }),
        label: axis.label,
        description: axis.description,
        countLabel: initiativesLabel(inAxis.length),
        regions: regions
          .map((r) => ({ name: r.name, href: `${r.url}#axe-${axis.id}`, count: entriesIn(r, axis).length }))
          .filter((r) => r.count > 0),
        cards: inAxis.map((e) => card(e, lazy, false)),
        voteBanner,
      });
      page(
        axis.url,
        {
          title: axis.label,
          description: axis.description,
          image: shareOf(inAxis.find((e) => e.initiative.photos.length)),
        },
        content,
        { navCurrent: axis.url, scripts: voteBanner ? [ASSETS.siteJs] : [] },
      );
    }

    for (const entry of entries) {
      const { initiative } = entry;
      const { article } = initiative;
      const lazy = imageCounter();
      const figure = (index: number, sizes: string) => {
        const photo = initiative.photos[index]!;
        const picture = pictureOf(photo, { alt: altText(photo, index, entry.title), sizes, lazy: lazy() });
        const largest = shareImage(photo);
        return (
          picture && {
            picture,
            zoom: largest && largest.width > picture.width ? mediaUrl(largest.key) : undefined,
            caption: photo.caption.trim(),
            credit: photo.credit.trim(),
          }
        );
      };
      const website = safeUrl(initiative.website);
      const links = article.links
        .map((l) => ({ label: l.label, url: safeUrl(l.url) }))
        .filter((l) => l.url && l.url.href !== website?.href)
        .map((l) => ({ label: l.label, href: l.url!.href }));
      const content = templates.initiative({
        breadcrumb: crumbs(...(entry.axis ? [{ label: entry.axis.label, href: entry.axis.url }] : []), {
          label: entry.title,
        }),
        title: entry.title,
        lead: article.lead,
        axis: { label: entry.axisLabel, href: entry.axis?.url },
        company: initiative.company.name,
        place: entry.place,
        region: { name: entry.region.name, href: entry.region.url },
        website: website && { href: website.href, label: website.host },
        cover: initiative.photos.length ? figure(0, SIZES.cover) : undefined,
        body: paragraphs(article.body),
        gallery: initiative.photos
          .slice(1)
          .map((_, i) => figure(i + 1, SIZES.gallery))
          .filter(Boolean),
        moreInfo: paragraphs(article.moreInfo ?? ''),
        links,
        vote:
          input.campaign && !hasResults ? { campaignId: input.campaign.id, initiativeId: initiative.id } : undefined,
        share: { url: absolute(entry.url), links: shareLinks(absolute(entry.url), entry.title) },
        voteClosed: hasResults
          ? { laureate: input.results!.axes.some((a) => a.winners.includes(initiative.id)) }
          : undefined,
      });
      page(
        entry.url,
        { title: entry.title, description: article.lead, ogType: 'article', image: shareOf(entry) },
        content,
        {
          lastmod: initiative.approvedAt.slice(0, 10),
          scripts: input.campaign && !hasResults ? [VOTE_WIDGET_SCRIPT, ASSETS.siteJs] : [ASSETS.siteJs],
        },
      );
    }

    const winners = laureates(imageCounter());
    if (winners && input.campaign) {
      const { dates } = input.campaign;
      const total = input.results!.axes.reduce((sum, a) => sum + a.votes, 0);
      const lead = typeset(
        `Du ${formatParisDate(dates.launch)} au ${formatParisDate(dates.votingClose)}, les internautes ont voté pour les initiatives qui les inspirent le plus. Dans chaque axe, celle qui a reçu le plus de votes est lauréate ; à égalité, toutes le sont.`,
      );
      // « Lauréats » only when the page names some (a vote with no vote at all has none).
      const title = winners.some((a) => a.winners.length)
        ? 'Les lauréats du vote du public'
        : 'Les résultats du vote du public';
      const content = templates.results({
        breadcrumb: crumbs({ label: 'Résultats du vote' }),
        title,
        lead,
        totalLabel: votingSettings(input.campaign).showCounts
          ? `${plural(total, 'vote confirmé', 'votes confirmés')} au total.`
          : undefined,
        frozenLabel: typeset(`Résultats arrêtés le ${formatParisDateTime(input.results!.frozenAt)}.`),
        axes: winners,
      });
      page(PAGE_PATHS.results, { title, description: lead }, content, { navCurrent: PAGE_PATHS.results });
    }

    const regionsContent = templates.regions({
      breadcrumb: crumbs({ label: 'Par région' }),
      regions: regions.map((r) => {
        const count = entriesIn(r).length;
        return { name: r.name, href: r.url, count, countLabel: initiativesLabel(count) };
      }),
    });
    page(
      PAGE_PATHS.regions,
      {
        title: 'Les initiatives par région',
        description: 'Les initiatives présentées, région par région, classées selon les trois axes de l’appel.',
      },
      regionsContent,
      { navCurrent: PAGE_PATHS.regions },
    );

    const withInitiatives = regions.filter((r) => entriesIn(r).length > 0);
    for (const region of withInitiatives) {
      const lazy = imageCounter();
      const inRegion = entriesIn(region);
      const content = templates.region({
        breadcrumb: crumbs({ label: 'Par région', href: PAGE_PATHS.regions }, { label: region.name }),
        name: region.name,
        countLabel: initiativesLabel(inRegion.length),
        others: withInitiatives.map((r) => ({ name: r.name, href: r.url, current: r === region })),
        axes: [
          ...axes.map((a) => ({
            id: a.id,
            label: a.label,
            cards: inRegion.filter((e) => e.axis === a).map((e) => card(e, lazy, false)),
          })),
          // Initiatives whose axis is not one of the campaign's (data from an older edition).
          ...(inRegion.some((e) => !e.axis)
            ? [
                {
                  id: 'autres',
                  label: 'Autres initiatives',
                  cards: inRegion.filter((e) => !e.axis).map((e) => card(e, lazy, true)),
                },
              ]
            : []),
        ],
      });
      page(
        region.url,
        {
          title: `Initiatives en région ${region.name}`,
          description: `${initiativesLabel(inRegion.length)} en région ${region.name}, classées selon les trois axes de l’appel.`,
        },
        content,
        { navCurrent: PAGE_PATHS.regions },
      );
    }

    const searchContent = templates.search({
      breadcrumb: crumbs({ label: 'Rechercher' }),
      indexUrl: PAGE_PATHS.searchIndex,
      items: entries.map((e) => ({
        href: e.url,
        title: e.title,
        company: e.initiative.company.name,
        place: e.place,
        axisLabel: e.axisLabel,
        thumbnail: e.initiative.photos[0] && thumbnailOf(e.initiative.photos[0]),
      })),
    });
    page(
      PAGE_PATHS.search,
      {
        title: 'Rechercher une initiative',
        description:
          'Recherchez une initiative par mot-clé, ville, entreprise ou région, ou parcourez-les toutes de A à Z.',
      },
      searchContent,
      {
        navCurrent: PAGE_PATHS.search,
        scripts: [ASSETS.js],
      },
    );
    const index = {
      version: 1,
      items: entries.map((e) => ({
        url: e.url,
        title: e.title,
        lead: e.initiative.article.lead,
        company: e.initiative.company.name,
        place: e.place,
        region: e.region.name,
        axis: e.axisLabel,
      })),
    };
    files.set(PAGE_PATHS.searchIndex, {
      body: JSON.stringify(index),
      contentType: TYPES.json,
      cacheControl: CACHE_CONTROL.page,
    });
    files.set(ASSETS.js, { body: SEARCH_JS, contentType: TYPES.js, cacheControl: CACHE_CONTROL.immutable });
    files.set(ASSETS.siteJs, { body: SITE_JS, contentType: TYPES.js, cacheControl: CACHE_CONTROL.immutable });
  }

  // --- Pages of every phase ----------------------------------------------------------------------
  const textPage = (url: string, title: string, description: string, sections: ReturnType<typeof legalNotice>) =>
    page(url, { title, description }, templates.text({ breadcrumb: crumbs({ label: title }), title, sections }));
  textPage(
    PAGE_PATHS.legal,
    'Mentions légales',
    `Éditeur, hébergement, droits sur les articles et les photos, accessibilité du site ${SITE_NAME}.`,
    legalNotice(),
  );
  textPage(
    PAGE_PATHS.privacy,
    'Données personnelles',
    'Ce que nous recueillons, pourquoi, combien de temps nous le gardons, et comment exercer vos droits.',
    privacyNotice(input.campaign),
  );
  // A withdrawn initiative's address should answer 410 Gone, which this stack cannot serve: S3 behind
  // origin access control answers 200, 403 or 404 only, CloudFront's error pages apply to the whole
  // distribution (the API's answers too), and choosing the status per path would need Lambda@Edge (in
  // us-east-1, like a WAF) or a KeyValueStore kept in step by every publication. So a short page says
  // it was withdrawn, without the enterprise's name, out of search engines (noindex) and the sitemap.
  // An initiative published since at the same address keeps it.
  for (const url of launched ? (input.withdrawn ?? []) : []) {
    if (files.has(fileOf(url))) continue;
    const title = 'Initiative retirée';
    page(
      url,
      {
        title,
        description: typeset("Cette initiative a été retirée du site à la demande de l'entreprise."),
        noindex: true,
      },
      templates.text({ breadcrumb: crumbs({ label: title }), title, sections: withdrawnNotice() }),
      { inSitemap: false },
    );
  }
  page(
    PAGE_PATHS.notFound,
    { title: 'Page introuvable', description: typeset("L'adresse demandée n'existe pas sur ce site."), noindex: true },
    templates.notFound({ launched }),
    { inSitemap: false },
  );

  files.set(ASSETS.css, { body: SITE_CSS, contentType: TYPES.css, cacheControl: CACHE_CONTROL.immutable });
  files.set(ASSETS.icon, { body: ICON_SVG, contentType: TYPES.svg, cacheControl: CACHE_CONTROL.immutable });
  files.set('/robots.txt', {
    body: `User-agent: *\nDisallow: /api/\n\nSitemap: ${absolute('/sitemap.xml')}\n`,
    contentType: TYPES.txt,
    cacheControl: CACHE_CONTROL.page,
  });
  const urls = sitemap
    .sort((a, b) => a.url.localeCompare(b.url))
    .map(
      (s) => `<url><loc>${xml(absolute(s.url))}</loc>${s.lastmod ? `<lastmod>${xml(s.lastmod)}</lastmod>` : ''}</url>`,
    );
  files.set('/sitemap.xml', {
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`,
    contentType: TYPES.xml,
    cacheControl: CACHE_CONTROL.page,
  });

  return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

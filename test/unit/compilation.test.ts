import { describe, expect, it } from 'vitest';
import { AXES } from '../../functions/domain/axes.ts';
import {
  compilationDocument,
  compilationEntries,
  DEFAULT_EDITORIAL,
  MIN_DPI,
  PHOTO_BOXES,
  printedImage,
  TARGET_DPI,
  type CompilationSource,
} from '../../functions/domain/compilation.ts';
import { newsletterExport } from '../../functions/domain/newsletter.ts';
import { archiveEdition, movedPages } from '../../functions/domain/site/editions.ts';
import { renderSite } from '../../functions/domain/site/index.ts';
import { frenchStyleIssues, htmlText } from '../support/french-style.ts';
import { fixtureCampaign, fixtureInitiatives, fixturePhoto, fixtureSite } from '../support/site-fixtures.ts';

/** Issue #13's pure parts: the compilation's layout, the newsletter export, the past editions' pages. */

const variants = (widths: number[], ratio = 1.5) =>
  widths.map((width) => ({
    width,
    height: Math.round(width / ratio),
    format: 'jpeg' as const,
    key: `media/a/1/u/${width}.jpg`,
  }));

describe('printedImage', () => {
  it('takes the smallest JPEG variant that reaches 300 dpi at its printed size', () => {
    // A row photo is ~50 mm wide: 800 px give more than 300 dpi there, 400 px do not.
    const row = printedImage(
      { variants: [...variants([400, 800, 1600]), { width: 800, height: 533, format: 'webp', key: 'x.webp' }] },
      PHOTO_BOXES.row,
    )!;
    expect(row.key).toBe('media/a/1/u/800.jpg');
    expect(row.dpi).toBeGreaterThanOrEqual(TARGET_DPI);
    // The cover spans the page: the largest variant, under 300 dpi but above the floor.
    const cover = printedImage({ variants: variants([400, 800, 1600]) }, PHOTO_BOXES.cover)!;
    expect(cover.key).toBe('media/a/1/u/1600.jpg');
    expect(cover.dpi).toBeLessThan(TARGET_DPI);
    expect(cover.dpi).toBeGreaterThanOrEqual(MIN_DPI);
    expect(cover.fit[0]).toBeLessThanOrEqual(PHOTO_BOXES.cover.width);
    expect(cover.fit[1]).toBeLessThanOrEqual(PHOTO_BOXES.cover.height + 0.01);
  });

  it('prints a small photo smaller rather than under 150 dpi', () => {
    const small = printedImage({ variants: variants([600]) }, PHOTO_BOXES.cover)!;
    expect(small.dpi).toBe(MIN_DPI);
    expect(small.fit[0]).toBeCloseTo((600 / MIN_DPI) * 72, 1);
    expect(
      printedImage({ variants: [{ width: 800, height: 533, format: 'webp', key: 'x.webp' }] }, PHOTO_BOXES.row),
    ).toBeUndefined();
  });
});

const source = (
  id: string,
  axis: string,
  region: string,
  name: string,
  article?: CompilationSource['article'],
): CompilationSource => ({
  app: {
    id,
    fields: {
      company: { name: `Entreprise ${id}`, city: 'Brest', department: 'Finistère', region },
      initiative: {
        name,
        axis: axis as never,
        description: 'Premier paragraphe de la description.\n\nSecond paragraphe.',
      },
      contact: { email: 'x@example.org' },
    },
  },
  photos: [1, 2].map((slot) => ({ ...fixturePhoto(id, slot, `Légende ${slot}`, 'Zoé'), state: 'ready' })),
  article,
});

describe('compilationEntries and compilationDocument', () => {
  const article = { ...fixtureInitiatives()[0]!.article, photoOrder: [2, 1] };
  const sources = [
    source('c', AXES[2].id, 'Bretagne', 'Zèbre'),
    source('b', AXES[0].id, 'Occitanie', 'Abeille'),
    source('a', AXES[0].id, 'Île-de-France', 'Moulin', article),
    source('d', AXES[0].id, 'Île-de-France', 'Écluse'),
  ];

  it('orders by axis, then region, then title, with the approved article or else the description', () => {
    const entries = compilationEntries(sources);
    expect(entries.map((e) => e.id)).toEqual(['d', 'a', 'b', 'c']);
    const approved = entries.find((e) => e.id === 'a')!;
    expect(approved.title).toBe(article.title);
    expect(approved.initiative).toBe('Moulin');
    expect(approved.photos.map((p) => p.slot)).toEqual([2, 1]);
    const described = entries.find((e) => e.id === 'd')!;
    expect(described.title).toBe('Écluse');
    expect(described.paragraphs).toEqual(['Premier paragraphe de la description.', 'Second paragraphe.']);
  });

  it('has a page reference in the contents for every axis, region and initiative, each anchored once', () => {
    const doc = compilationDocument({
      campaign: { id: 'c', title: 'Édition 2028', year: 2028, axes: AXES },
      editorial: '',
      entries: compilationEntries(sources),
    });
    const json = JSON.stringify(doc.definition);
    const references = [...json.matchAll(/"pageReference":"([^"]+)"/g)].map((m) => m[1]!);
    expect(references).toEqual([
      `axis-${AXES[0].id}`,
      `region-${AXES[0].id}-Île-de-France`,
      'initiative-d',
      'initiative-a',
      `region-${AXES[0].id}-Occitanie`,
      'initiative-b',
      `axis-${AXES[2].id}`,
      `region-${AXES[2].id}-Bretagne`,
      'initiative-c',
    ]);
    for (const id of references) expect(json.split(`"id":"${id}"`).length - 1, id).toBe(1);
    // Two photos per initiative, each named in the images the renderer loads.
    expect(doc.images).toHaveLength(8);
    for (const image of doc.images)
      expect((doc.definition.images as Record<string, string>)[image.key]).toBe(image.key);
    // The default editorial is ours: French typography.
    expect(json).toContain(JSON.stringify(DEFAULT_EDITORIAL.split('\n\n')[0]));
    expect(frenchStyleIssues(DEFAULT_EDITORIAL)).toEqual([]);
  });
});

describe('newsletterExport', () => {
  const published = fixtureInitiatives();
  const siteUrl = 'https://initiatives.example.org';

  it('is one table block with inline styles, absolute URLs, escaped texts and the chosen initiatives in order', () => {
    const chosen = [published[3]!, published[1]!];
    const { html, text, missing } = newsletterExport({
      campaign: fixtureCampaign(),
      siteUrl,
      published,
      selection: {
        intro: 'Bonjour <script>alert(1)</script>',
        items: [...chosen.map((p) => ({ initiativeId: p.id, text: '' })), { initiativeId: 'retiree', text: '' }],
      },
    });
    expect(missing).toEqual(['retiree']);
    expect(html).not.toMatch(/<style|<script|class=/i);
    expect(html).toContain('&lt;script&gt;');
    for (const [, url] of html.matchAll(/\b(?:href|src)="([^"]*)"/g)) expect(url!.startsWith(`${siteUrl}/`)).toBe(true);
    expect(html.indexOf(chosen[0]!.article.title)).toBeLessThan(html.indexOf(chosen[1]!.article.title));
    expect([...html.matchAll(/<img [^>]*width="560" height="\d+" alt="[^"]+"/g)]).toHaveLength(2);
    // Without a short text, the article's lead stands in.
    expect(text).toContain(chosen[0]!.article.lead);
    // Our lines (the heading, the links' labels) follow French typography; the rest is as typed.
    const ours = text.split('\n').filter((line, i) => i === 0 || /^(Lire|Toutes)/.test(line));
    expect(ours).toHaveLength(2 + chosen.length);
    expect(frenchStyleIssues(ours.join('\n'))).toEqual([]);
  });
});

describe('past editions (functions/domain/site/editions.ts)', () => {
  const site = renderSite(fixtureSite());
  const origin = fixtureSite().siteUrl;

  it('moves an edition under its year with the links to its own pages, not to the shared assets, media or form', () => {
    const archived = archiveEdition(site, 2027, origin);
    expect(archived.has('/2027/index.html')).toBe(true);
    expect(archived.has('/2027/search-index.json')).toBe(true);
    expect(
      [...archived.keys()].some(
        (p) => p.startsWith('/2027/assets/') || p === '/2027/404.html' || p === '/2027/sitemap.xml',
      ),
    ).toBe(false);
    const page = [...archived.keys()].find((p) => p.startsWith('/2027/initiatives/'))!;
    const html = String(archived.get(page)!.body);
    expect(html).toContain(`<link rel="canonical" href="${origin}${page.replace(/index\.html$/, '')}">`);
    for (const [, path] of html.matchAll(/\s(?:href|action)="(\/[^"]*)"/g)) {
      const target = path!.split(/[?#]/)[0]!;
      if (/^\/(assets|media|vote|candidater)\//.test(target)) continue;
      expect(target, `${page} → ${target}`).toMatch(/^\/2027\//);
      expect(archived.has(target.endsWith('/') ? `${target}index.html` : target), target).toBe(true);
    }
    expect(html).toMatch(/href="\/assets\/[^"]+\.css"/);
    expect(String(archived.get('/2027/search-index.json')!.body)).toContain('"/2027/initiatives/');
  });

  it('leaves at the root, for the pages the current site lacks, a page sending to the copy under the year', () => {
    const holding = renderSite(fixtureSite({ phase: 'holding' }));
    const moved = movedPages(holding, [{ year: 2027, site }]);
    const initiative = [...site.keys()].find((p) => p.startsWith('/initiatives/'))!;
    expect(String(moved.get(initiative)!.body)).toContain(
      `<meta http-equiv="refresh" content="0; url=/2027${initiative.replace(/index\.html$/, '')}">`,
    );
    // The current site's own pages (its home) are not replaced.
    expect(moved.has('/index.html')).toBe(false);
    expect(frenchStyleIssues(htmlText(String(moved.get(initiative)!.body)))).toEqual([]);
  });
});

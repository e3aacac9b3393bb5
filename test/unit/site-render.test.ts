import { describe, expect, it } from 'vitest';
import type { PublishedInitiative } from '../../functions/domain/article.ts';
import {
  cdnPaths,
  MANIFEST_PATH,
  planPublication,
  renderSite,
  type RenderedSite,
} from '../../functions/domain/site/index.ts';
import {
  FIXTURE_NOW,
  fixtureCampaign,
  fixtureInitiatives,
  fixturePhoto,
  fixtureResults,
  fixtureSite,
} from '../support/site-fixtures.ts';

const text = (site: RenderedSite, path: string) => {
  const file = site.get(path);
  if (!file) throw new Error(`${path} not rendered (have: ${[...site.keys()].join(', ')})`);
  return String(file.body);
};
const htmlPaths = (site: RenderedSite) => [...site.keys()].filter((p) => p.endsWith('.html'));
const bytes = (body: string | Buffer) => Buffer.byteLength(body);

const XSS = '<script>alert(1)</script>';

/** Every piece of user text carries a script; URLs carry `javascript:`. */
function hostileInitiative(): PublishedInitiative {
  const base = fixtureInitiatives()[0]!;
  const photos = [
    fixturePhoto(base.id, 1, `Légende ${XSS}`, `Auteur ${XSS}`),
    fixturePhoto(base.id, 2, '', `"><img src=x onerror=alert(2)>`),
  ];
  return {
    ...base,
    slug: `Titre ${XSS}`,
    company: { name: `Entreprise ${XSS}`, city: `Ville ${XSS}`, department: `Dép ${XSS}`, region: `Région ${XSS}` },
    website: 'javascript:alert(3)',
    article: {
      ...base.article,
      title: `Titre ${XSS}`,
      lead: `Chapeau ${XSS} avec des "guillemets" & des esperluettes`,
      body: `Premier paragraphe ${XSS}.\n\nSecond paragraphe <b onmouseover="alert(4)">gras</b>.`,
      moreInfo: `En savoir plus ${XSS}`,
      links: [
        { label: `Lien ${XSS}`, url: 'https://exemple.org/?a=1&b=<script>' },
        { label: 'Lien piégé', url: 'javascript:alert(5)' },
      ],
      photoOrder: [1, 2],
      photoTexts: {},
    },
    photos,
  };
}

describe('renderSite: escaping', () => {
  const site = renderSite(fixtureSite({ initiatives: [hostileInitiative(), ...fixtureInitiatives().slice(1)] }));
  const page = text(site, '/initiatives/titre-script-alert-1-script/index.html');

  it('escapes user text in title, lead, body, captions, credits, company and place on every page', () => {
    for (const path of htmlPaths(site)) {
      const html = text(site, path);
      expect(html, path).not.toContain(XSS);
      expect(html, path).not.toMatch(
        /<script(?![^>]*\bsrc="(\/assets\/(search|site)\.[0-9a-f]{10}\.js|\/vote\/widget\.js)")/,
      );
      expect(html, path).not.toMatch(/\son\w+=/i);
      expect(html, path).not.toContain('<img src=x');
      expect(html, path).not.toContain('<b ');
    }
    expect(page).toContain('Titre &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain(
      'Chapeau &lt;script&gt;alert(1)&lt;/script&gt; avec des &quot;guillemets&quot; &amp; des esperluettes',
    );
    expect(page).toContain('Second paragraphe &lt;b onmouseover&#x3D;&quot;alert(4)&quot;&gt;gras&lt;/b&gt;.');
    expect(page).toContain('alt="Légende &lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(page).toContain('© Auteur &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('<dd>Entreprise &lt;script&gt;alert(1)&lt;/script&gt;</dd>');
    expect(page).toContain('Ville &lt;script&gt;alert(1)&lt;/script&gt; (Dép &lt;script&gt;alert(1)&lt;/script&gt;)');
    expect(page).toContain('En savoir plus &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text(site, '/index.html')).toContain('Titre &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text(site, '/regions/region-script-alert-1-script/index.html')).toContain(
      '<h1>Région &lt;script&gt;alert(1)&lt;/script&gt;</h1>',
    );
  });

  it('links only to http(s) URLs, escaped', () => {
    for (const path of htmlPaths(site)) expect(text(site, path), path).not.toMatch(/href="\s*javascript:/i);
    expect(page).toContain('href="https://exemple.org/?a&#x3D;1&amp;b&#x3D;%3Cscript%3E"');
    expect(page).not.toContain('Lien piégé');
    expect(page).not.toContain('<dt>Site web</dt>');
  });

  it('keeps the search index as data (JSON), with the text unchanged', () => {
    const index = JSON.parse(text(site, '/search-index.json')) as { items: { title: string; company: string }[] };
    expect(index.items.find((i) => i.title === `Titre ${XSS}`)?.company).toBe(`Entreprise ${XSS}`);
    expect(site.get('/search-index.json')!.contentType).toBe('application/json; charset=utf-8');
  });
});

describe('renderSite: the showcase', () => {
  const input = fixtureSite();
  const site = renderSite(input);
  const velo = text(site, '/initiatives/un-atelier-velo-pour-reprendre-la-route-de-l-emploi/index.html');

  it('renders home, axis, initiative, region, search, legal and 404 pages, assets, index, sitemap and robots.txt', () => {
    const paths = [...site.keys()];
    expect(paths).toEqual(
      expect.arrayContaining([
        '/index.html',
        '/axes/emploi-citoyennete/index.html',
        '/axes/mobilisation-cooperations/index.html',
        '/axes/environnement-economie/index.html',
        '/initiatives/des-cuisinieres-formees-au-coeur-du-quartier/index.html',
        '/regions/index.html',
        '/regions/bretagne/index.html',
        '/regions/ile-de-france/index.html',
        '/recherche/index.html',
        '/mentions-legales/index.html',
        '/donnees-personnelles/index.html',
        '/404.html',
        '/search-index.json',
        '/sitemap.xml',
        '/robots.txt',
      ]),
    );
    expect(paths.filter((p) => p.startsWith('/initiatives/'))).toHaveLength(6);
    expect(paths.filter((p) => /^\/assets\/site\.[0-9a-f]{10}\.css$/.test(p))).toHaveLength(1);
    expect(paths.filter((p) => /^\/assets\/search\.[0-9a-f]{10}\.js$/.test(p))).toHaveLength(1);
    // Regions without initiatives are listed without a page.
    expect(paths).not.toContain('/regions/corse/index.html');
    expect(text(site, '/regions/index.html')).toMatch(/Corse <span class="muted">\(aucune pour l’instant\)/);
  });

  it('sets content types and cache control: pages 5 minutes, hashed assets a year, immutable', () => {
    for (const [path, file] of site) {
      if (path.startsWith('/assets/')) expect(file.cacheControl, path).toBe('public, max-age=31536000, immutable');
      else expect(file.cacheControl, path).toBe('public, max-age=300');
      if (path.endsWith('.html')) expect(file.contentType).toBe('text/html; charset=utf-8');
    }
    expect(site.get([...site.keys()].find((p) => p.endsWith('.css'))!)!.contentType).toBe('text/css; charset=utf-8');
    expect(site.get([...site.keys()].find((p) => p.endsWith('.js'))!)!.contentType).toBe(
      'text/javascript; charset=utf-8',
    );
  });

  it('renders pictures with a WebP and a JPEG srcset, sizes, the default variant size, alt and credit', () => {
    const id = input.initiatives[0]!.id;
    const media = (slot: number, width: number, ext: string) =>
      `/media/${id}/${slot}/20280201T1000${slot}0Z-f1a0/${width}.${ext}`;
    expect(velo).toContain(
      `<source type="image/webp" srcset="${media(1, 400, 'webp')} 400w, ${media(1, 800, 'webp')} 800w, ${media(1, 1600, 'webp')} 1600w" sizes="(min-width: 46rem) 44rem, calc(100vw - 2rem)">`,
    );
    expect(velo).toContain(
      `<img src="${media(1, 800, 'jpg')}" srcset="${media(1, 400, 'jpg')} 400w, ${media(1, 800, 'jpg')} 800w, ${media(1, 1600, 'jpg')} 1600w" sizes="(min-width: 46rem) 44rem, calc(100vw - 2rem)" width="800" height="533" alt="Dans l&#x27;atelier, un salarié règle le dérailleur d&#x27;un vélo de ville" fetchpriority="high">`,
    );
    expect(velo).toContain('<span class="credit">© Camille Perret</span>');
    // Only the first image of a page loads eagerly.
    for (const path of htmlPaths(site)) {
      const html = text(site, path);
      // The search list's thumbnails are decorative (the title's link beside them says it all).
      const thumbnails = html.match(/<li><img [^>]*>/g) ?? [];
      for (const img of thumbnails) expect(img, path).toMatch(/ alt="" loading="lazy"/);
      const imgs = html.replace(/<li><img [^>]*>/g, '<li>').match(/<img [^>]*>/g) ?? [];
      imgs.forEach((img, i) => {
        expect(img, `${path} image ${i + 1}`).toMatch(i === 0 ? /fetchpriority="high"/ : /loading="lazy"/);
        expect(img).toMatch(/ width="\d+" height="\d+"/);
        expect(img).toMatch(/ alt="[^"]+"/);
      });
    }
    // A portrait photo declares its own proportions; a photo without caption gets a descriptive alt.
    expect(text(site, '/initiatives/des-cuisinieres-formees-au-coeur-du-quartier/index.html')).toMatch(
      /800\.jpg[^>]* width="800" height="1067"/,
    );
    expect(text(site, '/initiatives/des-legumes-bio-cultives-au-pied-des-immeubles/index.html')).toContain(
      'alt="Photo 3 de l’initiative «\u00a0Des légumes bio cultivés au pied des immeubles\u00a0»"',
    );
  });

  it('sets Open Graph tags and a canonical URL on every page', () => {
    expect(velo).toContain(
      '<link rel="canonical" href="https://initiatives.example.org/initiatives/un-atelier-velo-pour-reprendre-la-route-de-l-emploi/">',
    );
    expect(velo).toContain('<meta property="og:type" content="article">');
    expect(velo).toContain(
      '<meta property="og:title" content="Un atelier vélo pour reprendre la route de l&#x27;emploi">',
    );
    expect(velo).toContain(
      '<meta property="og:url" content="https://initiatives.example.org/initiatives/un-atelier-velo-pour-reprendre-la-route-de-l-emploi/">',
    );
    expect(velo).toMatch(
      /<meta property="og:image" content="https:\/\/initiatives\.example\.org\/media\/[^"]+\/1600\.jpg">/,
    );
    expect(velo).toContain('<meta property="og:image:width" content="1600">');
    expect(velo).toContain('<meta property="og:image:height" content="1067">');
    expect(velo).toContain('<meta name="twitter:card" content="summary_large_image">');
    for (const path of htmlPaths(site).filter((p) => p !== '/404.html')) {
      const html = text(site, path);
      for (const tag of ['og:title', 'og:description', 'og:url', 'og:type', 'og:site_name', 'og:locale'])
        expect(html, `${path} ${tag}`).toContain(`property="${tag}"`);
      expect(html).toMatch(/<link rel="canonical" href="https:\/\/initiatives\.example\.org\//);
      expect(html).toMatch(/<meta name="description" content="[^"]{20,}">/);
    }
    expect(text(site, '/404.html')).toContain('<meta name="robots" content="noindex">');
  });

  it('lists every page in the sitemap, and only pages', () => {
    const sitemap = text(site, '/sitemap.xml');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) =>
      m[1]!.replace('https://initiatives.example.org', ''),
    );
    const pages = htmlPaths(site)
      .filter((p) => p !== '/404.html')
      .map((p) => p.replace(/index\.html$/, ''));
    expect(locs.sort()).toEqual(pages.sort());
    expect(sitemap).toContain('<lastmod>2028-04-03</lastmod>');
    expect(text(site, '/robots.txt')).toContain('Sitemap: https://initiatives.example.org/sitemap.xml');
  });

  it('links only to pages and files it renders (or to the form and the photos)', () => {
    for (const path of htmlPaths(site)) {
      for (const [, url] of text(site, path).matchAll(/(?:href|src)="(\/[^"#]*)/g)) {
        // The vote widget comes from the frontend build (frontend/vote), not from the publication.
        if (url!.startsWith('/media/') || url === '/candidater/' || url === '/vote/widget.js') continue;
        const file = url!.endsWith('/') ? `${url}index.html` : url!;
        expect(site.has(file), `${path} → ${url}`).toBe(true);
      }
    }
    // The region filter of an axis page points at the axis' section of the region page.
    expect(text(site, '/axes/mobilisation-cooperations/index.html')).toContain(
      'href="/regions/bretagne/#axe-mobilisation-cooperations"',
    );
    expect(text(site, '/regions/bretagne/index.html')).toContain('id="axe-mobilisation-cooperations"');
  });

  it('has no inline script or style (CSP script-src/style-src self), a skip link, French, one h1', () => {
    for (const path of htmlPaths(site)) {
      const html = text(site, path);
      expect(html, path).not.toMatch(/<script(?![^>]*\ssrc=)/);
      expect(html, path).not.toMatch(/<style|\sstyle=/);
      expect(html, path).toContain('<html lang="fr">');
      expect(html, path).toContain('<a class="skip" href="#contenu">Aller au contenu</a>');
      expect(html.match(/<h1[ >]/g), path).toHaveLength(1);
      expect(html, path).toContain('157 rue des Blains');
      expect(html, path).toContain('href="mailto:contact@coorace.org"');
    }
    // Besides the initiative pages (the vote, the copy button), only the search page and, while the vote
    // is open, the pages with its banner (countdown) have a script; the search says plainly that it needs it.
    expect(htmlPaths(site).filter((p) => text(site, p).includes('<script') && !p.startsWith('/initiatives/'))).toEqual([
      '/axes/emploi-citoyennete/index.html',
      '/axes/environnement-economie/index.html',
      '/axes/mobilisation-cooperations/index.html',
      '/index.html',
      '/recherche/index.html',
    ]);
    expect(text(site, '/recherche/index.html')).toContain('La recherche a besoin de JavaScript');
    expect(text(site, '/recherche/index.html').match(/<li>(<img [^>]*>)?<a href="\/initiatives\//g)).toHaveLength(6);
  });

  it('has the vote block on each initiative page: its container, the widget script and a noscript notice', () => {
    expect(velo).toContain(
      '<section id="vote" class="vote" aria-labelledby="vote-titre" data-campaign="campagne-2028" data-initiative="f1a0c3e2-0001-4a5b-9c1d-000000000001">',
    );
    expect(velo).toContain('<script src="/vote/widget.js" defer></script>');
    expect(velo).toMatch(/<noscript><p>Le vote nécessite JavaScript/);
    expect(
      htmlPaths(site)
        .filter((p) => p.startsWith('/initiatives/'))
        .every((p) => text(site, p).includes('id="vote"')),
    ).toBe(true);
  });

  it('weighs at most 50 KB per page without images (HTML, CSS, script, icon), also with 60 initiatives', () => {
    const many = Array.from({ length: 10 }, (_, round) =>
      fixtureInitiatives().map((i) => ({
        ...i,
        id: `${i.id}-${round}`,
        slug: `${i.slug} ${round}`,
        article: { ...i.article, title: `${i.article.title} (${round + 1})` },
      })),
    ).flat();
    for (const rendered of [site, renderSite(fixtureSite({ initiatives: many }))]) {
      const assets = [...rendered].filter(([p]) => p.startsWith('/assets/'));
      for (const path of htmlPaths(rendered)) {
        const html = text(rendered, path);
        const weight =
          bytes(html) + assets.filter(([p]) => html.includes(p)).reduce((sum, [, f]) => sum + bytes(f.body), 0);
        expect(weight, path).toBeLessThan(50 * 1024);
      }
    }
  });

  it('is deterministic: the same input renders the same bytes', () => {
    const again = renderSite(fixtureSite());
    expect([...again.keys()]).toEqual([...site.keys()]);
    for (const [path, file] of site) expect(again.get(path)!.body, path).toEqual(file.body);
  });

  it('gives two initiatives with the same title distinct pages', () => {
    const [a, b] = fixtureInitiatives();
    const twin = { ...b!, slug: a!.slug, article: { ...b!.article, title: a!.article.title } };
    const rendered = renderSite(fixtureSite({ initiatives: [a!, twin] }));
    expect([...rendered.keys()].filter((p) => p.startsWith('/initiatives/'))).toEqual([
      '/initiatives/un-atelier-velo-pour-reprendre-la-route-de-l-emploi-2/index.html',
      '/initiatives/un-atelier-velo-pour-reprendre-la-route-de-l-emploi/index.html',
    ]);
  });
});

describe('renderSite: before the launch', () => {
  it('shows the call and, while it is open, a link to the form; no showcase pages, no navigation', () => {
    const campaign = fixtureCampaign({ phase: 'open' });
    const site = renderSite({
      campaign,
      initiatives: fixtureInitiatives(),
      siteUrl: 'https://x.example.org',
      now: new Date('2028-02-01T10:00:00Z'),
      phase: 'holding',
    });
    const home = text(site, '/index.html');
    expect(home).toContain('<h1>Nos territoires ont de l&#x27;avenir 2028</h1>');
    expect(home).toContain('Les candidatures sont ouvertes jusqu’au 29 février 2028 à 23 h 59 (heure de Paris).');
    expect(home).toContain('<a class="button" href="/candidater/">Présenter une initiative</a>');
    expect(home).toContain('Mobilisation locale &amp; coopérations innovantes');
    expect(home).not.toContain('class="site-nav"');
    expect([...site.keys()].filter((p) => p.endsWith('.html')).sort()).toEqual([
      '/404.html',
      '/donnees-personnelles/index.html',
      '/index.html',
      '/mentions-legales/index.html',
    ]);
    expect(text(site, '/sitemap.xml').match(/<loc>/g)).toHaveLength(3);
  });

  it('drops the form link once applications are closed and says when the showcase opens', () => {
    const campaign = fixtureCampaign({ phase: 'review' });
    const home = text(
      renderSite({
        campaign,
        initiatives: [],
        siteUrl: 'https://x.example.org',
        now: new Date('2028-03-02T10:00:00Z'),
        phase: 'holding',
      }),
      '/index.html',
    );
    expect(home).not.toContain('/candidater/');
    expect(home).toContain('Les candidatures sont closes depuis le 29 février 2028 à 23 h 59.');
    expect(home).toContain('à partir du 16 mai 2028');
  });

  it('says that no call is open when there is no campaign', () => {
    const site = renderSite({
      campaign: null,
      initiatives: [],
      siteUrl: 'http://localhost:3000/',
      now: FIXTURE_NOW,
      phase: 'holding',
    });
    expect(text(site, '/index.html')).toContain('Aucun appel à initiatives n’est ouvert pour le moment.');
    expect(text(site, '/index.html')).toContain('<link rel="canonical" href="http://localhost:3000/">');
  });

  it('writes the retention rules plainly on the personal data page, with the campaign dates', () => {
    const privacy = text(renderSite(fixtureSite()), '/donnees-personnelles/index.html');
    expect(privacy).toContain(
      'gardés le temps d’un cycle de campagne, soit 18 mois après la date limite de dépôt, puis supprimés',
    );
    expect(privacy).toContain('pour ne plus y écrire, pendant 18 mois après le dernier signalement');
    expect(privacy).toContain('expirent un an après la date limite de dépôt');
    expect(privacy).toContain('ils cessent de fonctionner le 28 février 2029');
    expect(privacy).toContain('seulement son empreinte (un «\u00a0hachage\u00a0»)');
    expect(privacy).toContain('supprimées 3 mois après la clôture des votes');
    expect(privacy).toContain('le 30 septembre 2028 au plus tard');
  });
});

describe('planPublication', () => {
  const at = (iso: string) => new Date(iso);
  const first = renderSite(fixtureSite());
  const initial = planPublication(first, undefined, at('2028-05-16T07:00:00Z'));

  it('writes everything the first time, assets first, and invalidates nothing (nothing was served)', () => {
    expect(initial.puts.sort()).toEqual([...first.keys()].sort());
    const order = planPublication(first, undefined, FIXTURE_NOW).puts;
    expect(order.findIndex((p) => p.endsWith('.html'))).toBeGreaterThan(
      order.findLastIndex((p) => p.startsWith('/assets/')),
    );
    expect(initial.deletes).toEqual([]);
    expect(initial.invalidations).toEqual([]);
    expect(MANIFEST_PATH).toBe('/_manifest.json');
  });

  it('writes nothing when nothing changed', () => {
    const plan = planPublication(renderSite(fixtureSite()), initial.manifest, at('2028-05-16T08:00:00Z'));
    expect(plan).toMatchObject({ puts: [], deletes: [], invalidations: [] });
  });

  it('after an edit of one lead, rewrites and invalidates only the pages showing it and the search index', () => {
    const initiatives = fixtureInitiatives();
    initiatives[0]!.article.lead = 'Un chapeau réécrit après une relecture avec l’entreprise, plus court.';
    const plan = planPublication(
      renderSite(fixtureSite({ initiatives })),
      initial.manifest,
      at('2028-05-17T08:00:00Z'),
    );
    // Its page, and the pages whose cards show the lead as a teaser: the home (featured), its axis, its region.
    expect(plan.puts).toEqual([
      '/search-index.json',
      '/axes/emploi-citoyennete/index.html',
      '/index.html',
      '/initiatives/un-atelier-velo-pour-reprendre-la-route-de-l-emploi/index.html',
      '/regions/bourgogne-franche-comte/index.html',
    ]);
    expect(plan.deletes).toEqual([]);
    expect(plan.invalidations).toEqual([
      '/',
      '/axes/emploi-citoyennete/',
      '/axes/emploi-citoyennete/index.html',
      '/index.html',
      '/initiatives/un-atelier-velo-pour-reprendre-la-route-de-l-emploi/',
      '/initiatives/un-atelier-velo-pour-reprendre-la-route-de-l-emploi/index.html',
      '/regions/bourgogne-franche-comte/',
      '/regions/bourgogne-franche-comte/index.html',
      '/search-index.json',
    ]);
  });

  it('after a new title, writes the new page, deletes the old one and invalidates the changed and removed pages only', () => {
    const initiatives = fixtureInitiatives();
    initiatives[3]!.article.title = 'Un tiers-lieu pour toute la ville';
    initiatives[3]!.slug = initiatives[3]!.article.title;
    const plan = planPublication(
      renderSite(fixtureSite({ initiatives })),
      initial.manifest,
      at('2028-05-17T08:00:00Z'),
    );
    expect(plan.puts).toContain('/initiatives/un-tiers-lieu-pour-toute-la-ville/index.html');
    expect(plan.deletes).toEqual(['/initiatives/un-tiers-lieu-dans-l-ancienne-halle-aux-marchandises/index.html']);
    expect(plan.invalidations).toContain('/initiatives/un-tiers-lieu-dans-l-ancienne-halle-aux-marchandises/');
    expect(plan.invalidations).toContain('/axes/mobilisation-cooperations/');
    expect(plan.invalidations).not.toContain('/initiatives/un-tiers-lieu-pour-toute-la-ville/');
    expect(plan.invalidations).not.toContain('/axes/emploi-citoyennete/');
    expect(plan.invalidations.every((p) => !p.startsWith('/assets/'))).toBe(true);
  });

  it('keeps a superseded asset a day for pages cached before, then deletes it, never invalidating it', () => {
    const previous = {
      ...initial.manifest,
      files: { ...initial.manifest.files, '/assets/site.0123456789.css': 'old' },
    };
    const soon = planPublication(first, previous, at('2028-05-16T09:00:00Z'));
    expect(soon.deletes).toEqual([]);
    expect(soon.manifest.retired).toEqual({ '/assets/site.0123456789.css': '2028-05-16T09:00:00.000Z' });
    const later = planPublication(first, soon.manifest, at('2028-05-17T09:00:01Z'));
    expect(later.deletes).toEqual(['/assets/site.0123456789.css']);
    expect(later.manifest.retired).toBeUndefined();
    expect([...soon.invalidations, ...later.invalidations]).toEqual([]);
  });

  it('maps a page to both of its CloudFront paths and falls back to /* above 500 paths', () => {
    expect(cdnPaths('/index.html')).toEqual(['/', '/index.html']);
    expect(cdnPaths('/axes/x/index.html')).toEqual(['/axes/x/', '/axes/x/index.html']);
    expect(cdnPaths('/sitemap.xml')).toEqual(['/sitemap.xml']);
    const files = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`/p${i}/index.html`, 'x']));
    const plan = planPublication(first, { version: 1, files }, FIXTURE_NOW);
    expect(plan.invalidations).toEqual(['/*']);
  });
});

describe('renderSite: the public vote and sharing, as visitors meet them', () => {
  const open = renderSite(fixtureSite());
  const VELO_PAGE = '/initiatives/un-atelier-velo-pour-reprendre-la-route-de-l-emploi/index.html';
  const velo = text(open, VELO_PAGE);

  it('while the vote is open, the home and the axis pages carry its banner: the closing date, the rule, the countdown slot', () => {
    for (const path of ['/index.html', '/axes/emploi-citoyennete/index.html']) {
      const html = text(open, path);
      expect(html, path).toContain('<strong id="vote-banner-titre">Le vote du public est ouvert</strong>');
      expect(html, path).toMatch(/<\/strong> jusqu’au 30\sjuin\s2028 à 23\sh\s59\. <span data-closes=/);
      expect(html, path).toContain('data-closes="2028-06-30T22:00:00.000Z"');
      expect(html, path).toContain('cliquez sur «\u00a0Voter\u00a0»\u00a0: 3 votes au plus par adresse e-mail');
      expect(html, path).toMatch(/<script src="\/assets\/site\.[0-9a-f]{10}\.js" defer><\/script>/);
    }
  });

  it('every card invites to vote (the title in the link for screen readers) and shows a teaser of the lead', () => {
    const home = text(open, '/index.html');
    expect(home).toMatch(
      /<a class="button button--small" href="\/initiatives\/un-atelier-velo-pour-reprendre-la-route-de-l-emploi\/#vote">Voter<span class="visually-hidden"> pour «\u00a0Un atelier vélo pour reprendre la route de l(’|&#x27;)emploi\u00a0»<\/span><\/a>/,
    );
    const axis = text(open, '/axes/emploi-citoyennete/index.html');
    expect(axis.match(/class="card-teaser"/g)?.length).toBe(axis.match(/class="card"/g)?.length);
    const lead = fixtureInitiatives()[0]!.article.lead;
    expect(home).toContain(`<p class="card-teaser">${lead.length <= 140 ? lead : lead.slice(0, 100)}`);
  });

  it('an initiative page offers « Voter » at once (sticky on a phone), share links and a copy button', () => {
    expect(
      velo.indexOf('<p class="vote-jump"><a class="button" href="#vote">Voter pour cette initiative</a></p>'),
    ).toBeLessThan(velo.indexOf('<dl class="facts">'));
    const url = encodeURIComponent(
      'https://initiatives.example.org/initiatives/un-atelier-velo-pour-reprendre-la-route-de-l-emploi/',
    );
    expect(velo).toContain('<h2 id="partage-titre">Faire connaître cette initiative</h2>');
    expect(velo).toContain(`href="https://www.facebook.com/sharer/sharer.php?u&#x3D;${url}"`);
    expect(velo).toContain(`href="https://www.linkedin.com/sharing/share-offsite/?url&#x3D;${url}"`);
    expect(velo).toMatch(/href="https:\/\/twitter\.com\/intent\/tweet\?url&#x3D;[^"]+&amp;text&#x3D;Une%20initiative/);
    expect(velo).toMatch(/href="mailto:\?subject&#x3D;Une%20initiative%20%C3%A0%20d%C3%A9couvrir/);
    expect(velo).toContain(
      '<button type="button" class="button-link" data-copy="https://initiatives.example.org/initiatives/un-atelier-velo-pour-reprendre-la-route-de-l-emploi/" aria-controls="partage-statut" hidden>Copier le lien</button>',
    );
    expect(velo).toContain('<p id="partage-statut" role="status"></p>');
  });

  it('photos open larger: each picture links to its widest variant', () => {
    const id = fixtureInitiatives()[0]!.id;
    expect(velo).toContain(`<a class="zoom" href="/media/${id}/1/20280201T100010Z-f1a0/1600.jpg"><picture>`);
  });

  it('the search lists each initiative with a thumbnail, under a heading the filter rewrites', () => {
    const search = text(open, '/recherche/index.html');
    expect(search).toContain('<h2 id="search-heading">Toutes les initiatives, de A à Z</h2>');
    expect(search).toMatch(/<li><img src="\/media\/[^"]+\/400\.jpg" width="400" height="\d+" alt="" loading="lazy"/);
  });

  it('once the results are frozen: no banner, no vote button, no vote block; sharing stays', () => {
    const closed = renderSite({ ...fixtureSite(), results: fixtureResults() });
    for (const [path, html] of [...closed].filter(([p]) => p.endsWith('.html')).map(([p, f]) => [p, String(f.body)]))
      expect(html, path).not.toMatch(/vote-banner|class="card-vote"|class="vote-jump"|id="vote"/);
    expect(text(closed, VELO_PAGE)).toContain('Faire connaître cette initiative');
  });

  it('before the vote opens (a launch published early) and after its close, no banner', () => {
    const early = renderSite({ ...fixtureSite(), now: new Date('2028-05-16T06:00:00Z') });
    const late = renderSite({ ...fixtureSite(), now: new Date('2028-07-01T08:00:00Z') });
    for (const site of [early, late]) expect(text(site, '/index.html')).not.toContain('vote-banner');
  });
});

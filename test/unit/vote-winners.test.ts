import { describe, expect, it } from 'vitest';
import { prizeOf, prizesInputSchema, unknownPrizeAxes } from '../../functions/domain/prizes.ts';
import { archiveEdition } from '../../functions/domain/site/editions.ts';
import { renderSite, type RenderedSite } from '../../functions/domain/site/index.ts';
import { winnerEmail, winnersTeamEmail } from '../../functions/domain/winner-emails.ts';
import { fixtureCampaign, fixtureInitiatives, fixtureResults, fixtureSite } from '../support/site-fixtures.ts';

/**
 * The vote's winners (issue #13): the prize wording, the `/resultats/` page and the home's block
 * rendered from the frozen results, and the winners' and team's emails.
 */

const [first, second, third, fourth] = fixtureInitiatives();
const page = (site: RenderedSite, file: string) => String(site.get(file)?.body ?? '');
/** A title as Handlebars writes it. */
const esc = (title: string) => title.replace(/&/g, '&amp;').replace(/'/g, '&#x27;');
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const prizes = { 'emploi-citoyennete': 'Un reportage vidéo <b>offert</b>' };
const closed = (overrides: { showCounts?: boolean } = {}) =>
  renderSite(
    fixtureSite({
      campaign: fixtureCampaign({ phase: 'closed', voting: { showCounts: overrides.showCounts ?? true }, prizes }),
      results: fixtureResults(),
    }),
  );

describe('prizes', () => {
  it('validates the wording per axis: trimmed, 300 characters at most, axes of the campaign only', () => {
    expect(prizesInputSchema.parse({ prizes: { 'emploi-citoyennete': '  Un reportage  ' } }).prizes).toEqual({
      'emploi-citoyennete': 'Un reportage',
    });
    const long = prizesInputSchema.safeParse({ prizes: { 'emploi-citoyennete': 'x'.repeat(301) } });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toBe('Prix\u00a0: 300 caractères au plus.');
    expect(prizesInputSchema.safeParse({ prizes: { 'axe inconnu !': 'x' } }).success).toBe(false);
    expect(unknownPrizeAxes(fixtureCampaign(), { 'emploi-citoyennete': 'a', autre: 'b' })).toEqual(['autre']);
    expect(prizeOf({ prizes: { a: '  ' } }, 'a')).toBeUndefined();
    expect(prizeOf({}, 'a')).toBeUndefined();
  });
});

describe('the results on the public site', () => {
  it('has no results page and no « lauréat » before the results are frozen; the vote widget is on each initiative', () => {
    const site = renderSite(fixtureSite());
    expect(site.has('/resultats/index.html')).toBe(false);
    for (const [file, content] of site)
      if (file.endsWith('.html')) expect(String(content.body), file).not.toMatch(/lauréat/i);
    expect(page(site, '/index.html')).not.toContain('/resultats/');
    expect(page(site, '/initiatives/un-atelier-velo-pour-reprendre-la-route-de-l-emploi/index.html')).toContain(
      'data-initiative=',
    );
  });

  it('/resultats/: each axis with its winners (ties kept), their votes when shown, the prize, links to their pages', () => {
    const site = closed();
    const html = page(site, '/resultats/index.html');
    const sections = html.split('<section').slice(1);
    expect(sections).toHaveLength(3);
    const [employment, mobilisation, environment] = sections as [string, string, string];
    expect(employment).toContain(`>${esc(first!.article.title)}</a>`);
    expect(employment).not.toContain(esc(second!.article.title));
    expect(text(employment)).toContain('12 votes');
    expect(employment).toContain('Un reportage vidéo &lt;b&gt;offert&lt;/b&gt;');
    expect(mobilisation).toContain(esc(third!.article.title));
    expect(mobilisation).toContain(esc(fourth!.article.title));
    expect(text(mobilisation)).toContain('Ex aequo');
    expect(text(mobilisation)).toContain('7 votes');
    expect(text(environment)).toContain('Aucun vote n’a été enregistré pour cet axe.');
    // The links point to the initiatives' own pages, which exist.
    for (const href of [...html.matchAll(/href="(\/initiatives\/[^"]+)"/g)].map((m) => m[1]!))
      expect(site.has(`${href}index.html`), href).toBe(true);
    expect(text(html)).toContain('31 votes confirmés au total');
    expect(text(html)).toContain('Résultats arrêtés le 1er juillet 2028 à 0 h 00');
    expect(page(site, '/sitemap.xml')).toContain('https://initiatives.example.org/resultats/');
  });

  it('hides the counts when the campaign hides them', () => {
    const html = page(closed({ showCounts: false }), '/resultats/index.html');
    expect(html).toContain(esc(first!.article.title));
    expect(text(html)).not.toMatch(/\d+ votes?\b/);
  });

  it("the home lists the winners and links to the results; the nav too; a winner's page says so, without the vote widget", () => {
    const site = closed();
    const home = page(site, '/index.html');
    expect(home).toContain('Les lauréats du vote du public');
    expect(home).toContain(esc(first!.article.title));
    expect(home).toContain('<a href="/resultats/">Tous les résultats du vote</a>');
    expect(page(site, '/regions/index.html')).toContain('<a href="/resultats/">Résultats du vote</a>');
    const winner = [...site].find(
      ([file, c]) =>
        file.startsWith('/initiatives/') && String(c.body).includes(`<h1>${esc(first!.article.title)}</h1>`),
    )![1];
    expect(String(winner.body)).toContain('lauréate de son axe');
    expect(String(winner.body)).not.toContain('data-initiative=');
    expect(String(winner.body)).not.toContain('/vote/widget.js');
  });

  it('leaves out a winner that is no longer online, and says so when none of an axis is', () => {
    const site = renderSite(
      fixtureSite({
        campaign: fixtureCampaign({ phase: 'closed' }),
        initiatives: fixtureInitiatives().filter((i) => i.id !== first!.id),
        results: fixtureResults(),
      }),
    );
    const employment = page(site, '/resultats/index.html').split('<section')[1]!;
    expect(text(employment)).toContain('Aucun lauréat en ligne pour cet axe.');
  });

  it('with no vote at all names no winner: « résultats », not « lauréats »', () => {
    const results = {
      frozenAt: '2028-07-01T00:00:00+02:00',
      axes: fixtureResults().axes.map((a) => ({ ...a, votes: 0, winners: [], ranking: [] })),
    };
    const site = renderSite(fixtureSite({ campaign: fixtureCampaign({ phase: 'closed' }), results }));
    expect(page(site, '/resultats/index.html')).toContain('<h1>Les résultats du vote du public</h1>');
    expect(page(site, '/index.html')).toContain('Le vote du public est clos</h2>');
    expect(page(site, '/index.html')).not.toContain('Les lauréats');
    expect(text(page(site, '/resultats/index.html')).match(/Aucun vote n’a été enregistré pour cet axe/g)).toHaveLength(
      3,
    );
  });

  it('moves with its edition under the year, its links to initiative pages too', () => {
    const archived = archiveEdition(closed(), 2028, 'https://initiatives.example.org');
    const html = page(archived, '/2028/resultats/index.html');
    expect(html).toContain('href="/2028/initiatives/');
    expect(page(archived, '/2028/index.html')).toContain('href="/2028/resultats/"');
  });
});

describe('emails', () => {
  const base = {
    firstName: 'Claire',
    initiativeName: 'La recyclerie du Val',
    axisLabel: 'Emploi & Citoyenneté',
    resultsUrl: 'https://initiatives.example.org/resultats/',
  };

  it('tells a winner its axis, its prize and its votes when shown, its ex aequo', () => {
    const email = winnerEmail({ ...base, votes: 12, tiedWith: [], prize: 'Un reportage <vidéo>' });
    expect(email.subject).toBe('Votre initiative «\u00a0La recyclerie du Val\u00a0» est lauréate du vote du public');
    expect(email.text).toContain('la plus inspirante de l’axe «\u00a0Emploi & Citoyenneté\u00a0», avec 12 votes.');
    expect(email.text).toContain('Le prix\u00a0: Un reportage <vidéo>');
    expect(email.html).toContain('Un reportage &lt;vidéo&gt;');
    expect(email.text).toContain(base.resultsUrl);
    expect(email.text).not.toContain('ex aequo');
    const tied = winnerEmail({ ...base, tiedWith: ['Des vélos pour tous'] });
    expect(tied.text).toContain('ex aequo, avec «\u00a0Des vélos pour tous\u00a0»');
    expect(tied.text).not.toMatch(/\d+ votes?/);
    expect(tied.text).not.toContain('Le prix');
  });

  it('gives the team every winner, with votes, prizes and who got no email', () => {
    const email = winnersTeamEmail({
      campaignTitle: 'Édition 2028',
      total: 17,
      axes: [
        {
          label: 'Emploi',
          prize: 'Un reportage',
          winners: [{ title: 'A', company: 'Entreprise A', votes: 12, emailed: true }],
        },
        {
          label: 'Mobilisation',
          winners: [
            { title: 'B', votes: 7, emailed: false },
            { title: 'C', votes: 7, emailed: true },
          ],
        },
        { label: 'Environnement', winners: [] },
      ],
      resultsUrl: base.resultsUrl,
      consoleUrl: 'https://initiatives.example.org/admin/#/votes',
    });
    expect(email.subject).toBe('Édition 2028\u00a0: le vote est clos, voici les lauréats');
    expect(email.text).toContain('- Emploi (prix\u00a0: Un reportage)\u00a0: «\u00a0A\u00a0» (Entreprise A), 12 votes');
    expect(email.text).toContain(
      '«\u00a0B\u00a0», 7 votes, sans courriel (dossier introuvable)\u202f; «\u00a0C\u00a0», 7 votes',
    );
    expect(email.text).toContain('- Environnement\u00a0: aucun vote');
    expect(email.text).toContain('17 votes confirmés');
  });
});

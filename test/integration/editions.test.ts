import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editionYear } from '../../functions/domain/campaign.ts';
import { campaignInputSchema, defaultCampaignInput, MAX_SPAN_DAYS } from '../../functions/domain/campaign-config.ts';
import type { CampaignRecord } from '../../functions/domain/timeline.ts';
import type { DemoResult } from '../../infra/local/demo.ts';
import { DEMO_ENTERPRISES, demoArticle } from '../../infra/local/demo-data.ts';
import { demoOnStack } from '../support/demo-run.ts';
import { localStack, signIn } from '../support/local-clients.ts';

/**
 * What the call promises after the launch (issue #13), on the demo campaign (`npm run demo`'s
 * runDemo) of the integration stack: the printed compilation generated through the console's API
 * and read back with poppler (pdfinfo, pdftotext, pdfimages, pdffonts), the newsletter export, and
 * the demo edition's pages still online once the next year's call opens.
 */

const stack = localStack();
const front = stack.urls.front;
let demo: DemoResult;
let idToken: string;
let dir: string;

async function admin<T>(method: string, route: string, body?: unknown, expected = 200): Promise<T> {
  const res = await fetch(`${front}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${idToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  expect(res.status, `${method} ${route}: ${text.slice(0, 300)}`).toBe(expected);
  return JSON.parse(text) as T;
}

function poppler(tool: string, ...args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new Error(
      `${tool} est introuvable : installez poppler avec « apt-get install -y poppler-utils » (Debian), puis relancez les tests.`,
      { cause: error },
    );
  }
}
/** One page's text, whitespace collapsed (titles may wrap). */
const pageText = (pdf: string, page: number) =>
  poppler('pdftotext', '-f', String(page), '-l', String(page), pdf, '-').replace(/\s+/g, ' ');

beforeAll(async () => {
  demo = await demoOnStack(stack);
  idToken = (await signIn(stack)).idToken;
  dir = await mkdtemp(path.join(os.tmpdir(), 'avenir-editions-'));
}, 600_000);

afterAll(async () => {
  try {
    // The demo campaign walked to its end, so that none of its tasks wakes up during another file.
    const { campaigns } = await admin<{ campaigns: CampaignRecord[] }>('GET', '/api/admin/campaigns');
    for (const campaign of campaigns.filter(
      (c) => / \(démo\)$/.test(c.title) && c.phase !== 'closed' && c.phase !== 'draft',
    )) {
      const to = new Date(Date.parse(campaign.dates.votingClose) + 1000).toISOString();
      await fetch(`${front}/_local/clock`, { method: 'POST', body: JSON.stringify({ to, campaignId: campaign.id }) });
    }
  } finally {
    await fetch(`${front}/_local/clock`, { method: 'POST', body: JSON.stringify({ reset: true }) });
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}, 120_000);

interface CompilationView {
  compilation: {
    state: string;
    pages?: number;
    initiatives?: number;
    minDpi?: number;
    url: string | null;
    editorial: string;
    exclusions: { applicationId: string; reason: string }[];
  } | null;
  candidates: { id: string; initiative: string; excluded: string | null }[];
}

describe('the printed compilation of the demo campaign', () => {
  it('is generated through the console API and holds cover, editorial, contents and every complete file but the excluded one', async () => {
    const route = `/api/admin/campaigns/${demo.campaign.id}/compilation`;
    const before = await admin<CompilationView>('GET', route);
    // Every demo file was sent complete: all twelve can be printed, selected or not.
    expect(before.candidates.map((c) => c.id).sort()).toEqual(demo.files.map((f) => f.id).sort());

    const excluded = demo.files.find((f) => !f.selected)!;
    const editorial = 'Un mot de la présidente pour ouvrir ce recueil, écrit dans la console.';
    const started = await admin<CompilationView>(
      'POST',
      route,
      { editorial, exclusions: [{ applicationId: excluded.id, reason: 'Doublon d’un autre dossier' }] },
      202,
    );
    expect(started.compilation!.state).toBe('running');

    let view!: CompilationView;
    await expect
      .poll(async () => (view = await admin<CompilationView>('GET', route)).compilation!.state, {
        timeout: 120_000,
        interval: 1000,
      })
      .not.toBe('running');
    const compilation = view.compilation!;
    expect(compilation.state).toBe('ready');
    expect(compilation.initiatives).toBe(demo.files.length - 1);
    expect(compilation.minDpi).toBeGreaterThanOrEqual(150);
    expect(view.candidates.find((c) => c.id === excluded.id)!.excluded).toBe('Doublon d’un autre dossier');

    // The presigned link (the admin API's role signed it) downloads the PDF.
    const res = await fetch(compilation.url!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="recueil-\d{4}\.pdf"/);
    const pdf = path.join(dir, 'recueil.pdf');
    await writeFile(pdf, Buffer.from(await res.arrayBuffer()));

    const info = poppler('pdfinfo', pdf);
    expect(info).toMatch(/Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBe(compilation.pages);
    // Cover, editorial, contents, three axis pages, one page at least per initiative, back cover.
    expect(pages).toBeGreaterThanOrEqual(6 + compilation.initiatives! + 1);

    const year = new Date(demo.campaign.dates.launch).getFullYear();
    expect(pageText(pdf, 1)).toContain('Recueil des initiatives');
    expect(pageText(pdf, 1)).toContain(String(year));
    expect(pageText(pdf, 2)).toContain(editorial);
    expect(pageText(pdf, 3)).toContain('Sommaire');
    expect(pageText(pdf, pages)).toMatch(/157 rue des Blains, 92220 Bagneux/);

    // Each printed initiative: the approved article's title, else the initiative's name; the contents
    // give the page where it starts (on the first line of its entry, which may wrap), and that page
    // carries it.
    const contents = poppler('pdftotext', '-layout', '-f', '3', '-l', '4', pdf, '-').split('\n');
    const all = poppler('pdftotext', pdf, '-').replace(/\s+/g, ' ');
    for (const [i, file] of demo.files.entries()) {
      const enterprise = DEMO_ENTERPRISES[i]!;
      const title =
        file.article === 'approved'
          ? demoArticle(enterprise, enterprise.article!.answer.kind === 'changes' ? 'revised' : 'first').title
          : file.initiative;
      const start = title.slice(0, 24);
      const line = contents.find((l) => l.includes(start));
      if (file.id === excluded.id) {
        expect(line, file.company).toBeUndefined();
        expect(all).not.toContain(file.company);
        continue;
      }
      expect(line, `contents: ${title}`).toMatch(/\d+\s*$/);
      const page = Number(/(\d+)\s*$/.exec(line!)![1]);
      const text = pageText(pdf, page);
      expect(text, `page ${page}`).toContain(title.replace(/\s+/g, ' '));
      expect(text).toContain(file.company);
      expect(text).toContain(enterprise.fields.company.city);
    }
    // Approved articles print their text; a file not selected prints its description.
    const notSelected = demo.files.find((f) => !f.selected && f.id !== excluded.id)!;
    const description = DEMO_ENTERPRISES[demo.files.indexOf(notSelected)]!.fields.initiative.description;
    expect(all).toContain(description.slice(0, 60).replace(/\s+/g, ' '));
    expect(all).toContain('©');

    // Photos: four per printed initiative (the demo's articles keep all four), as JPEG.
    const images = poppler('pdfimages', '-list', pdf)
      .split('\n')
      .slice(2)
      .filter((l) => l.trim());
    expect(images.length).toBe(4 * compilation.initiatives!);
    expect(images.every((l) => /\bjpeg\b/.test(l))).toBe(true);
    // Every font embedded (subsets of DejaVu Sans).
    const fonts = poppler('pdffonts', pdf)
      .split('\n')
      .slice(2)
      .filter((l) => l.trim());
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/DejaVuSans\S*\s.*\byes\s+yes\s+yes\b/);
  }, 180_000);
});

describe('the newsletter selection of the demo campaign', () => {
  it('saves the team’s choice and exports an email-ready block (tables, inline styles, absolute URLs) and its text', async () => {
    const route = `/api/admin/campaigns/${demo.campaign.id}/newsletter`;
    const published = demo.files.filter((f) => f.article === 'approved');
    const chosen = [published[2]!, published[0]!, published[1]!];
    const intro = 'Trois initiatives à découvrir ce mois-ci <b>avant le congrès</b>.';
    // A file that was not published cannot be chosen.
    const unpublished = demo.files.find((f) => !f.selected)!;
    await admin('PUT', route, { intro, items: [{ initiativeId: unpublished.id, text: '' }] }, 400);

    const saved = await admin<{ html: string; text: string; selection: { items: { initiativeId: string }[] } }>(
      'PUT',
      route,
      {
        intro,
        items: chosen.map((f, i) => ({
          initiativeId: f.id,
          text: i === 0 ? `Un mot de l’équipe sur ${f.company}.` : '',
        })),
      },
    );
    expect(saved.selection.items.map((i) => i.initiativeId)).toEqual(chosen.map((f) => f.id));
    const { html, text } = await admin<{ html: string; text: string }>('GET', route);

    expect(html).not.toMatch(/<style|<script|<link|javascript:/i);
    expect(html).toMatch(/^<table role="presentation"/);
    // Every URL is absolute, on the site's origin.
    const urls = [...html.matchAll(/\b(?:href|src)="([^"]*)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(chosen.length * 2);
    for (const url of urls) expect(url).toMatch(/^https?:\/\/[^/]+\//);
    // What the team typed is escaped.
    expect(html).toContain('&lt;b&gt;avant le congrès&lt;/b&gt;');
    // Images: width, height and alt, from the media path of the site.
    const images = [...html.matchAll(/<img [^>]*>/g)].map((m) => m[0]);
    expect(images).toHaveLength(chosen.length);
    for (const img of images)
      expect(img).toMatch(/src="https?:\/\/[^"]+\/media\/[^"]+\.jpg" width="\d+" height="\d+" alt="[^"]+"/);
    // Every chosen initiative, in the chosen order, in both versions, with its page's link (served).
    let last = -1;
    for (const file of chosen) {
      const at = html.indexOf(file.company);
      expect(at, file.company).toBeGreaterThan(last);
      last = at;
      expect(text).toContain(file.company);
    }
    const pages = [...new Set([...html.matchAll(/href="https?:\/\/[^/"]+(\/initiatives\/[^"]+)"/g)].map((m) => m[1]!))];
    expect(pages).toHaveLength(chosen.length);
    for (const page of pages) {
      expect(demo.published).toContain(page);
      expect(text).toContain(page);
    }
    expect(text).toContain(`Un mot de l’équipe sur ${chosen[0]!.company}.`);
    // The text version is plain: what the team typed as typed, no markup of ours.
    expect(text).toContain(intro);
    expect(text.replace(intro, '')).not.toMatch(/<[a-z]/i);
  });
});

describe('the demo edition once the next call opens', () => {
  it('keeps every page it had: under its year, and at the root (the page itself or a page sending to its copy)', async () => {
    const year = editionYear(demo.campaign);
    const sitemap = await (await fetch(`${front}/sitemap.xml`)).text();
    const pages = [...sitemap.matchAll(/<loc>https?:\/\/[^/<]+(\/[^<]*)<\/loc>/g)].map((m) => m[1]!);
    expect(pages).toContain('/');
    for (const link of demo.published) expect(pages).toContain(link);

    // The vote closes; the next year's call is created and opened through the console's API.
    const closing = new Date(Date.parse(demo.campaign.dates.votingClose) + 1000).toISOString();
    expect(
      (
        await fetch(`${front}/_local/clock`, {
          method: 'POST',
          body: JSON.stringify({ to: closing, campaignId: demo.campaign.id }),
        })
      ).status,
    ).toBe(200);
    const input = campaignInputSchema.parse({
      ...defaultCampaignInput(year + 1),
      title: `Nos territoires ont de l’avenir ${year + 1} (démo)`,
    });
    const earliest = new Date(Date.parse(`${input.votingClose}T23:00:00Z`) - (MAX_SPAN_DAYS - 2) * 86_400_000);
    if (earliest.getTime() > Date.parse(closing))
      await fetch(`${front}/_local/clock`, { method: 'POST', body: JSON.stringify({ to: earliest.toISOString() }) });
    const { campaign: draft } = await admin<{ campaign: CampaignRecord }>('POST', '/api/admin/campaigns', input, 201);
    await admin('POST', `/api/admin/campaigns/${draft.id}/open`);

    // The opening publishes the new call's holding page at the root…
    let home = '';
    // (other test files publish on this shared stack too: wait for this call's own page)
    for (let i = 0; i < 60 && !(home.includes('/candidater/') && home.includes(`${year + 1} (démo)`)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      home = await (await fetch(`${front}/`)).text();
    }
    expect(home).toContain('/candidater/');
    expect(home).toContain(`${year + 1} (démo)`);
    // …which links the previous edition…
    // Other test files' campaigns share this stack: other years may be listed beside the demo's.
    expect(home).toMatch(new RegExp(`Éditions précédentes(?:[^<]|<a [^>]*>[^<]*</a>)*<a href="/${year}/">${year}</a>`));
    // …and every page of it still answers, under its year and at its old address.
    for (const page of pages) {
      const archived = await fetch(`${front}/${year}${page}`);
      expect(archived.status, `/${year}${page}`).toBe(200);
      const body = await archived.text();
      if (page !== '/') {
        const old = await fetch(`${front}${page}`);
        expect(old.status, page).toBe(200);
        const text = await old.text();
        if (text.includes('http-equiv="refresh"')) {
          // To this edition's copy, or to a newer edition's of the same page (other test files publish
          // campaigns on this shared stack): either way a copy that answers.
          const target = new RegExp(`url=(/\\d{4}${page.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`).exec(text)?.[1];
          expect(target, `${page} sends to a copy under a year`).toBeDefined();
          expect((await fetch(`${front}${target}`)).status, target).toBe(200);
        }
      }
      if (demo.published.includes(page)) expect(body).toContain(`href="/${year}/"`);
    }
  }, 180_000);
});

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSite, type RenderedSite } from '../../functions/domain/site/index.ts';
import {
  fixtureCampaign,
  fixtureInitiatives,
  fixturePhoto,
  fixtureResults,
  fixtureSite,
} from '../support/site-fixtures.ts';

/**
 * Every generated page through the W3C HTML checker (vnu), in one Java run: the launched showcase
 * (six initiatives, one with hostile text), the holding pages (open call, closed call, no call).
 */
const vnuJar = String(createRequire(import.meta.url)('vnu-jar'));
let dir: string;
const files: string[] = [];

async function writeSite(name: string, site: RenderedSite): Promise<void> {
  for (const [p, file] of site) {
    if (!p.endsWith('.html')) continue;
    const target = path.join(dir, name, p);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.body);
    files.push(target);
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'avenir-site-vnu-'));
  const hostile = fixtureInitiatives()[0]!;
  hostile.article = {
    ...hostile.article,
    title: 'Titre <script>alert(1)</script> & « guillemets »',
    lead: 'Chapeau <b>gras</b> "entre guillemets" et \'apostrophes\' — assez long.',
  };
  hostile.photos = [fixturePhoto(hostile.id, 1, '<img src=x onerror=alert(1)>', '</figcaption><script>x</script>')];
  hostile.company = { ...hostile.company, name: 'Entreprise <i>&amp;</i>' };
  await writeSite('launched', renderSite(fixtureSite({ initiatives: [hostile, ...fixtureInitiatives().slice(1)] })));
  // The vote closed: /resultats/, the home's winners, the initiative pages without the vote widget.
  const prizes = { 'emploi-citoyennete': 'Un <b>reportage</b> & « une invitation »' };
  await writeSite(
    'results',
    renderSite(
      fixtureSite({
        campaign: fixtureCampaign({ phase: 'closed', voting: { showCounts: true }, prizes }),
        results: fixtureResults(),
      }),
    ),
  );
  const campaign = fixtureCampaign({ phase: 'open' });
  await writeSite(
    'open',
    renderSite({
      campaign,
      initiatives: [],
      siteUrl: 'https://x.example.org',
      now: new Date('2028-02-01T10:00:00Z'),
      phase: 'holding',
    }),
  );
  await writeSite(
    'closed',
    renderSite({
      campaign: fixtureCampaign({ phase: 'review' }),
      initiatives: [],
      siteUrl: 'https://x.example.org',
      now: new Date('2028-03-02T10:00:00Z'),
      phase: 'holding',
    }),
  );
  await writeSite(
    'none',
    renderSite({
      campaign: null,
      initiatives: [],
      siteUrl: 'https://x.example.org',
      now: new Date(),
      phase: 'holding',
    }),
  );
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('generated HTML', () => {
  it('is valid for the W3C checker (vnu), every page in one run', { timeout: 120_000 }, () => {
    const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
    if (java.error)
      throw new Error(
        'Java est introuvable : installez-le avec « apt-get install -y openjdk-17-jre-headless » pour vérifier le HTML (vnu).',
      );
    expect(files.length).toBeGreaterThan(25);
    const run = spawnSync('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...files], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const report = JSON.parse(run.stderr || run.stdout || '{"messages":[]}') as {
      messages: { type: string; url: string; message: string; lastLine?: number; extract?: string }[];
    };
    const errors = report.messages
      .filter((m) => m.type === 'error' || m.type === 'non-document-error')
      .map(
        (m) =>
          `${path.relative(dir, m.url.replace(/^file:/, ''))}:${m.lastLine ?? '?'} ${m.message}${m.extract ? ` « ${m.extract.trim()} »` : ''}`,
      );
    expect(errors).toEqual([]);
  });
});

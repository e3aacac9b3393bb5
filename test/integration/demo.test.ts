import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slugify } from '../../functions/domain/article.ts';
import type { CampaignRecord } from '../../functions/domain/timeline.ts';
import { initiativeLinks, type DemoResult } from '../../infra/local/demo.ts';
import { DEMO_ENTERPRISES, demoArticle } from '../../infra/local/demo-data.ts';
import { demoOnStack } from '../support/demo-run.ts';
import { openConsole, showCampaign } from '../support/console-driver.ts';
import { launchChromium } from '../support/form-driver.ts';
import { localStack, signIn } from '../support/local-clients.ts';
import { readmeScreen } from '../support/readme-screens.ts';

/**
 * `npm run demo` (its `runDemo`) against the integration stack: twelve applications, decisions, the
 * articles written through the console's API and approved through the validation API, the launch;
 * then the public site as a visitor gets it. The README promises that the site then shows
 * initiatives.
 *
 * The stack and its simulated clock are shared, and the demo moves the clock more than five months
 * ahead: at the end, the demo campaign's timeline is run to its end (vote close, so that none of its
 * tasks stays held and wakes up during another file), and the clock is put back to the real time,
 * which the other files' campaigns are dated from.
 */

const stack = localStack();
const front = stack.urls.front;
/** The home page's « À découvrir » shows six initiatives at most (functions/domain/site/render.ts); the search page lists them all. */
const HOME_FEATURED = 6;
let demo: DemoResult | undefined;

async function admin<T>(idToken: string, route: string): Promise<T> {
  const res = await fetch(`${front}${route}`, { headers: { authorization: `Bearer ${idToken}` } });
  expect(res.status, route).toBe(200);
  return (await res.json()) as T;
}

beforeAll(async () => {
  demo = await demoOnStack(stack);
}, 600_000);

afterAll(async () => {
  try {
    // Every demo campaign still running (this run's, or one a failed run left), walked to its end.
    const { idToken } = await signIn(stack);
    const { campaigns } = await admin<{ campaigns: CampaignRecord[] }>(idToken, '/api/admin/campaigns');
    for (const campaign of campaigns.filter(
      (c) => / \(démo\)$/.test(c.title) && c.phase !== 'closed' && c.phase !== 'draft',
    )) {
      const to = new Date(Date.parse(campaign.dates.votingClose) + 1000).toISOString();
      const res = await fetch(`${front}/_local/clock`, {
        method: 'POST',
        body: JSON.stringify({ to, campaignId: campaign.id }),
      });
      expect(res.status, `clôture de ${campaign.title}`).toBe(200);
    }
  } finally {
    await fetch(`${front}/_local/clock`, { method: 'POST', body: JSON.stringify({ reset: true }) });
  }
}, 120_000);

describe('npm run demo', () => {
  it('files the twelve applications, walks the campaign to its launch', async () => {
    expect(demo!.files).toHaveLength(DEMO_ENTERPRISES.length);
    expect(demo!.files.every((f) => f.id)).toBe(true);
    const { idToken } = await signIn(stack);
    const { campaign } = await admin<{ campaign: CampaignRecord }>(
      idToken,
      `/api/admin/campaigns/${demo!.campaign.id}`,
    );
    expect(campaign.phase).toBe('launched');
  });

  it('has the articles approved through the validation API; one enterprise has not answered', async () => {
    const { idToken } = await signIn(stack);
    const selected = demo!.files.filter((f) => f.selected);
    const approved = selected.filter((f) => f.article === 'approved');
    expect(selected).toHaveLength(DEMO_ENTERPRISES.filter((e) => e.selected).length);
    expect(approved.length).toBeGreaterThan(0);
    expect(demo!.published).toHaveLength(approved.length);
    expect(selected.filter((f) => f.article === 'awaiting-answer')).toHaveLength(1);
    for (const file of selected) {
      const screen = await admin<{ record: { status: string; version: number; approvedBy?: string } }>(
        idToken,
        `/api/admin/applications/${file.id}/article`,
      );
      if (file.article === 'approved')
        expect(screen.record, file.company).toMatchObject({
          status: 'approved',
          approvedBy: expect.stringMatching(/\S+ \S+/),
        });
      else expect(screen.record.status, file.company).toBe('sent');
    }
    // The enterprise that asked for changes approved the second version.
    const revised = DEMO_ENTERPRISES.findIndex((e) => e.article?.answer.kind === 'changes');
    expect(
      (
        await admin<{ record: { version: number } }>(
          idToken,
          `/api/admin/applications/${demo!.files[revised]!.id}/article`,
        )
      ).record.version,
    ).toBe(2);
  });

  it('ends with the public home page listing the published initiatives', async () => {
    const n = demo!.published.length;
    const res = await fetch(`${front}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const home = initiativeLinks(html);
    expect(home.length).toBeGreaterThanOrEqual(Math.min(n, HOME_FEATURED));
    for (const link of home) expect(demo!.published).toContain(link);
    // The home page counts them all…
    expect(html).toContain(`${n} initiatives en ligne`);
    // …and the search page (the A-Z list without JavaScript) links to each.
    const listed = initiativeLinks(await (await fetch(`${front}/recherche/`)).text());
    expect([...listed].sort()).toEqual([...demo!.published].sort());
    expect(demo!.home).toEqual(home);
  });

  it('serves each published initiative page (200); the article never approved is not published', async () => {
    for (const link of demo!.published) {
      const res = await fetch(`${front}${link}`);
      expect(res.status, link).toBe(200);
      await res.arrayBuffer();
    }
    const pending = DEMO_ENTERPRISES.find((e) => e.article?.answer.kind === 'none')!;
    expect((await fetch(`${front}/initiatives/${slugify(demoArticle(pending).title)}/`)).status).toBe(404);
  });

  it('has visitors vote through the public API (5, 3, 3, 2, then 1 each), counted exactly', async () => {
    const online = demo!.files.filter((f) => f.article === 'approved');
    const expected = online.map((_, i) => [5, 3, 3, 2, 1][i] ?? 1);
    expect(demo!.votes).toBe(expected.reduce((a, b) => a + b, 0));
    const { idToken } = await signIn(stack);
    const report = await admin<{ total: number; tallies: { initiativeId: string; votes: number }[] }>(
      idToken,
      `/api/admin/votes?campaignId=${demo!.campaign.id}`,
    );
    expect(report.total).toBe(demo!.votes);
  });

  it('leaves what the README pictures: the home with the vote open, an initiative, the console full', async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
      });
      const page = await context.newPage();
      await page.goto(`${front}/`);
      await page
        .getByRole('link', { name: /^Voter/ })
        .first()
        .waitFor();
      await readmeScreen(page, 'accueil');

      await page.goto(`${front}${demo!.published[0]}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await readmeScreen(page, 'initiative');

      await openConsole(page, stack);
      await showCampaign(page, demo!.campaign.id);
      // The dashboard shows the demo's campaign first: a click while it renders again could be undone by it.
      await page.getByText(demo!.campaign.title).first().waitFor();
      await page.getByRole('link', { name: 'Dossiers', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Dossiers', exact: true }).waitFor();
      await page
        .locator('table.rows tbody tr')
        .nth(DEMO_ENTERPRISES.length - 1)
        .waitFor();
      await readmeScreen(page, 'console');
    } finally {
      await browser.close();
    }
  });
});

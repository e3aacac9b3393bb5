import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { publishCampaign } from '../../functions/publish/index.ts';
import { DESK, expectAccessible, launchChromium, PHONE } from '../support/form-driver.ts';
import { localPublishContext } from '../support/local-publish.ts';
import { fixtureCampaign, fixtureInitiatives, fixtureResults } from '../support/site-fixtures.ts';

/**
 * The vote's results as published after the close (`/resultats/`, the home's winners, a winner's
 * page), written into the local site bucket and browsed through the local front with the site's
 * CSP: axe on each, on a phone and on a desktop. The campaign, its initiatives and its frozen
 * results are the site fixtures (the publication's reads replaced; the writes are the real ones).
 */
const stack = inject('stack');
const front = stack.urls.front;
let browser: Browser;
const VELO = '/initiatives/un-atelier-velo-pour-reprendre-la-route-de-l-emploi/';

beforeAll(async () => {
  const campaign = fixtureCampaign({
    id: `resultats-${Date.now().toString(36)}`,
    phase: 'closed',
    voting: { showCounts: true },
    prizes: { 'emploi-citoyennete': 'Un reportage vidéo sur l’initiative' },
  });
  await publishCampaign(
    {
      ...localPublishContext(),
      // The fixture is a Campaign; the store's record adds fields the publication does not read.
      campaigns: {
        get: async () => campaign as never,
        current: async () => campaign as never,
        list: async () => [campaign as never],
      },
      initiatives: { forCampaign: async () => fixtureInitiatives() },
      votes: { results: async () => ({ state: 'frozen', total: 31, tallies: [], ...fixtureResults() }) },
    },
    campaign.id,
  );
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

async function open(page: Page, path: string): Promise<void> {
  const res = await page.goto(`${front}${path}`, { waitUntil: 'load' });
  expect(res?.status(), path).toBe(200);
}

describe('the results of the vote on the public site', () => {
  it(
    'passes axe on /resultats/, the home and a winner’s page, on a phone and on a desktop',
    { timeout: 120_000 },
    async () => {
      for (const viewport of [PHONE, DESK]) {
        const context = await browser.newContext(viewport);
        const page = await context.newPage();
        await open(page, '/resultats/');
        await page.getByRole('heading', { level: 1, name: 'Les lauréats du vote du public' }).waitFor();
        expect(await page.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual([
          'Emploi & Citoyenneté',
          'Mobilisation locale & coopérations innovantes',
          'Environnement & nouvelle économie',
        ]);
        await expectAccessible(page, `/resultats/ (${viewport.viewport.width} px)`);
        await page.getByRole('link', { name: "Un atelier vélo pour reprendre la route de l'emploi" }).click();
        await page.waitForURL(`${front}${VELO}`);
        await page.getByText('lauréate de son axe').waitFor();
        await expectAccessible(page, `${VELO} (${viewport.viewport.width} px)`);
        await open(page, '/');
        await page.getByRole('heading', { level: 2, name: 'Les lauréats du vote du public' }).waitFor();
        await expectAccessible(page, `/ (${viewport.viewport.width} px)`);
        await context.close();
      }
    },
  );
});

import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildAdmin } from '../../frontend/admin/build.ts';
import { AXES } from '../../functions/domain/axes.ts';
import { DESK, expectAccessible, launchChromium } from '../support/form-driver.ts';
import { showCampaign } from '../support/console-driver.ts';
import { seedVotingCampaign, type VotingCampaign } from '../support/vote-seed.ts';

/**
 * The console's « Votes » screen (#/votes) on the local stack: the team words the prize of each
 * axis's winners, saves it (checked by the API), finds it again on the next visit; axe checks the
 * screen before and after.
 */
const stack = inject('stack');
const front = stack.urls.front;
const run = Date.now().toString(36);
let browser: Browser;
let campaign: VotingCampaign;
const errors: string[] = [];

const heading = (page: Page) =>
  page.getByRole('heading', { level: 1, name: 'Votes du public' }).waitFor({ timeout: 15_000 });

async function signedIn(page: Page): Promise<void> {
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${front}/admin/#/votes`);
  await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor({ timeout: 15_000 });
  await page.getByLabel('Adresse électronique').fill(stack.admin.email);
  await page.getByLabel('Mot de passe').fill(stack.admin.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await heading(page);
  await showCampaign(page, campaign.id);
  await page.getByText(`Vote prix-${run}`).first().waitFor();
}

beforeAll(async () => {
  await buildAdmin(path.resolve(import.meta.dirname, '../../dist/frontend'));
  campaign = await seedVotingCampaign(stack, { count: 3, label: `prix-${run}` });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

describe('the « Votes » screen', () => {
  it('words each axis’s prize, saves it and shows it again; accessible', async () => {
    const context = await browser.newContext(DESK);
    const page = await context.newPage();
    await signedIn(page);
    await page.getByRole('heading', { level: 2, name: 'Prix des lauréats' }).waitFor();
    await expectAccessible(page, 'votes, prix vides');

    const label = `Prix de l’axe « ${AXES[0]!.label} »`;
    await page.getByLabel(label).fill('x'.repeat(300));
    await page.getByRole('button', { name: 'Enregistrer les prix' }).click();
    await page.getByText(/^Prix enregistrés\s: ils figureront sur la page des résultats/).waitFor();
    await page.getByLabel(label).fill('Un reportage vidéo sur votre initiative');
    await page.getByRole('button', { name: 'Enregistrer les prix' }).click();
    await page.getByText(/^Prix enregistrés/).waitFor();
    await expectAccessible(page, 'votes, prix enregistrés');

    await page.reload();
    await heading(page);
    await expect.poll(() => page.getByLabel(label).inputValue()).toBe('Un reportage vidéo sur votre initiative');
    expect(await page.getByLabel(`Prix de l’axe « ${AXES[1]!.label} »`).inputValue()).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });
});

import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildAdmin } from '../../frontend/admin/build.ts';
import { closeApplications, seedApplications } from '../support/admin-seed.ts';
import { DESK, expectAccessible, launchChromium, PHONE } from '../support/form-driver.ts';
import { showCampaign } from '../support/console-driver.ts';
import { openTestCampaign } from '../support/seed.ts';

/**
 * The console's « Recueil et lettre » screen (#/recueil) on the local stack: after the deadline the
 * team excludes a file with a reason and generates the printed compilation, which the screen follows
 * until its download link appears; axe checks the screen, on a desk and at 360 px.
 */
const stack = inject('stack');
const front = stack.urls.front;
const run = Date.now().toString(36);
let browser: Browser;
let campaignId: string;
const errors: string[] = [];

const heading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 15_000 });

async function signedIn(page: Page): Promise<void> {
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${front}/admin/#/recueil`);
  await heading(page, 'Connexion');
  await page.getByLabel('Adresse électronique').fill(stack.admin.email);
  await page.getByLabel('Mot de passe').fill(stack.admin.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await heading(page, 'Recueil et lettre');
  await showCampaign(page, campaignId);
  await page.getByText(`Recueil dans le navigateur ${run}`).first().waitFor();
}

beforeAll(async () => {
  await buildAdmin(path.resolve(import.meta.dirname, '../../dist/frontend'));
  campaignId = (await openTestCampaign(stack, { title: `Recueil dans le navigateur ${run}` })).id;
  await seedApplications(stack, [
    {
      company: 'Ty Récup',
      initiative: 'Les voiles de seconde vie',
      axis: 'environnement-economie',
      region: 'Bretagne',
      email: `tyrecup-${run}@example.org`,
    },
    {
      company: 'Clic Solidaire',
      initiative: 'Le numérique sans peur',
      axis: 'emploi-citoyennete',
      region: 'Hauts-de-France',
      email: `clic-${run}@example.org`,
    },
  ]);
  await closeApplications(stack, campaignId);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

describe('the « Recueil et lettre » screen', () => {
  it('excludes a file with its reason, generates the compilation and gives its link; accessible on a desk', async () => {
    const context = await browser.newContext(DESK);
    const page = await context.newPage();
    await signedIn(page);
    await page.getByText('Aucun recueil généré pour cette campagne.').waitFor();
    await page.getByText('Aucune initiative publiée pour cette campagne').waitFor();
    await expectAccessible(page, 'recueil et lettre');

    await page.getByLabel('Éditorial').fill('Un éditorial écrit dans la console.');
    await page.getByLabel('Exclure « Le numérique sans peur » (Clic Solidaire, Hauts-de-France)').check();
    await page.getByLabel('Raison de l’exclusion de « Le numérique sans peur »').fill('Initiative présentée deux fois');
    await page.getByRole('button', { name: 'Générer le recueil' }).click();
    await page
      .getByText(/Génération en cours|Recueil prêt/)
      .first()
      .waitFor();
    const link = page.getByRole('link', { name: 'Télécharger le PDF' });
    await link.waitFor({ timeout: 60_000 });
    await page.getByText(/Recueil prêt le .*1 initiative/).waitFor();
    const pdf = await fetch((await link.getAttribute('href'))!);
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await expectAccessible(page, 'recueil prêt');

    // The next visit starts from the editorial and the exclusion sent.
    await page.reload();
    await heading(page, 'Recueil et lettre');
    await expect.poll(() => page.getByLabel('Éditorial').inputValue()).toBe('Un éditorial écrit dans la console.');
    expect(await page.getByLabel('Raison de l’exclusion de « Le numérique sans peur »').inputValue()).toBe(
      'Initiative présentée deux fois',
    );
    await context.close();
  });

  it('works at 360 px', async () => {
    const context = await browser.newContext({ ...PHONE, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await signedIn(page);
    await page.getByRole('link', { name: 'Télécharger le PDF' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'recueil et lettre à 360 px');
    await context.close();
    expect(errors).toEqual([]);
  });
});

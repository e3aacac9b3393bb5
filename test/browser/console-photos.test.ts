import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AuditEntry } from '../../functions/adapters/audit-store.ts';
import { syntheticJpeg } from '../bench/images.ts';
import { AdminClient, closeApplications, seedApplications } from '../support/admin-seed.ts';
import type { ApplicantClient } from '../support/api-client.ts';
import { consoleSession, showCampaign } from '../support/console-driver.ts';
import { expectAccessible } from '../support/form-driver.ts';
import { openTestCampaign } from '../support/seed.ts';

/**
 * The team's photos in the console (issue #15): a viewer of each file's photos, the originals one
 * by one and in a ZIP (a file, a selection of the list), and a file printed without the console
 * around it. Two files of the same name are seeded: their photos must not collide in one ZIP.
 */
const stack = inject('stack');
const front = stack.urls.front;
const run = Date.now().toString(36);
let browser: Browser;
let page: Page;
let campaignId: string;
let first: ApplicantClient;
let second: ApplicantClient;
/** What seedApplications uploads (the same generator, the same seeds): slot n is originals[n - 1]. */
let originals: Buffer[];
let errors: string[];

/** The names the originals get: only photo 1 has a credit (« Photo : Camille Durand »). */
const namesOf = (stem: string) => [
  `${stem}_photo-1_credit-Camille-Durand.jpg`,
  `${stem}_photo-2.jpg`,
  `${stem}_photo-3.jpg`,
  `${stem}_photo-4.jpg`,
];

const bytesOf = async (download: Download) => readFile((await download.path())!);

/** Each entry of the ZIP, with the bytes of the original of its photo number. */
function expectOriginals(zip: Buffer, names: string[]): void {
  const entries = unzipSync(new Uint8Array(zip));
  expect(Object.keys(entries).sort()).toEqual([...names].sort());
  for (const [name, bytes] of Object.entries(entries)) {
    const slot = Number(/_photo-(\d)/.exec(name)![1]);
    expect(Buffer.from(bytes).equals(originals[slot - 1]!), name).toBe(true);
  }
}

beforeAll(async () => {
  campaignId = (await openTestCampaign(stack, { title: `Photos dans la console ${run}` })).id;
  [first, second] = (await seedApplications(stack, [
    {
      company: 'Les Jardins du Lien',
      initiative: 'Jardin partagé',
      axis: 'environnement-economie',
      region: 'Bretagne',
      email: `jardins-${run}@example.org`,
    },
    {
      company: 'Terres Communes',
      initiative: 'Jardin partagé',
      axis: 'environnement-economie',
      region: 'Occitanie',
      email: `terres-${run}@example.org`,
    },
  ])) as [ApplicantClient, ApplicantClient];
  originals = await Promise.all([1, 2, 3, 4].map((seed) => syntheticJpeg(1200, 800, seed)));
  // A decision with its notes, for the printed file.
  await closeApplications(stack, campaignId);
  const admin = await AdminClient.signIn(stack);
  const decided = await admin.call('PUT', `/api/admin/applications/${first.id}/decision`, {
    outcome: 'selected',
    relevance: 'Au cœur de l’axe choisi.',
    results: 'Trente familles jardinent chaque semaine.',
  });
  expect(decided.status).toBe(200);

  ({ browser, page, errors } = await consoleSession(stack, { acceptDownloads: true }));
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

/** The accessible name of the focused element (the dialog's close event, which moves the focus, fires after it is hidden). */
const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));

async function openFile(id: string): Promise<void> {
  await page.goto(`${front}/admin/#/dossiers/${id}`);
  await page.getByRole('heading', { level: 2, name: 'Photos' }).waitFor({ timeout: 15_000 });
}

describe('photos in the console', () => {
  it('opens a photo large in a dialog, goes round with the buttons and the arrows, closes back on its thumbnail', async () => {
    await openFile(first.id);
    const viewer = page.getByRole('dialog');
    const title = viewer.getByRole('heading', { level: 2 });
    await page.getByRole('button', { name: 'Agrandir la photo 1' }).click();
    await viewer.waitFor();
    expect(await title.textContent()).toBe('Photo 1 (1 sur 4)');
    await viewer.getByText('Atelier de Les Jardins du Lien').waitFor();
    await viewer.getByText('Photo : Camille Durand').waitFor();
    const large = viewer.locator('img');
    await expect
      .poll(() => large.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    await expectAccessible(page, 'visionneuse de photos');

    await viewer.getByRole('button', { name: 'Photo suivante →' }).click();
    expect(await title.textContent()).toBe('Photo 2 (2 sur 4)');
    await viewer.getByText('Sans légende').waitFor();
    await page.keyboard.press('ArrowRight');
    expect(await title.textContent()).toBe('Photo 3 (3 sur 4)');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await title.textContent()).toBe('Photo 4 (4 sur 4)'); // round from the first to the last
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });
    await expect.poll(focused).toBe('Agrandir la photo 4');

    await page.keyboard.press('Enter'); // the focused thumbnail opens it again
    await viewer.waitFor();
    expect(await title.textContent()).toBe('Photo 4 (4 sur 4)');
    await page.keyboard.press('ArrowRight');
    expect(await title.textContent()).toBe('Photo 1 (1 sur 4)'); // round from the last to the first
    await viewer.getByRole('button', { name: 'Fermer' }).click();
    await viewer.waitFor({ state: 'hidden' });
    await expect.poll(focused).toBe('Agrandir la photo 1');
    await expectAccessible(page, 'dossier, photos');
  });

  it('fits a 360 px screen', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      await page.getByRole('button', { name: 'Agrandir la photo 2' }).click();
      const viewer = page.getByRole('dialog');
      await viewer.waitFor();
      const box = (await viewer.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
      const img = (await viewer.locator('img').boundingBox())!;
      expect(img.x + img.width).toBeLessThanOrEqual(box.x + box.width);
      for (const name of ['← Photo précédente', 'Photo suivante →', 'Fermer']) {
        const button = (await viewer.getByRole('button', { name }).boundingBox())!;
        expect(button.x + button.width, name).toBeLessThanOrEqual(box.x + box.width);
      }
      await expectAccessible(page, 'visionneuse sur 360 px');
      await page.keyboard.press('Escape');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('downloads each original as uploaded, named after the initiative, the number and the credit', async () => {
    await openFile(first.id);
    for (const [slot, name] of namesOf('Jardin-partage').slice(0, 2).entries()) {
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: `Télécharger l’original de la photo ${slot + 1}` }).click();
      expect((await download).suggestedFilename()).toBe(name);
      expect((await bytesOf(await download)).equals(originals[slot]!)).toBe(true);
    }
  });

  it('downloads a ZIP of the file’s originals', async () => {
    await page.getByRole('button', { name: 'Télécharger toutes les photos (ZIP)' }).click();
    const link = page.getByRole('link', { name: /^Télécharger photos-Jardin-partage-\d{4}-\d{2}-\d{2}-\w+\.zip$/ });
    await link.waitFor();
    const download = page.waitForEvent('download');
    await link.click();
    expect((await download).suggestedFilename()).toMatch(/^photos-Jardin-partage-.*\.zip$/);
    expectOriginals(await bytesOf(await download), namesOf('Jardin-partage'));
  });

  it('downloads a ZIP of the selected files, their names kept apart; both ZIPs are audited', async () => {
    await page.goto(`${front}/admin/#/dossiers`);
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor({ timeout: 15_000 });
    await showCampaign(page, campaignId);
    await expect.poll(() => page.locator('.result-count').textContent()).toBe('2 dossiers affichés sur 2.');
    const zipButton = page.getByRole('button', { name: 'Télécharger les photos de la sélection (ZIP)' });
    await zipButton.click();
    await page.getByText('Cochez au moins un dossier dans la liste.').waitFor();

    await page.getByLabel('Sélectionner tous les dossiers affichés').check();
    await zipButton.click();
    const link = page.getByRole('link', { name: /^Télécharger photos-2-dossiers-.*\.zip$/ });
    await link.waitFor();
    await expectAccessible(page, 'liste, ZIP de la sélection');
    const download = page.waitForEvent('download');
    await link.click();
    expectOriginals(await bytesOf(await download), [...namesOf('Jardin-partage'), ...namesOf('Jardin-partage-2')]);

    const admin = await AdminClient.signIn(stack);
    const { entries } = (
      await admin.call<{ entries: AuditEntry[] }>('GET', `/api/admin/audit?campaignId=${campaignId}`)
    ).body;
    const one = entries.find((e) => e.label === 'Photos du dossier téléchargées (ZIP)');
    expect(one).toMatchObject({ by: stack.admin.email, target: { id: first.id }, details: { photos: 4 } });
    const many = entries.find((e) => e.label === 'Photos de dossiers téléchargées (ZIP)');
    expect(many).toMatchObject({ by: stack.admin.email, details: { files: 2, photos: 8 } });
    expect(String(many!.details.ids).split(' ').sort()).toEqual([first.id, second.id].sort());
  });

  it('prints the file without the console: its fields, small photos and the decision’s notes', async () => {
    await openFile(first.id);
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await page.getByRole('button', { name: 'Imprimer' }).click();
    expect(await page.locator('body').getAttribute('data-printed')).toBe('yes');

    await page.emulateMedia({ media: 'print' });
    try {
      for (const hidden of [
        page.getByRole('navigation', { name: 'Console' }),
        page.getByRole('navigation', { name: 'Parcourir les dossiers' }),
        page.locator('.site-header'),
        page.getByRole('button', { name: 'Imprimer' }),
        page.getByRole('button', { name: 'Télécharger toutes les photos (ZIP)' }),
        page.getByRole('link', { name: 'Télécharger l’original de la photo 1' }),
        page.getByRole('button', { name: 'Enregistrer la décision' }),
        page.getByRole('heading', { name: 'Données personnelles' }),
        page.getByRole('heading', { name: 'Corriger le dossier' }),
      ])
        expect(await hidden.isVisible()).toBe(false);
      for (const shown of [
        page.getByRole('heading', { level: 1, name: 'Jardin partagé' }),
        page.getByRole('heading', { name: 'Personne à contacter' }),
        page.getByRole('term').filter({ hasText: 'Code postal' }),
        page.getByText(`jardins-${run}@example.org`).first(),
        page.getByText('Au cœur de l’axe choisi.'),
        page.getByText('Trente familles jardinent chaque semaine.'),
        page.getByRole('heading', { name: 'Historique' }),
      ])
        expect(await shown.isVisible()).toBe(true);
      const heights = await page.locator('.gallery img').evaluateAll((imgs) => imgs.map((i) => i.clientHeight));
      expect(heights).toHaveLength(4);
      // 4 cm at 96 px per inch.
      for (const height of heights) expect(height).toBeLessThanOrEqual(Math.ceil((4 / 2.54) * 96));
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    expect(errors).toEqual([]);
  });
});

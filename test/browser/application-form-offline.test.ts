import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { fr } from '../../functions/domain/french.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFrontend } from '../../frontend/build.ts';
import {
  colourJpegs,
  expectAccessible,
  fillFields,
  launchChromium,
  PHONE,
  signReleaseOnline,
  uploadPhotos,
  waitSaved,
} from '../support/form-driver.ts';
import { startMockApi } from '../support/mock-api.ts';

/**
 * The applicant form against an in-memory API that follows the contract (same schemas, same
 * completeness rule), with the production CSP: the form's own behaviour, without the local stack.
 * application-form.test.ts runs the same journey against the real handlers.
 */
let dir: string;
let browser: Browser;
let mock: Awaited<ReturnType<typeof startMockApi>>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'avenir-form-'));
  await buildFrontend(dir);
  browser = await launchChromium();
  mock = await startMockApi({ staticDir: dir });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await mock?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function open(url: string, options: { width?: number } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ ...PHONE, viewport: { width: options.width ?? 390, height: 844 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  return { page, errors };
}

describe('applicant form (mock API)', () => {
  it('is accessible empty, fits 360 px and blocks nothing under the CSP', async () => {
    const { page, errors } = await open(`${mock.url}/candidater/`, { width: 360 });
    await page.locator('#form-view').waitFor();
    await expectAccessible(page, 'formulaire vide');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('#save-status').textContent()).toMatch(/courriel/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('checks a section on « Enregistrer et continuer »: summary focused, fields flagged, nothing sent without an email', async () => {
    const { page } = await open(`${mock.url}/candidater/`);
    await page.locator('#form-view').waitFor();
    const contact = page.locator('#contact');
    await contact.getByLabel('Téléphone').fill('12');
    await contact.getByRole('button', { name: 'Enregistrer et continuer' }).click();
    const summary = page.locator('#contact-errors');
    await summary.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 })
      .toBe('contact-errors');
    expect(await summary.locator('li').allTextContents()).toEqual([
      'Nom\u00a0: champ obligatoire.',
      'Prénom\u00a0: champ obligatoire.',
      'Téléphone\u00a0: indiquez un numéro français, par exemple 01 23 45 67 89.',
      'Courriel\u00a0: indiquez une adresse valide, par exemple prenom.nom@exemple.fr.',
      'Fonction dans l’entreprise\u00a0: champ obligatoire.',
    ]);
    const phone = page.locator('#contact-phone');
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    expect(await phone.getAttribute('aria-describedby')).toContain('contact-phone-error');
    await expectAccessible(page, 'erreurs affichées');
    // The summary's link focuses the field and keeps the URL fragment untouched.
    await summary.getByRole('link', { name: /Téléphone/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe('contact-phone');
    expect(new URL(page.url()).hash).toBe('');
    // A HEIC photo is explained, not sent.
    await page
      .locator('#photo-1-file')
      .setInputFiles({ name: 'IMG_0001.HEIC', mimeType: 'image/heic', buffer: Buffer.from('heic') });
    expect(await page.locator('#photo-1-file-error').textContent()).toMatch(/iPhone.*Plus compatible/);
    expect(mock.stats.creates).toBe(0);
    expect(mock.stats.uploadSlots).toBe(0);
    await page.context().close();
  });

  it('takes a newcomer from an empty form to « Votre dossier est complet », creating one application only', async () => {
    const creates = mock.stats.creates;
    const { page, errors } = await open(`${mock.url}/candidater/`);
    await page.locator('#form-view').waitFor();
    await fillFields(page, 'ines.durand@example.org');
    await waitSaved(page);
    // Double click on a save button: still one application.
    await page.locator('#initiative').getByRole('button', { name: 'Enregistrer et continuer' }).dblclick();
    // Focus moves once the save answers: wait for it rather than read it at once.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe('photos-title');
    const hash = new URL(page.url()).hash;
    expect(hash).toMatch(/^#dossier=[0-9a-f-]{36}&jeton=[\w-]+$/);
    expect(page.url()).not.toContain('?');
    expect(await page.evaluate(() => sessionStorage.getItem('avenir.candidature'))).toContain('"token"');
    await uploadPhotos(page, await colourJpegs());
    await signReleaseOnline(page);
    await page.locator('#missing-intro').filter({ hasText: 'Tout y est' }).waitFor();
    await expectAccessible(page, 'formulaire rempli');
    await page.getByRole('button', { name: 'J’envoie mon dossier' }).dblclick();
    await page.getByRole('heading', { name: 'Votre dossier est complet' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe('confirmation');
    expect(await page.locator('#confirmation-complete').textContent()).toContain('15 mars 2028');
    await expectAccessible(page, 'confirmation');
    expect(mock.stats.creates - creates).toBe(1);
    expect(mock.stats.submits).toBe(1);
    const app = mock.apps.get(hash.match(/dossier=([^&]+)/)![1]!)!.view;
    expect(app).toMatchObject({ status: 'complete', missing: [] });
    expect(app.fields).toMatchObject({
      company: {
        name: 'Atelier du Bocage',
        postalCode: '75011',
        city: 'Paris',
        region: 'Île-de-France',
        department: 'Paris',
      },
      contact: { email: 'ines.durand@example.org', phone: '06 12 34 56 78' },
      initiative: {
        axis: 'mobilisation-cooperations',
        twitter: 'https://x.com/AtelierBocage',
        website: 'https://www.atelier-du-bocage.example.org',
      },
    });
    expect(app.photos.map((p) => [p.caption, p.credit])).toEqual(
      [1, 2, 3, 4].map((n) => [`Atelier, photo ${n}`, 'Inès Durand']),
    );

    // The private link reopens the file, filled in, on another device.
    const { page: again } = await open(`${mock.url}/candidater/${hash}`);
    await again.locator('#form-view').waitFor();
    expect(await again.locator('#initiative-name').inputValue()).toBe('Des vélos pour aller travailler');
    expect(await again.locator('#axis-mobilisation-cooperations').isChecked()).toBe(true);
    await again.locator('#photo-4 .photo-preview img').waitFor();
    expect(await again.locator('#release-done-text').textContent()).toMatch(/signée en ligne par Inès Durand/);
    await again.context().close();

    // « Déposer une autre initiative »: company and contact kept, a new application on the first change.
    await page.getByRole('button', { name: 'Déposer une autre initiative' }).click();
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.locator('#company-name').inputValue()).toBe('Atelier du Bocage');
    expect(await page.locator('#contact-email').inputValue()).toBe('ines.durand@example.org');
    expect(await page.locator('#initiative-name').inputValue()).toBe('');
    expect(await page.locator('#photo-1 .photo-preview').isHidden()).toBe(true);
    await page.locator('#initiative-name').fill('Une deuxième initiative');
    await page.locator('#initiative-name').blur();
    await waitSaved(page);
    expect(mock.stats.creates - creates).toBe(2);
    expect(new URL(page.url()).hash).not.toBe(hash);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('lists what is missing when sent incomplete, each item leading to its field', async () => {
    const { page } = await open(`${mock.url}/candidater/`);
    await page.locator('#form-view').waitFor();
    await page.locator('#contact-email').fill('quelquun@example.org');
    await page.locator('#contact-email').blur();
    await waitSaved(page);
    await page.getByRole('button', { name: 'J’envoie mon dossier' }).click();
    await page.getByRole('heading', { name: 'Votre dossier est incomplet' }).waitFor();
    const missing = page.locator('#confirmation-missing');
    expect(await missing.locator('li').count()).toBeGreaterThan(10);
    await missing.getByRole('link', { name: /Photo 2/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe('photo-2-file');
    expect(await page.locator('#form-view').isVisible()).toBe(true);
    await page.context().close();
  });
});

describe('sending while a photo is on its way', () => {
  it('waits for the photo’s check before sending, so the verdict covers it', async () => {
    const slow = await startMockApi({ staticDir: dir, processingMs: 2500 });
    try {
      const context = await browser.newContext({ ...PHONE });
      const page = await context.newPage();
      await page.goto(`${slow.url}/candidater/`);
      await page.locator('#form-view').waitFor();
      await page.locator('#contact-email').fill('attente@example.org');
      await page.locator('#contact-email').blur();
      await waitSaved(page);
      const [photo] = await colourJpegs(1);
      await page
        .locator('#photo-2-file')
        .setInputFiles({ name: 'atelier.jpg', mimeType: 'image/jpeg', buffer: photo! });
      await expect.poll(() => slow.stats.uploads).toBe(1);
      await page.getByRole('button', { name: 'J’envoie mon dossier' }).click();
      await expect
        .poll(() => page.locator('#send-status').textContent())
        .toMatch(/en cours d’envoi ou de vérification/);
      expect(slow.stats.submits).toBe(0);
      await page.getByRole('heading', { name: 'Votre dossier est incomplet' }).waitFor({ timeout: 15_000 });
      expect(slow.stats.submits).toBe(1);
      // The photo was checked before the file was sent: it is not among what is missing.
      const missing = await page.locator('#confirmation-missing li').allTextContents();
      expect(missing.some((item) => /Photo 2/.test(item))).toBe(false);
      expect(missing.some((item) => /Photo 1/.test(item))).toBe(true);
      await context.close();
    } finally {
      await slow.stop();
    }
  });
});

describe('issues found by the server', () => {
  it('are shown next to the field and in the section summary, like the form’s own', async () => {
    const { page } = await open(`${mock.url}/candidater/`);
    await page.locator('#form-view').waitFor();
    await page.locator('#contact-email').fill('doublon@example.org');
    await page.locator('#contact-email').blur();
    await waitSaved(page);
    await page.locator('#company-name').fill('Doublon');
    await page.locator('#company').getByRole('button', { name: 'Enregistrer et continuer' }).click();
    const summary = page.locator('#company-errors');
    await summary.waitFor();
    expect(await summary.locator('li').allTextContents()).toContain(
      'Nom de l’entreprise : un dossier porte déjà ce nom pour cette initiative.',
    );
    expect(await page.locator('#company-name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#company-name-error').textContent()).toContain('un dossier porte déjà ce nom');
    expect(await page.locator('#save-status').textContent()).toMatch(/^Non enregistré/);
    await page.context().close();
  });
});

describe('uploads that go wrong, and the paper release', () => {
  it('offers « Réessayer » after a lost connection, and accepts a scan of the signed release', async () => {
    const { page } = await open(`${mock.url}/candidater/`);
    await page.locator('#form-view').waitFor();
    await page.locator('#contact-email').fill('papier@example.org');
    await page.locator('#contact-email').blur();
    await waitSaved(page);
    const [photo] = await colourJpegs(1);
    await page.locator('#photo-2-file').setInputFiles({ name: 'coupure.jpg', mimeType: 'image/jpeg', buffer: photo! });
    const retry = page.locator('#photo-2 .photo-retry');
    await retry.waitFor({ timeout: 15_000 });
    expect(await page.locator('#photo-2-state').textContent()).toMatch(/interrompu.*réessayez/);
    await retry.click();
    await page.locator('#photo-2 .photo-preview img').waitFor({ timeout: 15_000 });
    expect(await retry.isHidden()).toBe(true);

    await page.getByLabel(/Sur papier/).check();
    const scan = page.locator('#release-scan');
    const count = scan.getByLabel('Nombre d’images indiqué sur la décharge');
    expect(await count.inputValue()).toBe('1'); // the photos accepted so far
    await count.fill('');
    await scan.getByRole('button', { name: 'Envoyer la décharge' }).click();
    await page.locator('#release-scan-errors').waitFor();
    expect(await page.locator('#release-scan-errors li').allTextContents()).toEqual([
      'Choisissez le fichier de la décharge signée.',
      'Indiquez le nombre d’images couvertes par la décharge (de 1 à 20).',
    ]);
    await expectAccessible(page, 'décharge papier, erreurs');
    await count.fill('4');
    await page.locator('#release-file').setInputFiles({
      name: 'decharge.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 décharge signée'),
    });
    expect(await page.locator('#release-file-name').textContent()).toBe(fr`Fichier choisi : decharge.pdf`);
    await scan.getByRole('button', { name: 'Envoyer la décharge' }).click();
    await page.locator('#release-done').waitFor({ timeout: 15_000 });
    expect(await page.locator('#release-done-text').textContent()).toBe('Décharge signée reçue, pour 4 images.');
    await page.context().close();
  });
});

describe('when no call is open', () => {
  for (const [campaign, heading] of [
    ['closed', 'L’appel à initiatives est clos'],
    ['none', 'Aucun appel à initiatives n’est ouvert en ce moment'],
  ] as const) {
    it(`says so plainly (${campaign})`, async () => {
      const closed = await startMockApi({ staticDir: dir, campaign });
      try {
        const { page } = await open(`${closed.url}/candidater/`);
        await page.getByRole('heading', { name: heading }).waitFor();
        if (campaign === 'closed')
          expect(await page.locator('#campaign-message-text').textContent()).toContain('29 février 2028 à 23 h 59');
        expect(await page.locator('#form-view').isHidden()).toBe(true);
        await expectAccessible(page, `appel ${campaign}`);
        await page.context().close();
      } finally {
        await closed.stop();
      }
    });
  }
});

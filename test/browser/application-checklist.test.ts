import path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildFrontend } from '../../frontend/build.ts';
import type { ApplicationView } from '../../functions/domain/views.ts';
import { colourJpegs, expectAccessible, fillFields, launchChromium, PHONE, waitSaved } from '../support/form-driver.ts';
import { localS3 } from '../support/local-clients.ts';
import { openTestCampaign } from '../support/seed.ts';

/**
 * The applicant's bearings in the form, against the local stack: the checklist at the top (the
 * server's completeness rule, run as they type), « Il manque : … » when the file is reopened, the
 * countdown to the deadline, several photos at once or dropped, files refused before anything is
 * sent, and « Annuler » after « Retirer la photo » (the DELETE waits for its window to close).
 */
const stack = inject('stack');
const front = stack.urls.front;
const s3 = localS3(stack);
const DESKTOP = { ...PHONE, viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false };
const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 740 } };
let browser: Browser;

beforeAll(async () => {
  await buildFrontend(path.resolve(import.meta.dirname, '../../dist/frontend'));
  await openTestCampaign(stack, { title: `Liste de contrôle ${Date.now().toString(36)}` });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

const text = (page: Page, selector: string) => page.locator(selector).textContent();
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id);
const credentials = (url: string) => {
  const hash = new URL(url).hash;
  return {
    id: decodeURIComponent(/dossier=([^&]+)/.exec(hash)![1]!),
    token: decodeURIComponent(/jeton=([^&]+)/.exec(hash)![1]!),
  };
};
/** The file as the API has it now. */
async function serverView(url: string): Promise<ApplicationView> {
  const { id, token } = credentials(url);
  const res = await fetch(`${front}/api/applications/${id}`, { headers: { 'x-application-token': token } });
  return (await res.json()) as ApplicationView;
}

interface DroppedFile {
  name: string;
  type: string;
  /** The bytes, base64; or only a size (zeros). */
  base64?: string;
  size?: number;
}
/** Files given to `selector` in the page: dropped on it, or chosen in it (a file input). */
async function give(page: Page, selector: string, files: DroppedFile[], how: 'drop' | 'choose'): Promise<void> {
  await page.evaluate(
    ({ selector, files, how }) => {
      const data = new DataTransfer();
      for (const f of files) {
        const bytes = f.base64 ? Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0)) : new Uint8Array(f.size!);
        data.items.add(new File([bytes], f.name, { type: f.type }));
      }
      const target = document.querySelector<HTMLInputElement>(selector)!;
      if (how === 'choose') {
        target.files = data.files;
        target.dispatchEvent(new Event('change', { bubbles: true }));
        return;
      }
      for (const type of ['dragover', 'drop'])
        target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    { selector, files, how },
  );
}
const accepted = (page: Page, n: number) =>
  expect.poll(() => text(page, `#photo-${n}-state`), { timeout: 60_000 }).toBe('Photo acceptée.');

describe('the checklist at the top of the form', () => {
  it('follows what the applicant types, and says « Il manque : … » when the file is reopened', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${front}/candidater`);
    await page.locator('#form-view').waitFor({ timeout: 15_000 });

    // A part not started is one line, as in the reminders; every photo and the release are due.
    expect(await text(page, '#step-company')).toBe(
      'L’entreprise\u00a0: nom, adresse, code postal, ville, région et département à renseigner.',
    );
    expect(await text(page, '#step-photos')).toMatch(/^à compléter\s: Photo 1, Photo 2, Photo 3, Photo 4$/);
    expect(await text(page, '#step-release')).toMatch(/^Décharge droit à l’image\u00a0: à signer/);
    expect(await page.locator('#checklist-missing').isHidden()).toBe(true);

    // As the applicant types (nothing saved yet: there is no email), the part says what is left.
    await page.locator('#company-name').fill('Atelier du Bocage');
    expect(await text(page, '#step-company')).toMatch(
      /^à compléter\s: Adresse, Code postal, Ville, Région, Département$/,
    );
    expect(await page.locator('#step-company').getAttribute('data-done')).toBeNull();
    // Each item leads to its field.
    await page.locator('#step-company').getByRole('link', { name: 'Code postal' }).click();
    await expect.poll(() => focused(page)).toBe('company-postalCode');

    await fillFields(page, `liste+${Date.now()}@example.org`);
    await waitSaved(page);
    for (const part of ['company', 'contact', 'initiative']) {
      await expect.poll(() => text(page, `#step-${part}`)).toBe('complet');
      expect(await page.locator(`#step-${part}`).getAttribute('data-done')).toBe('');
    }
    await expectAccessible(page, 'liste de contrôle, 1280 px');
    const link = page.url();
    await context.close();

    // The private link, on a 360 px phone: what is missing, each item a link to it.
    const phone = await browser.newContext(SMALL_PHONE);
    const again = await phone.newPage();
    again.on('pageerror', (e) => errors.push(e.message));
    await again.goto(link);
    const missing = again.locator('#checklist-missing');
    await missing.waitFor({ timeout: 15_000 });
    expect(await missing.textContent()).toMatch(
      /^Il manque\s: Photo 1, Photo 2, Photo 3, Photo 4, Décharge droit à l’image\.$/,
    );
    await expectAccessible(again, 'dossier repris, 360 px');
    expect(await again.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await missing.getByRole('link', { name: 'Photo 3' }).click();
    await expect.poll(() => focused(again)).toBe('photo-3-file');
    await missing.getByRole('link', { name: 'Décharge droit à l’image' }).click();
    await expect.poll(() => focused(again)).toBe('release-title');
    // The links keep the private link in the address bar.
    expect(again.url()).toBe(link);
    expect(errors).toEqual([]);
    await phone.close();
  });
});

describe('the countdown to the deadline', () => {
  it('says « Jusqu’au … », then « Plus que 3 jours », then « Dernier jour », in Paris days', async () => {
    const campaign = (await (await fetch(`${front}/api/campaign`)).json()) as { deadline: string };
    const deadline = Date.parse(campaign.deadline);
    const day = 86_400_000;
    const tenDaysBefore = new Date(deadline - 10 * day);
    const [dayOfMonth, month] = new Intl.DateTimeFormat('fr-FR', {
      day: 'numeric',
      month: 'long',
      timeZone: 'Europe/Paris',
    })
      .format(new Date(deadline))
      .split(' ');
    for (const [now, expected] of [
      [tenDaysBefore, `Jusqu’au ${dayOfMonth === '1' ? '1er' : dayOfMonth} ${month}`],
      [new Date(deadline - 2 * day), 'Plus que 3 jours'],
      [new Date(deadline - 60_000), 'Dernier jour'],
    ] as const) {
      const context = await browser.newContext(SMALL_PHONE);
      await context.clock.install({ time: now });
      const page = await context.newPage();
      await page.goto(`${front}/candidater`);
      await page.locator('#form-view').waitFor({ timeout: 15_000 });
      await expect.poll(() => text(page, '#countdown strong')).toBe(expected);
      expect(await page.locator('#countdown').isVisible()).toBe(true);
      await context.close();
    }
  });
});

describe('photos: several at once, dropped, checked before sending, removed with « Annuler »', () => {
  it(
    'fills the free slots, refuses what the API would before any request, and removes only once « Annuler » is gone',
    { timeout: 240_000 },
    async () => {
      const context = await browser.newContext(DESKTOP);
      // Time flows as usual; the test fires the « Annuler » window's timer at once (below).
      await context.clock.install();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const requests: string[] = [];
      page.on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
      await page.goto(`${front}/candidater`);
      await page.locator('#form-view').waitFor({ timeout: 15_000 });
      await page.locator('#contact-email').fill(`photos+${Date.now()}@example.org`);
      await page.locator('#contact-email').blur();
      await waitSaved(page);
      const { id } = credentials(page.url());
      const jpegs = (await colourJpegs(5, 1200, 900)).map((b) => b.toString('base64'));

      // Too large, or not a photo: said at once, in French, and nothing is sent.
      requests.length = 0;
      await give(
        page,
        '#photos-files',
        [
          { name: 'grande.jpg', type: 'image/jpeg', size: 21 * 1024 * 1024 },
          { name: 'anime.gif', type: 'image/gif', size: 1000 },
        ],
        'choose',
      );
      const refused = await text(page, '#photos-files-error');
      expect(refused).toContain('grande.jpg\u00a0: Photo\u00a0: 20 Mo au maximum.');
      expect(refused).toMatch(/anime\.gif\s: Photo\s: formats acceptés JPEG, PNG ou WebP/);
      await give(page, '#photo-4', [{ name: 'lourde.jpg', type: 'image/jpeg', size: 21 * 1024 * 1024 }], 'drop');
      expect(await text(page, '#photo-4-file-error')).toContain('Photo\u00a0: 20 Mo au maximum.');
      // A request sent now answers after any the page would have sent.
      await page.evaluate(() => fetch('/candidater/').then((r) => r.status));
      expect(requests.filter((r) => r.includes('/api/') || !r.startsWith('GET '))).toEqual([]);

      // Two photos chosen at once go to the first free slots, with the upload's progress.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { progress: string[] }).progress = seen;
        new MutationObserver(() => seen.push(document.getElementById('photo-1-state')!.textContent!)).observe(
          document.getElementById('photo-1-state')!,
          { childList: true, characterData: true, subtree: true },
        );
      });
      await page.locator('#photos-files').setInputFiles(
        jpegs.slice(0, 2).map((b, i) => ({
          name: `atelier-${i + 1}.jpg`,
          mimeType: 'image/jpeg',
          buffer: Buffer.from(b, 'base64'),
        })),
      );
      await accepted(page, 1);
      await accepted(page, 2);
      expect(await page.evaluate(() => (window as unknown as { progress: string[] }).progress)).toContainEqual(
        expect.stringMatching(/^Envoi en cours\s:\s\d+\s%$/),
      );
      expect(await page.locator('#photos-files-error').isHidden()).toBe(true);

      // Dropped on a slot, a photo goes there.
      await give(page, '#photo-4', [{ name: 'atelier-4.jpg', type: 'image/jpeg', base64: jpegs[3] }], 'drop');
      await accepted(page, 4);
      // Two more for one free slot: the first takes it, the other is said to be one too many.
      await give(
        page,
        '#photos-files',
        [
          { name: 'atelier-3.jpg', type: 'image/jpeg', base64: jpegs[2] },
          { name: 'atelier-5.jpg', type: 'image/jpeg', base64: jpegs[4] },
        ],
        'choose',
      );
      expect(await text(page, '#photos-files-error')).toMatch(/1 photo de trop\s: le dossier en demande 4\./);
      await accepted(page, 3);
      await expect.poll(() => text(page, '#step-photos')).toBe('complet');
      expect((await serverView(page.url())).photos.map((p) => p.slot).sort()).toEqual([1, 2, 3, 4]);

      // « Retirer la photo 2 », then « Annuler »: the photo is back, and the server was never asked.
      requests.length = 0;
      await page.getByRole('button', { name: 'Retirer la photo 2' }).click();
      const undo = page.getByRole('button', { name: 'Annuler le retrait de la photo 2' });
      await undo.waitFor();
      expect(await undo.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await page.locator('#photo-2 .photo-preview').isHidden()).toBe(true);
      expect(await text(page, '#photo-2-state')).toBe('Photo 2 retirée.');
      expect(await text(page, '#step-photos')).toMatch(/^à compléter\s: Photo 2$/);
      await expectAccessible(page, '« Annuler » proposé');
      await undo.click();
      await page.locator('#photo-2 .photo-preview img').waitFor();
      expect(await text(page, '#step-photos')).toBe('complet');
      expect(await page.getByRole('button', { name: 'Retirer la photo 2' }).isVisible()).toBe(true);
      await page.clock.runFor(15_000);
      await page.evaluate(() => fetch('/candidater/').then((r) => r.status));
      expect(requests.filter((r) => r.includes('/uploads') || !r.startsWith('GET '))).toEqual([]);
      expect((await serverView(page.url())).photos.some((p) => p.slot === 2)).toBe(true);

      // Removed again and left alone: once the window closes, the photo is really gone.
      await page.getByRole('button', { name: 'Retirer la photo 2' }).click();
      await undo.waitFor();
      const deleted = page.waitForResponse(
        (r) => r.request().method() === 'DELETE' && r.url().endsWith(`/api/applications/${id}/photos/2`),
      );
      await page.clock.runFor(10_000);
      expect((await deleted).status()).toBe(200);
      await expect.poll(() => undo.isHidden()).toBe(true);
      expect((await serverView(page.url())).photos.some((p) => p.slot === 2)).toBe(false);
      await expect
        .poll(
          async () =>
            (await s3.send(new ListObjectsV2Command({ Bucket: stack.env.MEDIA_BUCKET!, Prefix: `media/${id}/2/` })))
              .Contents ?? [],
        )
        .toEqual([]);
      expect(await text(page, '#step-photos')).toMatch(/^à compléter\s: Photo 2$/);

      // Leaving the page within the window: the DELETE goes at once (keepalive), not lost.
      const left = page.waitForResponse(
        (r) => r.request().method() === 'DELETE' && r.url().endsWith(`/api/applications/${id}/photos/3`),
      );
      await page.getByRole('button', { name: 'Retirer la photo 3' }).click();
      await page.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      });
      expect((await left).status()).toBe(200);
      expect((await serverView(page.url())).photos.map((p) => p.slot).sort()).toEqual([1, 4]);
      expect(errors).toEqual([]);
      await context.close();
    },
  );
});

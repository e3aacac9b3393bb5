import path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildFrontend } from '../../frontend/build.ts';
import { ApplicantClient } from '../support/api-client.ts';
import { colourJpegs, expectAccessible, launchChromium, PHONE, waitSaved } from '../support/form-driver.ts';
import { localDynamoDb, localS3 } from '../support/local-clients.ts';
import { openTestCampaign } from '../support/seed.ts';

/**
 * « Supprimer ce brouillon » in the form, on a 360 px phone against the local stack: asked in a
 * dialog (Échap cancels), then the file, its photo and its private link are gone, and the page says so.
 */
const stack = inject('stack');
const front = stack.urls.front;
const db = DynamoDBDocumentClient.from(localDynamoDb(stack));
const s3 = localS3(stack);
const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 740 } };
let browser: Browser;

const partition = async (id: string) =>
  (
    await db.send(
      new QueryCommand({
        TableName: stack.env.TABLE_NAME,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `APP#${id}` },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];
const objects = async (bucket: string, prefix: string) =>
  (await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? [];

beforeAll(async () => {
  await buildFrontend(path.resolve(import.meta.dirname, '../../dist/frontend'));
  await openTestCampaign(stack, { title: `Brouillons supprimés ${Date.now().toString(36)}` });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

describe('« Supprimer ce brouillon » in the form', () => {
  it(
    'asks in a dialog, then erases the draft, its photo and its private link, and says so',
    { timeout: 150_000 },
    async () => {
      const context = await browser.newContext(SMALL_PHONE);
      // Time flows as usual; the test can fire the page's pending timers at once (below).
      await context.clock.install();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${front}/candidater`);
      await page.locator('#form-view').waitFor({ timeout: 15_000 });
      // Nothing to delete before the file exists.
      expect(await page.locator('#delete-draft').isHidden()).toBe(true);

      const courriel = page.locator('#contact').getByLabel('Courriel');
      await courriel.fill(`brouillon+${Date.now()}@example.org`);
      await courriel.blur();
      await waitSaved(page);
      const link = page.url();
      const id = decodeURIComponent(/dossier=([^&]+)/.exec(link)![1]!);
      const [photo] = await colourJpegs(1, 1200, 900);
      await page
        .locator('#photo-1-file')
        .setInputFiles({ name: 'photo-1.jpg', mimeType: 'image/jpeg', buffer: photo! });
      await expect
        .poll(() => page.locator('#photo-1-state').textContent(), { timeout: 60_000 })
        .toBe('Photo acceptée.');
      expect(await objects(stack.env.MEDIA_BUCKET!, `media/${id}/`)).not.toEqual([]);

      const open = page.getByRole('button', { name: 'Supprimer ce brouillon' });
      const dialog = page.getByRole('dialog', { name: 'Supprimer ce brouillon ?' });
      await open.click();
      await dialog.waitFor();
      await expectAccessible(page, 'dialogue de suppression');
      // The dialog and both its buttons fit a 360 px screen.
      for (const box of [
        await dialog.boundingBox(),
        await dialog.getByRole('button', { name: 'Oui, supprimer le brouillon' }).boundingBox(),
        await dialog.getByRole('button', { name: 'Non, garder mon dossier' }).boundingBox(),
      ]) {
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(360);
      }
      // Échap cancels: the focus is back on the button, nothing is deleted.
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);
      expect((await partition(id)).length).toBeGreaterThan(0);

      const writes: string[] = [];
      page.on('request', (r) => r.method() !== 'GET' && writes.push(`${r.method()} ${new URL(r.url()).pathname}`));
      await open.click();
      await dialog.getByRole('button', { name: 'Oui, supprimer le brouillon' }).click();
      const done = page.getByRole('heading', { name: 'Votre brouillon est supprimé' });
      await done.waitFor({ timeout: 15_000 });
      expect(await page.locator('#draft-deleted').textContent()).toContain(
        'Le lien privé reçu par courriel ne fonctionne plus',
      );
      expect(await page.locator('#form-view').isHidden()).toBe(true);
      expect(new URL(page.url()).hash).toBe('');
      await expectAccessible(page, 'brouillon supprimé');
      // One request, and no save after it (it would have created a new file): every timer due in the
      // next 10 s fires now (the autosave waits 600 ms), then a request sent after them answers after
      // any request they sent.
      await page.clock.runFor(10_000);
      await page.evaluate(() => fetch('/candidater/').then((r) => r.status));
      expect(writes).toEqual([`DELETE /api/applications/${id}`]);

      expect(await partition(id)).toEqual([]);
      for (const prefix of ['photos', 'releases'])
        expect(await objects(stack.env.UPLOADS_BUCKET!, `${prefix}/${id}/`)).toEqual([]);
      expect(await objects(stack.env.MEDIA_BUCKET!, `media/${id}/`)).toEqual([]);

      // The private link of the email opens nothing any more.
      const again = await context.newPage();
      await again.goto(link);
      await again.getByRole('heading', { name: 'Impossible d’ouvrir ce dossier' }).waitFor({ timeout: 15_000 });
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it('offers nothing to delete once the file was sent', { timeout: 60_000 }, async () => {
    const applicant = new ApplicantClient(front);
    await applicant.create({ contact: { email: `envoye+${Date.now()}@example.org` } });
    expect((await applicant.call('POST', `/api/applications/${applicant.id}/submit`)).status).toBe(200);
    const context = await browser.newContext(SMALL_PHONE);
    const page = await context.newPage();
    await page.goto(`${front}/candidater/#dossier=${applicant.id}&jeton=${encodeURIComponent(applicant.token)}`);
    await expect.poll(() => page.locator('#save-status').textContent(), { timeout: 15_000 }).toMatch(/^Dossier repris/);
    expect(await page.locator('#delete-draft').isHidden()).toBe(true);
    // The API refuses it too: a sent file is the team's to erase.
    expect((await applicant.call('DELETE', `/api/applications/${applicant.id}`)).status).toBe(409);
    await context.close();
  });
});

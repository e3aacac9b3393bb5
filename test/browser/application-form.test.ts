import path from 'node:path';
import type { Browser } from 'playwright-core';
import { readmeScreen } from '../support/readme-screens.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildFrontend } from '../../frontend/build.ts';
import {
  colourJpegs,
  DESCRIPTION,
  expectAccessible,
  fillFields,
  launchChromium,
  PHONE,
  signReleaseOnline,
  uploadPhotos,
  waitSaved,
} from '../support/form-driver.ts';
import { openTestCampaign } from '../support/seed.ts';
import { readInbox } from '../support/inbox.ts';

/**
 * A newcomer on a phone, against the local stack (real handlers, DynamoDB, S3 uploads and the photo
 * Lambda, SES inbox): empty form → every field → 4 photos → online release → « J'envoie mon
 * dossier » → « Votre dossier est complet », and exactly one « complet » email with the private link.
 */
const stack = inject('stack');
const front = stack.urls.front;
let browser: Browser;

const inbox = () => readInbox(front);

beforeAll(async () => {
  // The stack serves dist/frontend: make sure it is this source's build.
  await buildFrontend(path.resolve(import.meta.dirname, '../../dist/frontend'));
  await openTestCampaign(stack);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

describe('applicant form on the local stack', () => {
  it(
    'takes a newcomer on a phone from an empty form to « Votre dossier est complet »',
    { timeout: 180_000 },
    async () => {
      const email = `ines.durand+${Date.now()}@example.org`;
      const context = await browser.newContext(PHONE);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

      await page.goto(`${front}/candidater`);
      await page.locator('#form-view').waitFor({ timeout: 15_000 });
      await expectAccessible(page, 'formulaire vide');

      await fillFields(page, email);
      await waitSaved(page);
      const hash = new URL(page.url()).hash;
      expect(hash).toMatch(/^#dossier=[^&]+&jeton=.+$/);
      const id = decodeURIComponent(/dossier=([^&]+)/.exec(hash)![1]!);

      await uploadPhotos(page, await colourJpegs(4, 1600, 1200));
      const signatory = `signataire+${Date.now()}@example.org`;
      await signReleaseOnline(page, 4, signatory);
      await page.locator('#missing-intro').filter({ hasText: 'Tout y est' }).waitFor({ timeout: 30_000 });
      await expectAccessible(page, 'formulaire rempli');
      await readmeScreen(page, 'formulaire');

      await page.getByRole('button', { name: 'J’envoie mon dossier' }).click();
      await page.getByRole('heading', { name: 'Votre dossier est complet' }).waitFor({ timeout: 30_000 });
      expect(errors).toEqual([]);

      // Exactly one « complet » email, to the contact, with the private link back to this file. The
      // heading shows the submission's answer, so the email is queued; the inbox answers once the mail
      // queue is drained: this one read is final (a late duplicate would be in it).
      const complete = (await inbox()).filter(
        (e) =>
          e.destination.to.some((to) => to.includes(email)) &&
          /complet/i.test(e.subject) &&
          !/incomplet/i.test(e.subject),
      );
      expect(complete).toHaveLength(1);
      const body = `${complete[0]!.body.text ?? ''}${complete[0]!.body.html ?? ''}`;
      expect(body).toContain(`/candidater/#dossier=${id}&jeton=`);
      // The person who signed, given by their own address, has the signed release too.
      const copies = (await inbox()).filter((e) => e.destination.to.some((to) => to.includes(signatory)));
      expect(copies).toHaveLength(1);
      expect(copies[0]!.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
      await context.close();

      // The link in the email reopens the file, filled in, on another device.
      const link = /https?:\/\/[^\s"<]+\/candidater\/#dossier=[^\s"<&]+&(?:amp;)?jeton=[\w-]+/
        .exec(body)![0]
        .replace('&amp;', '&');
      const other = await browser.newContext(PHONE);
      const again = await other.newPage();
      await again.goto(link);
      await again.locator('#form-view').waitFor({ timeout: 15_000 });
      await expect.poll(() => again.locator('#initiative-name').inputValue()).toBe('Des vélos pour aller travailler');
      await again.locator('#photo-4 .photo-preview img').waitFor();
      expect(await again.locator('#release-done-text').textContent()).toMatch(/signée en ligne/);
      await other.close();
    },
  );

  it(
    'keeps a description still too short: saved as typed, there again through the private link; says when a save fails',
    { timeout: 120_000 },
    async () => {
      const email = `lea.martin+${Date.now()}@example.org`;
      const context = await browser.newContext(PHONE);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${front}/candidater`);
      await page.locator('#form-view').waitFor({ timeout: 15_000 });
      const courriel = page.locator('#contact').getByLabel('Courriel');
      await courriel.fill(email);
      await courriel.blur();
      await waitSaved(page);
      const hash = new URL(page.url()).hash;
      expect(hash).toMatch(/^#dossier=[^&]+&jeton=.+$/);

      // About 300 characters: far from the 1000 the call asks, and saved all the same.
      const short = DESCRIPTION.slice(0, 300).trim();
      const description = page.locator('#initiative').getByLabel('Description de l’initiative');
      const patched = page.waitForResponse(
        (r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname.startsWith('/api/applications/'),
      );
      await description.fill(short);
      await description.blur();
      expect((await patched).status()).toBe(200);
      await expect
        .poll(() => page.locator('#save-status').textContent(), { timeout: 15_000 })
        .toMatch(/^Enregistré à \d{1,2} h \d{2}\.$/);
      // The final rule is a hint beside the field, not a reason to drop what was typed.
      expect(await page.locator('#initiative-description-error').textContent()).toContain('au moins 1000 caractères');
      await context.close();

      // The private link, on another device: the text is there.
      const other = await browser.newContext(PHONE);
      const again = await other.newPage();
      again.on('pageerror', (e) => errors.push(e.message));
      await again.goto(`${front}/candidater/${hash}`);
      await again.locator('#form-view').waitFor({ timeout: 15_000 });
      const reopened = again.locator('#initiative').getByLabel('Description de l’initiative');
      await expect.poll(() => reopened.inputValue(), { timeout: 15_000 }).toBe(short);

      // Offline, the save bar says the change is not saved (and offers to retry), never « Enregistré ».
      await other.setOffline(true);
      await reopened.fill(`${short} Et la suite.`);
      await reopened.blur();
      await expect
        .poll(() => again.locator('#save-status').textContent(), { timeout: 15_000 })
        .toMatch(/^Non enregistré\s: Connexion impossible/);
      expect(await again.locator('#save-retry').isVisible()).toBe(true);
      await other.setOffline(false);
      await again.locator('#save-retry').click();
      await expect
        .poll(() => again.locator('#save-status').textContent(), { timeout: 15_000 })
        .toMatch(/^Enregistré à \d{1,2} h \d{2}\.$/);
      expect(errors).toEqual([]);
      await other.close();
    },
  );
});

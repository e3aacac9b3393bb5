import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildFrontend } from '../../frontend/build.ts';
import { colourJpegs, expectAccessible, fillFields, launchChromium, PHONE, signReleaseOnline, uploadPhotos, waitSaved } from '../support/form-driver.ts';
import { openTestCampaign } from '../support/seed.ts';

/**
 * A newcomer on a phone, against the local stack (real handlers, DynamoDB, S3 uploads and the photo
 * Lambda, SES inbox): empty form → every field → 4 photos → online release → « J'envoie mon
 * dossier » → « Votre dossier est complet », and exactly one « complet » email with the private link.
 */
const stack = inject('stack');
const front = stack.urls.front;
let browser: Browser;

interface InboxEmail {
  subject: string;
  destination: { to: string[] };
  body: { html?: string; text?: string };
}
async function inbox(): Promise<InboxEmail[]> {
  const res = await fetch(`${front}/_local/inbox.json`);
  return ((await res.json()) as { emails: InboxEmail[] }).emails;
}

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
  it('takes a newcomer on a phone from an empty form to « Votre dossier est complet »', { timeout: 180_000 }, async () => {
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
    await signReleaseOnline(page, 4);
    await page.locator('#missing-intro').filter({ hasText: 'Tout y est' }).waitFor({ timeout: 30_000 });
    await expectAccessible(page, 'formulaire rempli');

    await page.getByRole('button', { name: "J'envoie mon dossier" }).click();
    await page.getByRole('heading', { name: 'Votre dossier est complet' }).waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);

    // Exactly one « complet » email, to the contact, with the private link back to this file.
    let complete: InboxEmail[] = [];
    await expect
      .poll(
        async () => {
          complete = (await inbox()).filter((e) => e.destination.to.some((to) => to.includes(email)) && /complet/i.test(e.subject) && !/incomplet/i.test(e.subject));
          return complete.length;
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    await new Promise((r) => setTimeout(r, 1500)); // no late duplicate
    expect(complete).toHaveLength(1);
    const body = `${complete[0]!.body.text ?? ''}${complete[0]!.body.html ?? ''}`;
    expect(body).toContain(`/candidater/#dossier=${id}&jeton=`);
    await context.close();

    // The link in the email reopens the file, filled in, on another device.
    const link = /https?:\/\/[^\s"<]+\/candidater\/#dossier=[^\s"<&]+&(?:amp;)?jeton=[\w-]+/.exec(body)![0].replace('&amp;', '&');
    const other = await browser.newContext(PHONE);
    const again = await other.newPage();
    await again.goto(link);
    await again.locator('#form-view').waitFor({ timeout: 15_000 });
    await expect.poll(() => again.locator('#initiative-name').inputValue()).toBe('Des vélos pour aller travailler');
    await again.locator('#photo-4 .photo-preview img').waitFor();
    expect(await again.locator('#release-done-text').textContent()).toMatch(/signée en ligne/);
    await other.close();
  });
});

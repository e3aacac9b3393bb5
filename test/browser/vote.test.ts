import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildFrontend } from '../../frontend/build.ts';
import { slugify } from '../../functions/domain/article.ts';
import { publishCampaign } from '../../functions/publish/index.ts';
import { DESK, expectAccessible, launchChromium, PHONE } from '../support/form-driver.ts';
import { showCampaign } from '../support/console-driver.ts';
import { localPublishContext } from '../support/local-publish.ts';
import { inbox, seedVotingCampaign, tokenOf, tokensFor, type VotingCampaign } from '../support/vote-seed.ts';
import { fr } from '../../functions/domain/french.ts';
import type { Campaign } from '../../functions/domain/campaign.ts';
import { votingClosesAt } from '../../functions/domain/votes.ts';

/**
 * A visitor on a phone, against the local stack: the initiative page as the publication renders it
 * into the site bucket (with the site's CSP), « Je vote » with an email, the link from the local
 * inbox, the confirmation page, the count that moved, and a second vote refused.
 */
const stack = inject('stack');
const front = stack.urls.front;
const run = Date.now().toString(36);
let browser: Browser;
let campaign: VotingCampaign;
let pagePath: string;

beforeAll(async () => {
  // The stack serves dist/frontend (the widget and the confirmation page): this source's build.
  await buildFrontend(path.resolve(import.meta.dirname, '../../dist/frontend'));
  campaign = await seedVotingCampaign(stack, {
    count: 3,
    voting: { maxPerEmail: 3, showCounts: true },
    label: `navigateur ${run}`,
  });
  await publishCampaign(localPublishContext(), campaign.id, 'launched');
  pagePath = `/initiatives/${slugify(campaign.initiatives[0]!.title)}/`;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

const collectErrors = (page: Page) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Refusals are 4xx answers that the page shows: Chromium logs them, they are not errors of the page.
  page.on(
    'console',
    (m) =>
      m.type() === 'error' &&
      !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()) &&
      errors.push(m.text()),
  );
  return errors;
};

const countText = (page: Page) => page.locator('#vote .vote-count').textContent();
const voteResponse = (page: Page) =>
  page.waitForResponse((r) => new URL(r.url()).pathname === '/api/votes' && r.request().method() === 'POST');

describe('public vote in a browser', () => {
  it(
    'invites to vote from the home (banner with a countdown) and from each card; on a phone « Voter » is at hand; the page shares itself',
    { timeout: 90_000 },
    async () => {
      const context = await browser.newContext({ ...PHONE, permissions: ['clipboard-read', 'clipboard-write'] });
      const page = await context.newPage();
      const errors = collectErrors(page);
      // The campaign closes in 30 days: the script counts the days left, today included (a part of a
      // day counts), at the page's load: 30, or 31 when it loads within a second of the seeding.
      const daysLeft = () =>
        Math.ceil(
          (votingClosesAt({ dates: { votingClose: campaign.votingClose } } as Campaign).getTime() - Date.now()) /
            86_400_000,
        );
      const expected = [daysLeft()];
      await page.goto(`${front}/`);
      const banner = page.locator('.vote-banner');
      expect(await banner.locator('strong').textContent()).toBe('Le vote du public est ouvert');
      await banner.locator('[data-closes]:not(:empty)').waitFor();
      expected.push(daysLeft());
      expect(expected.map((n) => `Plus que ${n} jours\u00a0!`)).toContain(
        await banner.locator('[data-closes]').textContent(),
      );
      await expectAccessible(page, 'accueil pendant le vote');
      const title = campaign.initiatives[0]!.title;
      await page.getByRole('link', { name: `Voter pour « ${title} »` }).click();
      await page.waitForURL(`${front}${pagePath}#vote`);

      // At the top of the page, before the article: the vote is one tap away, and stays in view (sticky).
      await page.goto(`${front}${pagePath}`);
      const jump = page.getByRole('link', { name: 'Voter pour cette initiative' });
      expect(await jump.isVisible()).toBe(true);
      await page.mouse.wheel(0, 1200);
      await expect
        .poll(() => jump.evaluate((el) => el.getBoundingClientRect().bottom <= window.innerHeight))
        .toBe(true);
      await jump.click();
      await page.locator('#vote form').waitFor({ state: 'visible', timeout: 15_000 });

      // Sharing: plain links, and « Copier le lien » once the script runs.
      await page.getByRole('button', { name: 'Copier le lien' }).click();
      await expect.poll(() => page.locator('#partage-statut').textContent()).toMatch(/^Lien copié/);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${front}${pagePath}`);
      expect(await page.getByRole('link', { name: 'Sur LinkedIn' }).getAttribute('href')).toBe(
        `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(`${front}${pagePath}`)}`,
      );
      await expectAccessible(page, 'initiative : partage');
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it(
    'votes on an initiative page, confirms from the inbox, sees the count move, and is refused a second vote',
    { timeout: 120_000 },
    async () => {
      const email = `camille.${run}@example.org`;
      const context = await browser.newContext(PHONE);
      const page = await context.newPage();
      const errors = collectErrors(page);

      const response = await page.goto(`${front}${pagePath}`);
      expect(response!.status()).toBe(200);
      expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
      const form = page.locator('#vote form');
      await form.waitFor({ state: 'visible', timeout: 15_000 });
      await expect.poll(() => countText(page)).toBe('0 vote pour cette initiative');
      await expectAccessible(page, 'page d’initiative avec le vote');

      // Empty: the field says what to do, and keeps the focus.
      await page.getByRole('button', { name: 'Je vote' }).click();
      await expect.poll(() => page.locator('#vote-email-error').textContent()).toMatch(/indiquez votre adresse/);
      expect(await page.locator('#vote-email').getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe('vote-email');

      // Two requests before confirming: two links for one address and one initiative.
      const input = page.getByLabel('Votre adresse e-mail');
      expect(await input.getAttribute('autocomplete')).toBe('email');
      for (let i = 0; i < 2; i++) {
        await input.fill(email);
        const [answer] = await Promise.all([voteResponse(page), page.getByRole('button', { name: 'Je vote' }).click()]);
        expect(answer.status()).toBe(202);
        await expect
          .poll(() => page.locator('#vote [role="status"]').textContent(), { timeout: 10_000 })
          .toMatch(/^Vérifiez votre boîte mail/);
        expect(await input.inputValue()).toBe('');
      }
      const [first, second] = await tokensFor(front, email);
      expect(first && second).toBeTruthy();

      // The link of the email opens the confirmation page, which confirms and says so.
      await page.goto(`${front}/voter/confirmation/#jeton=${first}`);
      await page.locator('.notice--success').waitFor({ timeout: 15_000 });
      const success = await page.locator('#resultat').textContent();
      expect(success).toContain(
        fr`Merci\u202f! Votre vote pour «\u00a0${campaign.initiatives[0]!.title}\u00a0» est enregistré.`,
      );
      expect(success).toContain('Cette initiative compte maintenant 1 vote.');
      expect(success).toContain('Vous pouvez encore voter pour 2 autres initiatives');
      expect(new URL(page.url()).hash).toBe(''); // the token leaves the address bar and history
      await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe('message');
      expect(await page.title()).toMatch(/^Vote enregistré – /);
      // After voting, the same share links as the initiative's page.
      expect(await page.getByRole('link', { name: 'Sur Facebook' }).getAttribute('href')).toBe(
        `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(`${front}${pagePath}`)}`,
      );
      expect(await page.getByRole('link', { name: 'Par courriel' }).getAttribute('href')).toMatch(/^mailto:\?subject=/);
      await expectAccessible(page, 'confirmation réussie');

      // Back to the initiative: the count moved.
      await page.getByRole('link', { name: /Revenir à l’initiative/ }).click();
      await page.waitForURL(`${front}${pagePath}`);
      await expect.poll(() => countText(page), { timeout: 10_000 }).toBe('1 vote pour cette initiative');

      // The second link: refused, clearly.
      await page.goto(`${front}/voter/confirmation/#jeton=${second}`);
      await page.locator('.notice--error').waitFor({ timeout: 15_000 });
      expect(await page.locator('#resultat').textContent()).toContain(
        'Vous avez déjà voté pour cette initiative avec cette adresse',
      );
      expect(await page.title()).toMatch(/^Vote non enregistré – /);
      await expectAccessible(page, 'confirmation refusée');

      // Asking once more: the site answers as always, the mailbox says the vote is already counted (no link).
      await page.goto(`${front}${pagePath}`);
      await form.waitFor({ state: 'visible', timeout: 15_000 });
      await page.getByLabel('Votre adresse e-mail').fill(email);
      await page.getByRole('button', { name: 'Je vote' }).click();
      await expect
        .poll(() => page.locator('#vote [role="status"]').textContent(), { timeout: 10_000 })
        .toMatch(/^Vérifiez votre boîte mail/);
      const last = (await inbox(front, email)).at(-1)!;
      expect(last.subject).toMatch(/est déjà enregistré$/);
      expect(tokenOf(last)).toBeUndefined();
      await expect.poll(() => countText(page)).toBe('1 vote pour cette initiative');

      // The replayed first link: refused too.
      await page.goto(`${front}/voter/confirmation/#jeton=${first}`);
      await page.locator('.notice--error').waitFor({ timeout: 15_000 });
      expect(await page.locator('#resultat').textContent()).toMatch(/déjà servi/);

      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it(
    'shows refusals of the API in the live region (disposable address) and says plainly that voting needs JavaScript',
    { timeout: 60_000 },
    async () => {
      const context = await browser.newContext(PHONE);
      const page = await context.newPage();
      const errors = collectErrors(page);
      await page.goto(`${front}${pagePath}`);
      await page.locator('#vote form').waitFor({ state: 'visible', timeout: 15_000 });
      await page.getByLabel('Votre adresse e-mail').fill(`quelqu.un.${run}@yopmail.com`);
      await page.getByRole('button', { name: 'Je vote' }).click();
      await expect
        .poll(() => page.locator('#vote-email-error').textContent(), { timeout: 10_000 })
        .toMatch(/adresses jetables/);
      await expectAccessible(page, 'erreur sur l’adresse');
      expect(errors).toEqual([]);
      await context.close();

      const noJs = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
      const plain = await noJs.newPage();
      await plain.goto(`${front}${pagePath}`);
      expect(await plain.locator('#vote').textContent()).toContain('Le vote nécessite JavaScript');
      await plain.goto(`${front}/voter/confirmation/#jeton=abc`);
      expect(await plain.locator('main').textContent()).toContain('La confirmation du vote nécessite JavaScript');
      await noJs.close();
    },
  );

  it(
    'shows the votes in the console: counts, leader of the axis, no anomaly, accessible',
    { timeout: 90_000 },
    async () => {
      const context = await browser.newContext(DESK);
      const page = await context.newPage();
      const errors = collectErrors(page);
      await page.goto(`${front}/admin/`);
      await page.getByLabel('Adresse électronique').fill(stack.admin.email);
      await page.getByLabel('Mot de passe').fill(stack.admin.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor({ timeout: 15_000 });
      await page.getByRole('link', { name: 'Votes', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Votes du public' }).waitFor({ timeout: 15_000 });
      await showCampaign(page, campaign.id);
      const [first] = campaign.initiatives;
      await page.getByText(`${first!.title} (en tête)`).waitFor({ timeout: 15_000 });
      expect(await page.locator('.figure-value').first().textContent()).toBe('1');
      expect(await page.getByRole('region', { name: 'Votes par axe' }).textContent()).toContain(
        `${first!.title} (1 vote)`,
      );
      expect(await page.getByText('Aucune rafale par connexion.').count()).toBe(1);
      await expectAccessible(page, 'console, votes');
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it('has no axe violation on the confirmation page with an incomplete link', { timeout: 60_000 }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${front}/voter/confirmation/`);
    await page.locator('.notice--error').waitFor({ timeout: 15_000 });
    expect(await page.locator('#resultat').textContent()).toContain('Ce lien de confirmation est incomplet');
    await expectAccessible(page, 'confirmation sans jeton');
    await context.close();
  });
});

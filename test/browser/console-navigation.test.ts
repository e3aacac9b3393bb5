import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { consoleSession } from '../support/console-driver.ts';
import { openTestCampaign } from '../support/seed.ts';

/** The console's hash routes when the admin moves on before a screen has loaded. */
const stack = inject('stack');
const run = Date.now().toString(36);
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  await openTestCampaign(stack, { title: `Navigation dans la console ${run}` });
  ({ browser, page, errors } = await consoleSession(stack));
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

/** The list's API request, held back by the test. */
const LIST_REQUEST = /\/api\/admin\/applications\?/;

/** Whether each screen in `<main>` is inert. */
const screensInert = () =>
  page.locator('main > *').evaluateAll((screens) => screens.map((s) => (s as HTMLElement).inert));

/** The loading bar: `<main>`'s ::before while a screen is on its way. */
const loadingBar = () =>
  page.evaluate(() => {
    const style = getComputedStyle(document.querySelector('main')!, '::before');
    return { content: style.content, position: style.position, visibility: style.visibility };
  });

describe('console navigation', () => {
  it('shows a bar while a screen loads, the screen left inert; keeps the screen asked for last when the one left before answers after it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(LIST_REQUEST, async (route) => {
      await held;
      await route.continue();
    });
    const listAsked = page.waitForRequest(LIST_REQUEST);
    await page.getByRole('link', { name: 'Dossiers', exact: true }).click();
    await listAsked;
    // The dashboard left stays in sight but takes no click while the list loads.
    expect(await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).isVisible()).toBe(true);
    expect(await screensInert()).toEqual([true]);
    await expect
      .poll(loadingBar, { timeout: 5_000 })
      .toEqual({ content: '""', position: 'fixed', visibility: 'visible' });
    expect(await page.locator('main').getAttribute('aria-busy')).toBe('true');
    await page.getByRole('link', { name: 'Journal', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal des actions' }).waitFor({ timeout: 15_000 });

    // The list answers now; its last request (the campaigns of its picker) marks the end of its rendering.
    const pickerAsked = page.waitForRequest(/\/api\/admin\/campaigns$/);
    release();
    await (await (await pickerAsked).response())!.finished();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

    expect(await page.locator('main h1').allTextContents()).toEqual(['Journal des actions']);
    expect(new URL(page.url()).hash).toBe('#/journal');
    expect(await page.locator('main').getAttribute('aria-busy')).toBeNull();
    expect((await loadingBar()).content).toBe('none');
    expect(await screensInert()).toEqual([false]);
    expect(errors).toEqual([]);
    await page.unroute(LIST_REQUEST);
  });
});

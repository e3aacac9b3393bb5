import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { buildAdmin } from '../../frontend/admin/build.ts';
import { DESK, launchChromium } from './form-driver.ts';
import type { ProvidedStack } from './local-stack-setup.ts';

/** Signs the stack's admin into the console and waits for its first screen, the dashboard. */
export async function openConsole(page: Page, stack: ProvidedStack): Promise<void> {
  await page.goto(`${stack.urls.front}/admin/`);
  await page.getByLabel('Adresse électronique').fill(stack.admin.email);
  await page.getByLabel('Mot de passe').fill(stack.admin.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor({ timeout: 15_000 });
}

/**
 * A test file's console: the app built, a desk browser signed in on the dashboard, and the page's
 * script errors collected (a test ends by expecting none).
 */
export async function consoleSession(
  stack: ProvidedStack,
  options: BrowserContextOptions = {},
): Promise<{ browser: Browser; page: Page; errors: string[] }> {
  await buildAdmin(path.resolve(import.meta.dirname, '../../dist/frontend'));
  const browser = await launchChromium();
  const page = await (await browser.newContext({ ...DESK, ...options })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await openConsole(page, stack);
  return { browser, page, errors };
}

/**
 * Shows this campaign on the current screen when others exist (the picker appears from two
 * campaigns on), and returns once the screen has been rendered again for it: until then the page
 * still shows the previous campaign, and a click on it would land on controls about to be replaced.
 */
export async function showCampaign(page: Page, campaignId: string): Promise<void> {
  const picker = page.getByLabel('Campagne affichée');
  if (!(await picker.count())) return;
  const previous = await picker.elementHandle();
  await picker.selectOption(campaignId);
  await page.getByRole('button', { name: 'Afficher' }).click();
  await previous!.waitForElementState('hidden');
  await page.locator('main:not([aria-busy])').getByLabel('Campagne affichée').waitFor();
  const shown = await picker.inputValue();
  if (shown !== campaignId) throw new Error(`the console shows campaign ${shown}, not ${campaignId}`);
}

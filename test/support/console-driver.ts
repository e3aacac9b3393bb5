import type { Page } from 'playwright-core';
import type { ProvidedStack } from './local-stack-setup.ts';

/** Signs the stack's admin into the console and waits for its first screen, the dashboard. */
export async function openConsole(page: Page, stack: ProvidedStack): Promise<void> {
  await page.goto(`${stack.urls.front}/admin/`);
  await page.getByLabel('Adresse électronique').fill(stack.admin.email);
  await page.getByLabel('Mot de passe').fill(stack.admin.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor({ timeout: 15_000 });
}

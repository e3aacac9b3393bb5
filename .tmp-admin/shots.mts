import { readFileSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
const s = JSON.parse(readFileSync('/tmp/dev-stack.json', 'utf8'));
const routes = (process.argv[2] ?? '#/tableau-de-bord').split(',');
const widths = (process.argv[3] ?? '1280,390').split(',').map(Number);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
for (const width of widths) {
  const page: Page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.goto(`${s.urls.front}/admin/`);
  await page.getByLabel('Adresse électronique').fill(s.admin.email);
  await page.getByLabel('Mot de passe').fill(s.admin.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForTimeout(1500);
  for (const route of routes) {
    if (route.startsWith('click:')) await page.getByRole('link', { name: route.slice(6) }).first().click();
    else await page.goto(`${s.urls.front}/admin/${route}`);
    await page.waitForTimeout(1500);
    const name = route.replace(/[^a-z0-9]+/gi, '_');
    await page.screenshot({ path: `/tmp/shot-${name}-${width}.png`, fullPage: true });
    console.log(`/tmp/shot-${name}-${width}.png`);
  }
  await page.close();
}
await browser.close();

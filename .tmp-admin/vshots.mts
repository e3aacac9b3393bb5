import { chromium } from 'playwright-core';
const url = process.argv[2]!;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
for (const width of [390, 1280]) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'fr-FR' });
  page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
  await page.goto(url);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/val-${width}.png`, fullPage: true });
  if (process.argv[3]) {
    await page.getByRole('button', { name: process.argv[3] }).click();
    await page.waitForTimeout(800);
    await page.screenshot({ path: `/tmp/val-${width}-after.png`, fullPage: true });
  }
  await page.close();
}
await browser.close();

import { renderSite } from './functions/domain/site/index.ts';
import { fixtureMedia, fixtureSite } from './test/support/site-fixtures.ts';
import { serveSite } from './test/support/site-server.ts';
import { launchChromium } from './test/support/form-driver.ts';
const input = fixtureSite({ siteUrl: 'http://127.0.0.1' });
const files = renderSite(input);
const media = await fixtureMedia(input.initiatives);
const server = await serveSite(files, media, { frontendDir: '/work/main/dist/frontend' });
const browser = await launchChromium();
const pages = (process.argv[2] ?? '/,/initiatives/un-atelier-velo-pour-reprendre-la-route-de-l-emploi/').split(',');
const errors: string[] = [];
for (const width of [390, 1280]) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  for (const p of pages) {
    await page.goto(server.url + p, { waitUntil: 'networkidle' });
    const name = p.replace(/\W+/g, '_') || 'home';
    await page.screenshot({ path: `/tmp/shot-${width}${name}.png`, fullPage: true });
  }
  await ctx.close();
}
console.log([...files.keys()].join('\n'));
console.log('errors', errors);
await browser.close();
await server.close();

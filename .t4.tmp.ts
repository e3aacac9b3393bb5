import { AxeBuilder } from '@axe-core/playwright';
import { renderSite } from './functions/domain/site/index.ts';
import { fixtureMedia, fixtureSite } from './test/support/site-fixtures.ts';
import { serveSite } from './test/support/site-server.ts';
import { launchChromium } from './test/support/form-driver.ts';
const input = fixtureSite({ siteUrl: 'http://127.0.0.1' });
const files = renderSite(input);
const server = await serveSite(files, await fixtureMedia(input.initiatives));
const browser = await launchChromium();
const ctx = await browser.newContext();
const page = await ctx.newPage();
for (const p of [...files.keys()].filter((k) => k.endsWith('.html'))) {
  await page.goto(server.url + p.replace(/index\.html$/, ''));
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  for (const v of r.violations) console.log(p, v.id, v.impact, v.help, v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | '));
}
await browser.close(); await server.close();

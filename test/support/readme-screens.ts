import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIR = 'docs/screens';

/**
 * A picture the README shows, made by the test that drives that screen (so the README's pictures
 * are of the product as it is, remade by every run; commit them when they change). The README must
 * show it.
 */
export async function readmeScreen(page: Page, name: string): Promise<void> {
  const relative = `${DIR}/${name}.png`;
  const file = path.join(ROOT, relative);
  await mkdir(path.dirname(file), { recursive: true });
  // The top of the screen, as a visitor lands on it (a click may have scrolled it).
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, animations: 'disabled' });
  expect((await stat(file)).size, relative).toBeGreaterThan(10_000);
  expect(await readFile(path.join(ROOT, 'README.md'), 'utf8'), `README shows ${relative}`).toContain(`](${relative})`);
}

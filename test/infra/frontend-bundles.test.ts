import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { frontendFiles } from '../../functions/publish/frontend-files.ts';

/**
 * What the browser apps weigh, as built by `npm run build` (run by `npm test` first): the scripts a
 * page loads, gzipped. Sizes are deterministic for a given source, so a budget is an honest test;
 * what breaks it is usually a server module (classic zod, a library) pulled into a bundle.
 */

const dist = path.resolve(import.meta.dirname, '../../dist/frontend');
const KB = 1024;

/** The gzipped bytes of every script `/<app>/index.html` loads. */
async function pageScriptsGzipped(app: string): Promise<number> {
  const html = await readFile(path.join(dist, app, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="\/([^"]+)"/g)].map((m) => m[1]!);
  expect(scripts.length, `${app}: no script in its page`).toBeGreaterThan(0);
  let total = 0;
  for (const script of scripts) total += gzipSync(await readFile(path.join(dist, script))).length;
  return total;
}

describe('browser bundles', () => {
  it('the application form loads at most 20 KB of gzipped script', async () => {
    expect(await pageScriptsGzipped('candidater')).toBeLessThanOrEqual(20 * KB);
  });

  it('the console loads at most 40 KB of gzipped script', async () => {
    expect(await pageScriptsGzipped('admin')).toBeLessThanOrEqual(40 * KB);
  });

  it('every file of the built apps is published with its content type (mime/lite knows them all)', async () => {
    const files = await frontendFiles(dist);
    expect(files.size).toBeGreaterThan(0);
    const untyped = [...files].filter(([, file]) => file.contentType.startsWith('application/octet-stream'));
    expect(untyped.map(([urlPath]) => urlPath)).toEqual([]);
  });
});

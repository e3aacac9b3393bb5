import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ASSETS_PREFIX, renderSite } from '../../functions/domain/site/index.ts';
import { buildPage } from '../shared/build-page.ts';

/**
 * The console (`/admin/`) and the enterprises' validation page (`/validation/`): one page each, its
 * script and its stylesheet (the shared one plus its own, bundled) with content hashes in their
 * names. Called by frontend/build.ts; each build replaces only its own folder of `outDir`.
 */
/**
 * The public site's own assets (stylesheet, icon), for the console's preview of an initiative page:
 * the same content-hashed files the publication writes under /assets/, shipped under /admin/site-assets/
 * so the preview is styled before the site is first published.
 */
async function writeSiteAssets(outDir: string): Promise<void> {
  const dir = path.join(outDir, 'admin', 'site-assets');
  await mkdir(dir, { recursive: true });
  const site = renderSite({
    campaign: null,
    initiatives: [],
    siteUrl: 'https://example.org',
    now: new Date(),
    phase: 'holding',
  });
  for (const [file, { body }] of site) {
    if (file.startsWith(ASSETS_PREFIX)) await writeFile(path.join(dir, file.slice(ASSETS_PREFIX.length)), body);
  }
}

export async function buildAdmin(outDir: string): Promise<{ scriptBytes: number }> {
  const built = await buildPage(outDir, 'admin', {
    script: 'admin/main.ts',
    styles: 'admin/admin.css',
    page: 'admin/index.html',
    head: { title: 'Console' },
  });
  await writeSiteAssets(outDir);
  return built;
}

export const buildValidation = (outDir: string) =>
  buildPage(outDir, 'validation', {
    script: 'validation/main.ts',
    styles: 'validation/validation.css',
    page: 'validation/index.html',
    head: { title: 'Relecture de votre article' },
  });

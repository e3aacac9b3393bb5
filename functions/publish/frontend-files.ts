import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The standard (IANA) types only: the built apps are html, js, css, map and svg files.
import mime from 'mime/lite';
import { CACHE_CONTROL, type RenderedSite } from '../domain/site/index.ts';
import { log } from '../shared/log.ts';

/**
 * The built browser apps (form, console, validation and vote pages). The publication writes them
 * with the pages it renders, so one manifest covers the whole site bucket and a deployment needs no
 * extra deploy-time machinery.
 *
 * Where they are: `npm run build` copies dist/frontend beside the publish bundle
 * (dist/functions/publish/frontend), and that bundle is what runs on Lambda and in the local stack.
 * Imported from the TypeScript sources (tests), this module has no bundle beside it: the same
 * build's dist/frontend is the equivalent.
 */
export function frontendDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return import.meta.url.endsWith('.ts') ? path.resolve(here, '../../dist/frontend') : path.join(here, 'frontend');
}

/** esbuild names bundles `name-HASH.ext`: those can be cached for a year. */
const HASHED = /-[A-Z0-9]{8}\.(js|css)(\.map)?$|[.-][0-9a-f]{10}\.\w+$/;

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** The files under `dir` keyed by URL path; empty when the folder is absent (the publication then refuses). */
export async function frontendFiles(dir: string): Promise<RenderedSite> {
  const files: RenderedSite = new Map();
  const found = await listFiles(dir).catch(() => undefined);
  if (!found) {
    log.warn('no built frontend', { dir });
    return files;
  }
  for (const file of found) {
    const urlPath = `/${path.relative(dir, file).split(path.sep).join('/')}`;
    const type = mime.getType(file) ?? 'application/octet-stream';
    files.set(urlPath, {
      body: await readFile(file),
      contentType:
        type.startsWith('text/') || type === 'application/javascript' || type === 'application/json'
          ? `${type}; charset=utf-8`
          : type,
      cacheControl: HASHED.test(urlPath) ? CACHE_CONTROL.immutable : CACHE_CONTROL.page,
    });
  }
  return files;
}

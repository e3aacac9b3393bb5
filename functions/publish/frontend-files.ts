import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mime from 'mime';
import { CACHE_CONTROL, type RenderedSite } from '../domain/site/index.ts';
import { log } from '../shared/log.ts';

/**
 * The built browser apps (form, console, validation and vote pages) that `npm run build` copies
 * beside the publish bundle. The publication writes them with the pages it renders, so one
 * manifest covers the whole site bucket and a deployment needs no extra deploy-time machinery.
 * Run from source (the local stack), the folder is absent: the local front serves dist/frontend itself.
 */
const FRONTEND_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'frontend');
/** esbuild names bundles `name-HASH.ext`: those can be cached for a year. */
const HASHED = /-[A-Z0-9]{8}\.(js|css)(\.map)?$|[.-][0-9a-f]{10}\.\w+$/;

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

export async function frontendFiles(): Promise<RenderedSite> {
  const files: RenderedSite = new Map();
  const found = await listFiles(FRONTEND_DIR).catch(() => undefined);
  if (!found) {
    log.info('no built frontend beside the bundle', { dir: FRONTEND_DIR });
    return files;
  }
  for (const file of found) {
    const urlPath = `/${path.relative(FRONTEND_DIR, file).split(path.sep).join('/')}`;
    const type = mime.getType(file) ?? 'application/octet-stream';
    files.set(urlPath, {
      body: await readFile(file),
      contentType: type.startsWith('text/') || type === 'application/javascript' || type === 'application/json' ? `${type}; charset=utf-8` : type,
      cacheControl: HASHED.test(urlPath) ? CACHE_CONTROL.immutable : CACHE_CONTROL.page,
    });
  }
  return files;
}

import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { RenderedSite } from '../../functions/domain/site/index.ts';

/**
 * Serves a rendered site (and photo variants under /media/) from memory, the way CloudFront serves
 * the buckets: `/x/` reads `x/index.html`, a missing path gets /404.html with status 404, text is
 * gzipped when the browser asks (CloudFront's `compress`), and every response carries the site's
 * CSP (so an inline script or style would show up as a console error).
 * For the bench and for looking at pages; the browser tests use the local stack instead.
 */
export const SITE_CSP =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** A file of the frontend build (the form, the vote widget), confined to its directory, as the local front serves it. */
function buildFile(dir: string | undefined, key: string) {
  if (!dir) return undefined;
  const file = path.resolve(dir, `.${key}`);
  if (!file.startsWith(path.resolve(dir) + path.sep) || !statSync(file, { throwIfNoEntry: false })?.isFile())
    return undefined;
  return {
    body: readFileSync(file),
    contentType: TYPES[path.extname(file)] ?? 'application/octet-stream',
    cacheControl: 'no-cache',
  };
}

export async function serveSite(
  site: RenderedSite,
  media = new Map<string, { body: Buffer; contentType: string }>(),
  options: { frontendDir?: string } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const key = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    const image = pathname.startsWith('/media/') ? media.get(pathname.slice(1)) : undefined;
    const file = image
      ? { body: image.body, contentType: image.contentType, cacheControl: 'public, max-age=31536000, immutable' }
      : (buildFile(options.frontendDir, key) ?? site.get(key));
    const found = file ?? site.get('/404.html');
    res.statusCode = file ? 200 : 404;
    res.setHeader('content-security-policy', SITE_CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    if (found) {
      res.setHeader('content-type', found.contentType);
      res.setHeader('cache-control', found.cacheControl);
      const compress =
        /^(text\/|application\/(json|xml)|image\/svg)/.test(found.contentType) &&
        /\bgzip\b/.test(String(req.headers['accept-encoding']));
      if (compress) res.setHeader('content-encoding', 'gzip');
      if (req.method === 'HEAD') res.end();
      else res.end(compress ? gzipSync(found.body) : found.body);
    } else res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

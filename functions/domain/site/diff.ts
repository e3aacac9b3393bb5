import { createHash } from 'node:crypto';
import { ASSETS_PREFIX, type RenderedSite, type SiteFile } from './render.ts';

/**
 * What a publication changes: compares the rendered site with the manifest of the previous
 * publication (path → sha256 of content and headers) and returns the files to write, the files to
 * delete and the CloudFront paths to invalidate (only pages that existed and changed or went away).
 *
 * Content-hashed assets are never rewritten in place, so they are never invalidated; a superseded
 * one is kept for a grace period (pages cached before the publication still link to it), then
 * deleted by a later publication.
 */

export const MANIFEST_PATH = '/_manifest.json';
/** Pages are cached 5 minutes; old assets stay a day for pages cached anywhere before a publication. */
export const ASSET_GRACE_MS = 24 * 3600 * 1000;
/** Above this many paths, one `/*` invalidation is cheaper and within CloudFront's limits. */
export const MAX_INVALIDATION_PATHS = 500;

export interface Manifest {
  version: 1;
  /** path → sha256 of the file's body, content type and cache control. */
  files: Record<string, string>;
  /** Superseded assets still in the bucket: path → when they were superseded (ISO). */
  retired?: Record<string, string>;
  publishedAt?: string;
}

export interface PublicationPlan {
  /** Paths to write, assets first and pages last (a page never links to a file not yet written). */
  puts: string[];
  deletes: string[];
  invalidations: string[];
  /** To write once the puts, deletes and invalidation are done. */
  manifest: Manifest;
}

export function fileHash(file: SiteFile): string {
  return createHash('sha256')
    .update(file.contentType)
    .update('\n')
    .update(file.cacheControl)
    .update('\n')
    .update(file.body)
    .digest('hex');
}

/** The CloudFront paths that serve a file: a page `/x/index.html` is also `/x/`. */
export function cdnPaths(path: string): string[] {
  return path.endsWith('/index.html') ? [path.slice(0, -'index.html'.length), path] : [path];
}

function putOrder(path: string): number {
  if (path.startsWith(ASSETS_PREFIX)) return 0;
  if (path.endsWith('.html')) return 2;
  return path === '/sitemap.xml' ? 3 : 1;
}

export function planPublication(rendered: RenderedSite, previous: Manifest | undefined, now: Date): PublicationPlan {
  const before = previous?.files ?? {};
  const files: Record<string, string> = {};
  const puts: string[] = [];
  const changed: string[] = [];
  for (const [path, file] of rendered) {
    const sha = fileHash(file);
    files[path] = sha;
    if (before[path] === sha) continue;
    puts.push(path);
    if (before[path] && !path.startsWith(ASSETS_PREFIX)) changed.push(path);
  }

  const retired: Record<string, string> = {};
  const deletes: string[] = [];
  const removed: string[] = [];
  const gone = [...Object.keys(before), ...Object.keys(previous?.retired ?? {})].filter((path) => !(path in files));
  for (const path of new Set(gone)) {
    if (path.startsWith(ASSETS_PREFIX)) {
      const since = previous?.retired?.[path] ?? now.toISOString();
      if (now.getTime() - Date.parse(since) >= ASSET_GRACE_MS) deletes.push(path);
      else retired[path] = since;
    } else {
      deletes.push(path);
      removed.push(path);
    }
  }

  let invalidations = [...new Set([...changed, ...removed].flatMap(cdnPaths))].sort();
  if (invalidations.length > MAX_INVALIDATION_PATHS) invalidations = ['/*'];

  return {
    puts: puts.sort((a, b) => putOrder(a) - putOrder(b) || a.localeCompare(b)),
    deletes: deletes.sort(),
    invalidations,
    manifest: {
      version: 1,
      files,
      ...(Object.keys(retired).length ? { retired } : {}),
      publishedAt: now.toISOString(),
    },
  };
}

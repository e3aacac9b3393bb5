import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { BUNDLES_DIR } from '../../infra/constructs/app-function.ts';
import { loadedBytes, staticallyLoaded } from '../support/bundle-closure.ts';
import { fmt, median } from './measure.ts';

/**
 * `npm run bench -- bundles`: for each function bundle (dist/functions/<name>/index.mjs, built by
 * `npm run bench`), its size, gzipped size, size with the chunks it imports statically, and the median of IMPORTS bare imports, each in a fresh
 * Node the way Lambda loads it at a cold start (module parsing and top-level code only, no handler
 * call): elapsed time, held to the target, and CPU time. Both move with the machine's load, hence
 * the load average printed with them; on a virtual machine they also drift at the same load (the same
 * bundle measured 120 and 190 ms minutes apart on 2026-12-03, while a CPU loop and the import of
 * Node's built-ins did not move): to weigh a change, import the two builds in turns, not in two runs.
 * The APIs load each route's module on its first request (functions/shared/http.ts `lazy`): their bare
 * import is the router alone, so a second line gives a real cold request's figure, the import of
 * index.mjs and then of a typical route's chunk (with the chunks it imports) in the same fresh Node.
 */

const IMPORTS = 5;
const TARGET_MS = 150;
/** The typical request of each function whose routes load on demand, and the module its route is in. */
const TYPICAL_ROUTES: Record<string, { request: string; module: string }> = {
  'admin-api': { request: 'GET /api/admin/applications', module: 'application-list' },
  api: { request: 'PATCH /api/applications/:id', module: 'application-routes' },
};
const script = (files: string[]) =>
  'const t = performance.now(), c = process.cpuUsage(); ' +
  files.map((file) => `await import(${JSON.stringify(`./${file}`)}); `).join('') +
  'const u = process.cpuUsage(c); console.log(performance.now() - t, (u.user + u.system) / 1000);';

/** Elapsed and CPU milliseconds of one import of `files`, in order (CPU time moves less with the other processes' load). */
async function importMs(dir: string, files: string[]): Promise<{ ms: number; cpuMs: number }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script(files)], {
    cwd: dir,
    // What Lambda sets and the bundles read at import time; nothing else from this shell.
    env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-3' },
  });
  const [ms, cpuMs] = stdout.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { ms: ms!, cpuMs: cpuMs! };
}

/** The chunk esbuild made of `module` (functions/<name>/<module>.ts), as index.mjs imports it on demand. */
async function routeChunk(dir: string, module: string): Promise<string> {
  const index = await readFile(path.join(dir, 'index.mjs'), 'utf8');
  const chunk = new RegExp(`import\\("\\./(chunks/${module}-[A-Z0-9]+\\.mjs)"\\)`).exec(index)?.[1];
  if (!chunk) throw new Error(`${dir}/index.mjs does not import a chunk of ${module}.ts on demand`);
  return chunk;
}

/** The table's last columns: `loaded` bytes and the median of IMPORTS imports of `files` in fresh Nodes. */
async function importColumns(dir: string, files: string[], loaded: number): Promise<string> {
  const runs: { ms: number; cpuMs: number }[] = [];
  for (let i = 0; i < IMPORTS; i++) runs.push(await importMs(dir, files));
  const ms = median(runs.map((r) => r.ms));
  return (
    `${`${fmt(loaded / 1024, 0)} KB`.padStart(9)} ${`${fmt(ms, 0)} ms`.padStart(9)} ` +
    `${`${fmt(median(runs.map((r) => r.cpuMs)), 0)} ms`.padStart(9)}  ` +
    `<= ${TARGET_MS} ms ${ms <= TARGET_MS ? 'met' : 'NOT met'} (${runs.map((r) => fmt(r.ms, 0)).join(', ')})`
  );
}

const load = () => `${fmt(os.loadavg()[0]!, 1)} (1 min) on ${os.availableParallelism()} cores`;

const names = (await readdir(BUNDLES_DIR, { withFileTypes: true }))
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
console.log(
  `\n== Function bundles: size, gzipped, bare import (median of ${IMPORTS} fresh Node ${process.versions.node}) ==`,
);
console.log(`  load average before: ${load()}`);
console.log(
  `  ${'function'.padEnd(12)} ${'size'.padStart(9)} ${'gzipped'.padStart(9)} ${'loaded'.padStart(9)} ${'import'.padStart(9)} ${'CPU'.padStart(9)}  target (each import)`,
);
for (const name of names) {
  const dir = path.join(BUNDLES_DIR, name);
  const bundle = await readFile(path.join(dir, 'index.mjs'));
  console.log(
    `  ${name.padEnd(12)} ${`${fmt(bundle.length / 1024, 0)} KB`.padStart(9)} ${`${fmt(gzipSync(bundle).length / 1024, 0)} KB`.padStart(9)} ` +
      (await importColumns(dir, ['index.mjs'], loadedBytes(await staticallyLoaded(dir)))),
  );
  const typical = TYPICAL_ROUTES[name];
  if (typical) {
    const chunk = await routeChunk(dir, typical.module);
    const loaded = loadedBytes(await staticallyLoaded(dir, chunk, await staticallyLoaded(dir)));
    console.log(
      `  ${'  + route'.padEnd(12)} ${''.padStart(9)} ${''.padStart(9)} ${await importColumns(dir, ['index.mjs', chunk], loaded)}` +
        ` index.mjs + ${typical.module}.ts's chunks: a cold ${typical.request}`,
    );
  }
}
console.log(`  load average after: ${load()}`);

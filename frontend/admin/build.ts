import { build } from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The console (`/admin/`) and the enterprises' validation page (`/validation/`): one page each, its
 * script and its stylesheet (the shared one plus its own, bundled) with content hashes in their
 * names. Called by frontend/build.ts; each build replaces only its own folder of `outDir`.
 */
const frontend = path.resolve(import.meta.dirname, '..');

async function buildPage(outDir: string, name: string, entries: { script: string; styles: string; page: string }): Promise<{ scriptBytes: number }> {
  const dir = path.join(outDir, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const common = { bundle: true, minify: true, outdir: dir, entryNames: '[name]-[hash]', metafile: true, logLevel: 'warning' as const, legalComments: 'none' as const };
  const [js, css] = await Promise.all([
    build({ ...common, entryPoints: [path.join(frontend, entries.script)], format: 'esm', target: 'es2020', platform: 'browser', sourcemap: 'linked', sourcesContent: false }),
    build({ ...common, entryPoints: [path.join(frontend, entries.styles)] }),
  ]);
  const output = (meta: NonNullable<typeof js.metafile>, ext: string) => Object.entries(meta.outputs).find(([file, o]) => o.entryPoint && file.endsWith(ext))!;
  const [script, scriptMeta] = output(js.metafile!, '.js');
  const [styles] = output(css.metafile!, '.css');
  const html = (await readFile(path.join(frontend, entries.page), 'utf8'))
    .replace('@@STYLES@@', `/${name}/${path.basename(styles)}`)
    .replace('@@SCRIPT@@', `/${name}/${path.basename(script)}`);
  await writeFile(path.join(dir, 'index.html'), html);
  return { scriptBytes: scriptMeta.bytes };
}

export const buildAdmin = (outDir: string) => buildPage(outDir, 'admin', { script: 'admin/main.ts', styles: 'admin/admin.css', page: 'admin/index.html' });

export const buildValidation = (outDir: string) =>
  buildPage(outDir, 'validation', { script: 'validation/main.ts', styles: 'validation/validation.css', page: 'validation/index.html' });

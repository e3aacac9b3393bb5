import { build } from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { typesetTemplate } from '../../functions/domain/french.ts';
import { pageHead, siteHeader, type PageHead } from './page-head.ts';

const frontend = path.resolve(import.meta.dirname, '..');

/**
 * One standalone page at `/<urlDir>/`: its script (ESM) and stylesheet bundled with content hashes
 * in their names, and its HTML with `@@HEAD@@` (frontend/shared/page-head.ts) and `@@HEADER@@`
 * filled in. Replaces only that folder of `outDir`. Entries are paths under frontend/.
 */
export async function buildPage(
  outDir: string,
  urlDir: string,
  entries: { script: string; styles: string; page: string; head: Omit<PageHead, 'styles' | 'script'> },
): Promise<{ scriptBytes: number }> {
  const dir = path.join(outDir, urlDir);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const common = {
    bundle: true,
    minify: true,
    outdir: dir,
    entryNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning' as const,
    legalComments: 'none' as const,
  };
  const [js, css] = await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(frontend, entries.script)],
      format: 'esm',
      target: 'es2020',
      platform: 'browser',
      sourcemap: 'linked',
      sourcesContent: false,
    }),
    build({ ...common, entryPoints: [path.join(frontend, entries.styles)] }),
  ]);
  const output = (meta: NonNullable<typeof js.metafile>, ext: string) =>
    Object.entries(meta.outputs).find(([file, o]) => o.entryPoint && file.endsWith(ext))!;
  const [script, scriptMeta] = output(js.metafile!, '.js');
  const [styles] = output(css.metafile!, '.css');
  const head = pageHead({
    ...entries.head,
    styles: `/${urlDir}/${path.basename(styles)}`,
    script: `/${urlDir}/${path.basename(script)}`,
  });
  const html = (await readFile(path.join(frontend, entries.page), 'utf8'))
    .replace('@@HEAD@@', head)
    .replace('@@HEADER@@', siteHeader());
  if (/@@\w+@@/.test(html)) throw new Error(`frontend/${entries.page}: placeholder left unreplaced`);
  // The French style of the public site's templates (functions/domain/french.ts) on the page's text.
  await writeFile(path.join(dir, 'index.html'), typesetTemplate(html));
  return { scriptBytes: scriptMeta.bytes };
}

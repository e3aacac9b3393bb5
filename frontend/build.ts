import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  companyFields,
  descriptionLength,
  contactFields,
  errorSummary,
  esc,
  initiativeFields,
  photoSlots,
  releaseOnlineFields,
  releaseScanFields,
  releaseStatementsPaper,
} from './candidater/page-parts.ts';
import { RELEASE_INTRO, RELEASE_WHY } from './candidater/release-statements.ts';
import { buildAdmin, buildValidation } from './admin/build.ts';
import { buildVote } from './vote/build.ts';
import { typesetTemplate } from '../functions/domain/french.ts';
import { pageHead, siteHeader, type PageHead } from './shared/page-head.ts';

/**
 * Static frontend: HTML pages rendered from templates at build time, one minified ESM bundle per
 * page script and one stylesheet, both with content hashes in their names (cacheable for a year).
 * No inline script or style anywhere: the CSP is `script-src 'self'; style-src 'self'`.
 */
const here = import.meta.dirname;
const root = path.resolve(here, '..');
const etalab = path.join(root, 'node_modules/@etalab/decoupage-administratif/data');

const hash = (content: string | Uint8Array) => createHash('sha256').update(content).digest('hex').slice(0, 10);

/** Replaces every `<!-- @name -->` and `@@NAME@@`; fails the build on anything left unreplaced. */
function render(template: string, parts: Record<string, string>, file: string): string {
  const out = template
    .replace(/<!-- @([\w:-]+) -->/g, (m, name: string) => {
      if (name.startsWith('errors:')) return errorSummary(name.slice('errors:'.length));
      if (!(name in parts)) throw new Error(`${file}: unknown part ${m}`);
      return parts[name]!;
    })
    .replace(/@@(\w+)@@/g, (m, name: string) => {
      if (!(name in parts)) throw new Error(`${file}: unknown placeholder ${m}`);
      return parts[name]!;
    });
  return out;
}

export async function buildFrontend(outDir: string): Promise<void> {
  // Only what this build owns is replaced: other pages may share outDir.
  await rm(path.join(outDir, 'candidater'), { recursive: true, force: true });
  await mkdir(path.join(outDir, 'candidater'), { recursive: true });
  await mkdir(path.join(outDir, 'shared'), { recursive: true });
  for (const old of await readdir(path.join(outDir, 'shared'))) {
    if (/^styles-\w+\.css$/.test(old)) await rm(path.join(outDir, 'shared', old));
  }

  // Stylesheet (minified by esbuild), with its hash in the name.
  const css = await build({
    entryPoints: [path.join(here, 'shared/styles.css')],
    bundle: true,
    minify: true,
    write: false,
    outdir: path.join(outDir, 'shared'),
    logLevel: 'warning',
  });
  const cssText = css.outputFiles[0]!.contents;
  const stylesName = `styles-${hash(cssText)}.css`;
  await writeFile(path.join(outDir, 'shared', stylesName), cssText);

  // Page scripts.
  const js = await build({
    entryPoints: { main: path.join(here, 'candidater/main.ts'), print: path.join(here, 'candidater/print.ts') },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    entryNames: '[name]-[hash]',
    outdir: path.join(outDir, 'candidater'),
    metafile: true,
    logLevel: 'warning',
  });
  const scripts: Record<string, string> = {};
  for (const [file, meta] of Object.entries(js.metafile.outputs)) {
    if (!meta.entryPoint) continue;
    const name = path.basename(meta.entryPoint, '.ts');
    scripts[name] = `/candidater/${path.basename(file)}`;
  }

  const regions = JSON.parse(await readFile(path.join(etalab, 'regions.json'), 'utf8'));
  const departments = JSON.parse(await readFile(path.join(etalab, 'departements.json'), 'utf8'));
  const parts: Record<string, string> = {
    PRINT_SCRIPT: scripts.print!,
    'company-fields': companyFields(regions, departments),
    'contact-fields': contactFields(),
    'initiative-fields': initiativeFields(),
    'photo-slots': photoSlots(),
    'release-intro': esc(RELEASE_INTRO),
    'release-why': esc(RELEASE_WHY),
    'description-length': descriptionLength(),
    'release-online-fields': releaseOnlineFields(),
    'release-scan-fields': releaseScanFields(),
    'release-statements-paper': releaseStatementsPaper(),
  };
  const styles = `/shared/${stylesName}`;
  const pages: [file: string, head: PageHead][] = [
    [
      'candidater/index.html',
      {
        title: 'Présenter une initiative',
        description: "Déposez en ligne votre dossier pour l'appel à initiatives « Nos territoires ont de l'avenir ».",
        styles,
        script: scripts.main!,
      },
    ],
    [
      'candidater/decharge.html',
      {
        title: "Décharge « droit à l'image » à imprimer",
        description: "La décharge « droit à l'image » à imprimer, signer et joindre à votre dossier.",
        styles,
      },
    ],
    ['404.html', { title: 'Page introuvable', styles }],
  ];
  const headers = { HEADER: siteHeader(), HEADER_NO_PRINT: siteHeader('no-print') };
  for (const [file, head] of pages) {
    const html = render(
      await readFile(path.join(here, file), 'utf8'),
      { ...parts, ...headers, HEAD: pageHead(head) },
      file,
    );
    // The French style of the public site's templates (functions/domain/french.ts) on the page's text.
    await writeFile(path.join(outDir, file), typesetTemplate(html));
  }
  // The console and the article validation page build their own folders (frontend/admin/build.ts).
  await Promise.all([buildAdmin(outDir), buildValidation(outDir), buildVote(outDir)]);
}

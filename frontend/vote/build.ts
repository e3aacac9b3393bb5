import { build } from 'esbuild';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildPage } from '../shared/build-page.ts';
import { VOTE_CONFIRM_PATH, VOTE_WIDGET_SCRIPT, VOTE_WIDGET_STYLES } from '../../functions/domain/votes.ts';

/**
 * The public vote's browser side, called by frontend/build.ts; replaces only its own folders:
 * - `/vote/widget.js` and `/vote/widget.css`: « Je vote » on the published initiative pages. Fixed
 *   names (the pages are rendered by the publication, which does not know this build's hashes):
 *   the publication writes them with the pages' short cache and invalidates them when they change
 *   (functions/publish/frontend-files.ts);
 * - `/voter/confirmation/`: the page the emailed link opens, its script and stylesheet hashed.
 */
const here = import.meta.dirname;

export async function buildVote(outDir: string): Promise<{ widgetBytes: number }> {
  const widgetDir = path.join(outDir, path.dirname(VOTE_WIDGET_SCRIPT));
  await rm(widgetDir, { recursive: true, force: true });
  await mkdir(widgetDir, { recursive: true });
  const common = {
    bundle: true,
    minify: true,
    logLevel: 'warning' as const,
    legalComments: 'none' as const,
    metafile: true,
  };
  const browser = {
    ...common,
    target: 'es2020',
    platform: 'browser' as const,
    sourcemap: 'linked' as const,
    sourcesContent: false,
  };

  const [widget] = await Promise.all([
    // A classic script (the site's layout loads it with `defer`), hence an IIFE.
    build({
      ...browser,
      entryPoints: [path.join(here, 'widget.ts')],
      format: 'iife',
      outfile: path.join(outDir, VOTE_WIDGET_SCRIPT),
      define: { __VOTE_STYLES__: JSON.stringify(VOTE_WIDGET_STYLES) },
    }),
    build({ ...common, entryPoints: [path.join(here, 'widget.css')], outfile: path.join(outDir, VOTE_WIDGET_STYLES) }),
    buildPage(outDir, VOTE_CONFIRM_PATH.replace(/^\/|\/$/g, ''), {
      script: 'vote/confirm.ts',
      styles: 'vote/confirm.css',
      page: 'vote/confirm.html',
      head: { title: 'Confirmation de votre vote' },
    }),
  ]);
  const widgetFile = Object.entries(widget.metafile!.outputs).find(([file]) => file.endsWith('.js'))!;
  return { widgetBytes: widgetFile[1].bytes };
}

import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';

/**
 * Section 2: peak memory of processPhoto on one photo, in a child process of its own. The child is
 * bundled as infra/build.ts bundles the Lambda (esbuild, sharp left external), so the figure is
 * node + bundle + libvips, without tsx's loader.
 */

export interface MemoryResult {
  idleMb: number;
  peakMb: number;
  ms: number[];
}

/** Bundles memory-child.ts into `dir`, resolving sharp to this repo's copy by absolute path. */
async function bundleChild(dir: string): Promise<string> {
  const sharpEntry = createRequire(import.meta.url).resolve('sharp');
  const outfile = path.join(dir, 'memory-child.mjs');
  await build({
    entryPoints: [path.join(import.meta.dirname, 'memory-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    plugins: [
      {
        name: 'sharp-external',
        setup: (b) => b.onResolve({ filter: /^sharp$/ }, () => ({ path: sharpEntry, external: true })),
      },
    ],
    logLevel: 'warning',
  });
  return outfile;
}

export async function measurePhotoMemory(photo: Buffer, dir: string, runs: number): Promise<MemoryResult> {
  const file = path.join(dir, 'memory-input.jpg');
  await writeFile(file, photo);
  const child = await bundleChild(dir);
  const { stdout } = await promisify(execFile)(process.execPath, [child, file, String(runs)], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as MemoryResult;
}

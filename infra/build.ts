import { build } from 'esbuild';
import { cp, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildFrontend } from '../frontend/build.ts';
import { PDF_FONT } from '../functions/shared/pdf-writer.ts';
import { COMPILATION_FONTS } from '../functions/compilation/fonts.ts';
import { REQUIRED_APP_FILES } from '../functions/publish/apps.ts';

/**
 * `npm run build`: the browser apps into dist/frontend/ (frontend/build.ts), then one minified ESM
 * bundle (with source map) per folder of functions/ that has an index.ts. The AWS SDK v3 is bundled
 * (see README for the measurement behind that choice); so is sharp's JavaScript, while its native
 * binaries (linux-x64) are copied beside the photo bundle. Data files read at run time are copied
 * beside their bundle too (the font of the release proof and the file's summary: read on the first
 * PDF only, never parsed as JavaScript at a cold start).
 */
const root = path.resolve(import.meta.dirname, '..');
const finalOut = path.join(root, 'dist/functions');
/**
 * Native code a bundle loads at run time: left out of it (esbuild cannot inline a .node) and copied
 * beside it with what it needs. sharp's JavaScript is bundled rather than resolved from node_modules:
 * its ~20 modules and semver's ~40 cost 45–65 ms more at each cold start of the photo function.
 */
const NATIVE: Record<string, { external: string[]; packages: string[] }> = {
  photo: { external: ['@img/sharp-*'], packages: ['@img/sharp-linux-x64'] },
};
/** Files beside a bundle: [source under node_modules, destination in dist/functions/<entry>/]. */
const FILES: Record<string, [string, string][]> = {
  api: [
    [`${PDF_FONT.package}/${PDF_FONT.file}`, PDF_FONT.bundledAs],
    // DejaVu's licence asks for its notice with every copy of the font.
    [`${PDF_FONT.package}/${PDF_FONT.license}`, `${path.dirname(PDF_FONT.bundledAs)}/LICENSE-DejaVu.txt`],
  ],
  // The printed compilation's fonts (regular, bold, italics), read once per execution environment.
  compilation: [
    ...Object.values(COMPILATION_FONTS.files).map((file): [string, string] => [
      `${COMPILATION_FONTS.package}/${COMPILATION_FONTS.dir}/${file}`,
      `${COMPILATION_FONTS.bundledDir}/${file}`,
    ]),
    [`${COMPILATION_FONTS.package}/LICENSE`, `${COMPILATION_FONTS.bundledDir}/LICENSE-DejaVu.txt`],
  ],
};

/** A package and every dependency it resolves at run time that is installed here (the linux binaries among them). */
async function closure(pkg: string, seen = new Set<string>()): Promise<Set<string>> {
  const manifest = path.join(root, 'node_modules', pkg, 'package.json');
  if (
    seen.has(pkg) ||
    !(await stat(manifest).then(
      () => true,
      () => false,
    ))
  )
    return seen;
  seen.add(pkg);
  const { dependencies = {}, optionalDependencies = {} } = JSON.parse(await readFile(manifest, 'utf8'));
  for (const dep of Object.keys({ ...dependencies, ...optionalDependencies })) await closure(dep, seen);
  return seen;
}

const entries = [];
for (const name of await readdir(path.join(root, 'functions'))) {
  const file = path.join(root, 'functions', name, 'index.ts');
  if (
    await stat(file).then(
      () => true,
      () => false,
    )
  )
    entries.push({ name, file });
}

/*
 * Built aside, then swapped in by renames: a local stack or a test running while another build goes
 * on keeps loading complete bundles (removing dist/ first left it without them for seconds).
 */
const staging = path.join(root, 'dist', `.building-${process.pid}`);
const finalFrontend = path.join(root, 'dist/frontend');
const frontendOut = path.join(staging, 'frontend');
const out = path.join(staging, 'functions');
await rm(staging, { recursive: true, force: true });
await buildFrontend(frontendOut);

await Promise.all(
  entries.map(async ({ name, file }) => {
    const dir = path.join(out, name);
    await build({
      entryPoints: [file],
      // index.mjs plus chunks for the dynamic imports: big data and libraries that only some routes
      // use (disposable domains, communes, pdf-lib) stay out of every cold start.
      outdir: dir,
      entryNames: 'index',
      chunkNames: 'chunks/[name]-[hash]',
      outExtension: { '.js': '.mjs' },
      splitting: true,
      bundle: true,
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      platform: 'node',
      // The ES modules of packages that ship both (the AWS SDK's dist-es): only those let esbuild drop
      // what a function never calls; their CommonJS builds came whole (each SDK client's every command).
      mainFields: ['module', 'main'],
      target: 'node22',
      format: 'esm',
      external: NATIVE[name]?.external ?? [],
      // Pure-JavaScript decoders that the PDF libraries run at load time, replaced by Node's own zlib.
      alias: {
        'brotli/decompress.js': path.join(root, 'functions/shared/brotli-decompress.ts'),
        'tiny-inflate': path.join(root, 'functions/shared/tiny-inflate.cjs'),
      },
      // ESM bundles of CommonJS dependencies still call require() for Node built-ins.
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'warning',
    });
    for (const external of NATIVE[name]?.packages ?? []) {
      for (const pkg of await closure(external)) {
        await mkdir(path.join(dir, 'node_modules', path.dirname(pkg)), { recursive: true });
        await cp(path.join(root, 'node_modules', pkg), path.join(dir, 'node_modules', pkg), {
          recursive: true,
          dereference: true,
        });
      }
    }
    for (const [from, to] of FILES[name] ?? []) {
      await mkdir(path.dirname(path.join(dir, to)), { recursive: true });
      await cp(path.join(root, 'node_modules', from), path.join(dir, to));
    }
  }),
);
// The publication writes the built apps into the site bucket beside the pages it renders, so
// deploying them needs no extra deploy-time machinery (functions/publish/frontend-files.ts).
await cp(frontendOut, path.join(out, 'publish', 'frontend'), { recursive: true });
// The publication refuses to run without these (functions/publish/apps.ts): fail here, not at deploy time.
const missingApps = [];
for (const file of REQUIRED_APP_FILES) {
  if (
    !(await stat(path.join(out, 'publish', 'frontend', file)).then(
      () => true,
      () => false,
    ))
  )
    missingApps.push(file);
}
if (missingApps.length) throw new Error(`Applications absentes du paquet de publication : ${missingApps.join(', ')}`);

async function swapIn(built: string, final: string): Promise<void> {
  const old = `${built}.old`;
  await rename(final, old).catch(() => undefined);
  await rename(built, final);
  await rm(old, { recursive: true, force: true });
}
await swapIn(frontendOut, finalFrontend);
await swapIn(out, finalOut);
await rm(staging, { recursive: true, force: true });
console.log(
  `bundled ${entries.length} functions into ${path.relative(root, finalOut)}/, browser apps into ${path.relative(root, finalFrontend)}/`,
);

import { build, type Plugin } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { readFileSync, rmSync } from 'node:fs';
const stub = (names: string[]): Plugin => ({
  name: 'stub',
  setup(b) {
    const filter = new RegExp(`^(${names.map((n) => n.replace(/[/@-]/g, (c) => `\\${c}`)).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, (args) =>
      args.path.endsWith('tracer')
        ? { contents: 'export class Tracer { captureAWSv3Client(c) { return c; } }', loader: 'js' }
        : { contents: 'export const MetricUnit = {}; export class Metrics { addMetric(){} hasStoredMetrics(){return false} publishStoredMetrics(){} }', loader: 'js' },
    );
  },
});
async function size(entry: string, plugins: Plugin[]) {
  const outdir = `.tmp-helper/out-${Math.random().toString(36).slice(2)}`;
  await build({ entryPoints: [`functions/${entry}/index.ts`], outdir, entryNames: 'index', chunkNames: 'chunks/[name]-[hash]', outExtension: { '.js': '.mjs' }, splitting: true, bundle: true, minify: true, platform: 'node', target: 'node22', format: 'esm', external: entry === 'photo' ? ['sharp'] : [], banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" }, plugins, logLevel: 'error' });
  const buf = readFileSync(`${outdir}/index.mjs`);
  rmSync(outdir, { recursive: true });
  return { raw: buf.length, gz: gzipSync(buf).length };
}
for (const entry of ['api', 'photo', 'mail-events']) {
  const full = await size(entry, []);
  const noTracer = await size(entry, [stub(['@aws-lambda-powertools/tracer'])]);
  const neither = await size(entry, [stub(['@aws-lambda-powertools/tracer', '@aws-lambda-powertools/metrics'])]);
  console.log(entry, JSON.stringify({ full, noTracer, neither, tracer: { raw: full.raw - noTracer.raw, gz: full.gz - noTracer.gz }, metrics: { raw: noTracer.raw - neither.raw, gz: noTracer.gz - neither.gz } }));
}

import { build, analyzeMetafile } from 'esbuild';
for (const entry of ['/work/main/frontend/validation/main.ts', '/work/main/frontend/admin/main.ts']) {
  const r = await build({ entryPoints: [entry], bundle: true, minify: true, write: false, metafile: true, format: 'esm', platform: 'browser', outdir: '/tmp/x' });
  console.log((await analyzeMetafile(r.metafile)).split('\n').slice(0, 25).join('\n'));
}

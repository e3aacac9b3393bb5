import { build, type Plugin } from 'esbuild';
import { execFileSync } from 'node:child_process';
const stub: Plugin = { name: 'stub', setup(b) { b.onResolve({ filter: /^@aws-lambda-powertools\/tracer$/ }, (a) => ({ path: a.path, namespace: 'stub' })); b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export class Tracer { captureAWSv3Client(c) { return c; } }', loader: 'js' })); } };
for (const [name, plugins] of [['with', []], ['without', [stub]]] as const) {
  await build({ entryPoints: ['functions/api/index.ts'], outdir: `.tmp-helper/imp-${name}`, entryNames: 'index', chunkNames: 'chunks/[name]-[hash]', outExtension: { '.js': '.mjs' }, splitting: true, bundle: true, minify: true, platform: 'node', target: 'node22', format: 'esm', banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" }, plugins: [...plugins], logLevel: 'error' });
}
const env = { ...process.env, TABLE_NAME: 't', UPLOADS_BUCKET: 'u', MEDIA_BUCKET: 'm', MAIL_FROM: 'a@b.org', ADMIN_EMAIL: 'a@b.org', SITE_URL: 'https://x.org', AWS_REGION: 'eu-west-3', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' };
const times: Record<string, number[]> = { with: [], without: [] };
for (let i = 0; i < 14; i++) for (const name of ['with', 'without']) {
  const out = execFileSync('node', ['-e', `const t=performance.now(); import('./.tmp-helper/imp-${name}/index.mjs').then(()=>console.log(performance.now()-t))`], { env }).toString();
  times[name]!.push(Number(out.trim().split('\n').pop()));
}
const median = (a: number[]) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
console.log(JSON.stringify({ with: median(times.with!), without: median(times.without!), runs: times }));

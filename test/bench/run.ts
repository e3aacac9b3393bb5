import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { processPhoto, VARIANT_FORMATS, VARIANT_WIDTHS } from '../../functions/photo/process-image.ts';
import { pngBomb, syntheticJpeg } from './images.ts';
import { siteBench } from './site.ts';
import { fmt, median, percentile } from './measure.ts';
import { measurePhotoMemory } from './memory.ts';
import {
  compareStrategies,
  compareThroughput,
  encoderCosts,
  printEncoderCosts,
  rawSharp,
  STRATEGIES,
  viaProcessPhoto,
  type Throughput,
} from './raw-sharp.ts';

/**
 * `npm run bench [applications]` (or BENCH_APPLICATIONS, default 5; BENCH_ROUNDS, default 5): figures
 * and ratios of the photo pipeline, printed for a human to judge, never asserted. BENCH_CONCURRENCY sets the photos in
 * flight for the raw baseline (default: the cores, which is what the local pipeline can use).
 */

/** Sections that run alone in their own process: `npm run bench -- compilation [initiatives]`. */
const SECTIONS: Record<string, string> = {
  bundles: 'bundles.ts',
  compilation: 'compilation.ts',
  votes: 'votes.ts',
};
const runSection = (file: string, args: string[] = []) =>
  new Promise<void>((resolve, reject) =>
    spawn(process.execPath, [...process.execArgv, path.join(import.meta.dirname, file), ...args], {
      stdio: 'inherit',
    }).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${file} exited with ${code}`)))),
  );
if (SECTIONS[process.argv[2] ?? '']) {
  await runSection(SECTIONS[process.argv[2]!]!, process.argv.slice(3));
  process.exit(0);
}

const APPLICATIONS = Number(process.argv[2] ?? process.env.BENCH_APPLICATIONS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? os.availableParallelism());
const LAMBDA_MB = 1024;
const EFFICIENCY_TARGET = 0.7;
const STRATEGY_ROUNDS = 3;
const THROUGHPUT_PHOTOS = 8;
const MEMORY_RUNS = 3;

interface Row {
  measure: string;
  value: string;
  ratio?: string;
  target?: string;
}
const rows: Row[] = [];

/** Generated once into the temp dir, under a hash of images.ts so a change of the generator regenerates them. */
async function cachedJpeg(name: string, width: number, height: number, seed: number): Promise<Buffer> {
  const generator = createHash('sha256')
    .update(await readFile(path.join(import.meta.dirname, 'images.ts')))
    .digest('hex');
  const dir = path.join(os.tmpdir(), `avenir-bench-photos-${generator.slice(0, 12)}`);
  const file = path.join(dir, `${name}.jpg`);
  const cached = await readFile(file).catch(() => undefined);
  if (cached) return cached;
  const photo = await syntheticJpeg(width, height, seed);
  await mkdir(dir, { recursive: true });
  await writeFile(file, photo);
  return photo;
}

const heading = (title: string) => console.log(`\n== ${title} ==`);

async function rawSection(photos: Buffer[]): Promise<void> {
  heading(
    `1. Raw sharp: ${photos.length} generated 4000x3000 JPEGs -> ${VARIANT_WIDTHS.join('/')} px x ${VARIANT_FORMATS.join('+')}`,
  );
  const strategies = await compareStrategies(photos, STRATEGY_ROUNDS);
  const best = strategies['decode-once']!;
  console.log(
    `  decode strategies, one photo at a time (best of ${STRATEGY_ROUNDS}, sharp.concurrency(${sharp.concurrency()})):`,
  );
  for (const [name, ms] of Object.entries(strategies)) {
    console.log(`    ${name.padEnd(12)} ${fmt(ms, 0).padStart(6)} ms/photo  ${fmt(ms / best)}x decode-once`);
    rows.push({
      measure: `strategy ${name}`,
      value: `${fmt(ms, 0)} ms/photo`,
      ratio: `${fmt(ms / best)}x decode-once`,
    });
  }

  const { raw, processed } = await compareThroughput(
    { raw: rawSharp, processed: viaProcessPhoto },
    photos,
    THROUGHPUT_PHOTOS,
    CONCURRENCY,
  );
  console.log(
    `  ${THROUGHPUT_PHOTOS} photos each, ${CONCURRENCY} in flight, alternating: raw sharp (decode-once) ${fmt(raw.photosPerSecond)} photos/s ` +
      `(${fmt(raw.cpuPerPhoto)} CPU s/photo), processPhoto ${fmt(processed.photosPerSecond)} photos/s (${fmt(processed.cpuPerPhoto)} CPU s/photo)`,
  );
  rows.push({
    measure: `raw sharp, ${CONCURRENCY} in flight`,
    value: `${fmt(raw.photosPerSecond)} photos/s`,
    ratio: 'baseline',
  });
  rows.push({
    measure: `processPhoto, ${CONCURRENCY} in flight`,
    value: `${fmt(processed.photosPerSecond)} photos/s`,
    ratio: `${fmt(processed.photosPerSecond / raw.photosPerSecond)} of raw`,
  });

  // One photo: AVIF alone takes seconds per photo on this content.
  const costs = await encoderCosts(photos.slice(0, 1));
  printEncoderCosts(costs);
  const webp = costs.find((c) => c.name.startsWith('WebP'))!;
  const avif = costs.find((c) => c.name.startsWith('AVIF'))!;
  rows.push({
    measure: 'AVIF vs WebP (3 widths)',
    value: `${fmt(avif.msPerPhoto, 0)} vs ${fmt(webp.msPerPhoto, 0)} ms/photo`,
    ratio: `${fmt(avif.msPerPhoto / webp.msPerPhoto)}x time, ${fmt(avif.kbPerPhoto / webp.kbPerPhoto)}x size`,
  });

  // Refused from its header: decoding 900 Mpx would take tens of seconds and gigabytes.
  const bombStarted = performance.now();
  const bomb = await processPhoto(pngBomb(30_000, 30_000));
  const bombMs = performance.now() - bombStarted;
  console.log(`  30000x30000 PNG bomb: ${'rejected' in bomb ? bomb.code : 'accepted'} in ${fmt(bombMs, 0)} ms`);
  rows.push({
    measure: '30000x30000 PNG bomb refused',
    value: `${fmt(bombMs, 0)} ms`,
    target: '< 2000 ms',
  });
}

async function memorySection(dir: string): Promise<void> {
  heading(`2. Photo function memory: processPhoto on a 6000x4000 JPEG, ${MEMORY_RUNS} runs in a fresh process`);
  const photo = await cachedJpeg('24mp', 6000, 4000, 7);
  const memory = await measurePhotoMemory(photo, dir, MEMORY_RUNS);
  console.log(
    `  input ${fmt(photo.length / 2 ** 20, 1)} MB; RSS idle ${fmt(memory.idleMb, 0)} MB, peak ${fmt(memory.peakMb, 0)} MB ` +
      `(${fmt(memory.peakMb / LAMBDA_MB)} of ${LAMBDA_MB} MB); runs ${memory.ms.map((ms) => fmt(ms, 0)).join(', ')} ms`,
  );
  rows.push({
    measure: 'peak RSS, 24 Mpx photo',
    value: `${fmt(memory.peakMb, 0)} MB`,
    ratio: `${fmt(memory.peakMb / LAMBDA_MB)} of ${LAMBDA_MB} MB`,
    target: '<= 1.00',
  });
}

/** The in-process handlers log each request on stdout: kept out of the figures (warnings and errors still reach stderr). */
async function withoutInfoLogs<T>(fn: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = () => undefined;
  try {
    return await fn();
  } finally {
    console.log = log;
  }
}

async function pipelineSection(photos: Buffer[], dir: string): Promise<void> {
  heading(
    `3. End-to-end: ${ROUNDS} rounds of ${APPLICATIONS} applications x 4 photos through the public API of a local stack, raw sharp measured between rounds`,
  );
  try {
    const { benchPipeline } = await import('./pipeline.ts');
    const baselines: Throughput[] = [];
    const between = async () => {
      baselines.push((await compareThroughput({ raw: rawSharp }, photos, THROUGHPUT_PHOTOS, CONCURRENCY)).raw);
    };
    const result = await withoutInfoLogs(() =>
      benchPipeline({ applications: APPLICATIONS, rounds: ROUNDS, photos, dataDir: path.join(dir, 'stack'), between }),
    );
    const span = result.endsWith === 'complete' ? 'upload -> status complete' : 'upload -> 4 photos ready';
    if (result.endsWith === 'ready')
      console.log('  the API refused the fields or the release: NOT the full dossier path, only the photos');
    console.log(
      `  measured: ${span}, at the times the server recorded (the form, polling each second, learns them up to 1 s later); all photos of a round sent at once, so a photo's latency includes its wait behind the others on this machine's cores (on AWS each photo gets its own Lambda)`,
    );
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    result.rounds.forEach((round, i) => {
      const [before, after] = [baselines[i]!, baselines[i + 1]!];
      const raw = (before.photosPerSecond + after.photosPerSecond) / 2;
      const rawCpu = (before.cpuPerPhoto + after.cpuPerPhoto) / 2;
      const stackCpu = round.cpuPerPhoto.own + round.cpuPerPhoto.emulators;
      ratios.push(round.photosPerSecond / raw);
      cpuRatios.push(rawCpu / stackCpu);
      console.log(
        `  round ${i + 1}: ${round.photos} photos in ${fmt(round.spanMs / 1000, 1)} s = ${fmt(round.photosPerSecond)} photos/s; raw sharp before/after ` +
          `${fmt(before.photosPerSecond)}/${fmt(after.photosPerSecond)} photos/s: ${fmt(ratios[i]! * 100, 0)}% of raw. CPU per photo ${fmt(stackCpu)} s ` +
          `(this process: client, S3 and SES emulators, handlers, sharp ${fmt(round.cpuPerPhoto.own)} s; DynamoDB and Cognito emulators ${fmt(round.cpuPerPhoto.emulators)} s) ` +
          `against ${fmt(rawCpu)} s for raw sharp: image work ${fmt(cpuRatios[i]! * 100, 0)}% of it`,
      );
    });
    const latencies = result.rounds.flatMap((r) => r.latenciesMs);
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    console.log(`  per photo upload -> ready, all rounds: p50 ${fmt(p50 / 1000, 1)} s, p95 ${fmt(p95 / 1000, 1)} s`);
    const throughput = median(result.rounds.map((r) => r.photosPerSecond));
    rows.push({
      measure: `end to end (${span})`,
      value: `${fmt(throughput)} photos/s`,
      ratio: `${fmt(median(ratios))} of raw (median of ${ratios.length})`,
      target: `>= ${fmt(EFFICIENCY_TARGET)}`,
    });
    rows.push({
      measure: 'end to end, each round',
      value: ratios.map((r) => fmt(r)).join(', '),
      ratio: 'of raw sharp just before/after',
    });
    rows.push({
      measure: 'image work / all CPU, end to end',
      value: cpuRatios.map((r) => fmt(r)).join(', '),
      ratio: 'raw sharp CPU / stack CPU per photo',
    });
    rows.push({
      measure: 'upload -> ready, per photo',
      value: `p50 ${fmt(p50 / 1000, 1)} s, p95 ${fmt(p95 / 1000, 1)} s`,
    });
  } catch (error) {
    console.log(`  not run: ${error instanceof Error ? error.message : String(error)}`);
    rows.push({ measure: 'end to end', value: 'not run (see above)' });
  }
}

function printTable(): void {
  heading('Summary');
  const widths = [40, 26, 30];
  console.log(`  ${'measure'.padEnd(widths[0]!)} ${'value'.padEnd(widths[1]!)} ${'ratio'.padEnd(widths[2]!)} target`);
  for (const row of rows) {
    console.log(
      `  ${row.measure.padEnd(widths[0]!)} ${row.value.padEnd(widths[1]!)} ${(row.ratio ?? '').padEnd(widths[2]!)} ${row.target ?? ''}`,
    );
  }
}

/** Other processes on the machine skew every figure: printed so a reader can tell a quiet run from a busy one. */
const loadAverage = () => `${fmt(os.loadavg()[0]!, 1)} (1 min) on ${os.availableParallelism()} cores`;

const started = performance.now();
console.log(
  `photo bench: Node ${process.versions.node}, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}; ` +
    `strategies compared: ${Object.keys(STRATEGIES).join(', ')}; load average ${loadAverage()}`,
);
const dir = await mkdtemp(path.join(os.tmpdir(), 'avenir-bench-'));
try {
  const photos = await Promise.all([1, 2, 3, 4].map((seed) => cachedJpeg(`12mp-${seed}`, 4000, 3000, seed)));
  await rawSection(photos);
  await memorySection(dir);
  await pipelineSection(photos, dir);
  printTable();
  await siteBench();
  // Its own process: the handlers' SDK clients are created once per process, pointed at the
  // pipeline section's stack, which is stopped by now.
  await runSection(SECTIONS.votes!);
  await runSection(SECTIONS.compilation!);
  await runSection(SECTIONS.bundles!);
  console.log(`\nbench took ${fmt((performance.now() - started) / 1000, 0)} s; load average now ${loadAverage()}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}

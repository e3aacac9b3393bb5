import sharp, { type Sharp } from 'sharp';
import {
  ENCODERS,
  SHARP_INPUT,
  VARIANT_FORMATS,
  VARIANT_WIDTHS,
  isRejection,
  processPhoto,
  type VariantFormat,
} from '../../functions/photo/process-image.ts';
import { fmt, ownCpuSeconds, perSecond, pool, timed } from './measure.ts';

/**
 * Section 1: sharp alone on the variants processPhoto writes (3 widths x JPEG + WebP), to compare
 * decode strategies, give the baseline throughput of the pipeline, and cost the AVIF option.
 */

const OUTPUTS = VARIANT_WIDTHS.flatMap((width) => VARIANT_FORMATS.map((format) => ({ width, format })));

type Strategy = (input: Buffer) => Promise<unknown>;

/** One output at a time, as processPhoto does (a Lambda has at most one vCPU). */
async function eachOutput(
  render: (output: { width: number; format: VariantFormat }) => Promise<Buffer>,
): Promise<Buffer[]> {
  const buffers: Buffer[] = [];
  for (const output of OUTPUTS) buffers.push(await render(output));
  return buffers;
}

interface RawImage {
  data: Buffer;
  raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

async function decodeLargest(input: Buffer): Promise<RawImage> {
  const { data, info } = await sharp(input, SHARP_INPUT)
    .resize({ width: Math.max(...VARIANT_WIDTHS) })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, raw: { width: info.width, height: info.height, channels: info.channels } };
}

const fromRaw = ({ data, raw }: RawImage) => sharp(data, { raw });

export const STRATEGIES: Record<string, Strategy> = {
  /** Six pipelines, each decoding the file (with shrink-on-load for its own width). */
  independent: (input) =>
    eachOutput(({ width, format }) => ENCODERS[format](sharp(input, SHARP_INPUT).resize({ width })).toBuffer()),
  /** One sharp instance cloned six times: each clone of a Buffer input decodes it again. */
  clone: (input) => {
    const base = sharp(input, SHARP_INPUT);
    return eachOutput(({ width, format }) => ENCODERS[format](base.clone().resize({ width })).toBuffer());
  },
  /** Decode once to the largest width, derive the six outputs from those raw pixels (processPhoto's way). */
  'decode-once': async (input) => {
    const image = await decodeLargest(input);
    return eachOutput(({ width, format }) => ENCODERS[format](fromRaw(image).resize({ width })).toBuffer());
  },
};

/**
 * Best ms per photo of each strategy over the rounds, one photo at a time, rounds interleaved: the
 * best time is the one least disturbed by other programs on the machine.
 */
export async function compareStrategies(photos: readonly Buffer[], rounds: number): Promise<Record<string, number>> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(STRATEGIES).map((name) => [name, []]));
  for (const strategy of Object.values(STRATEGIES)) await strategy(photos[0]!); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const [name, strategy] of Object.entries(STRATEGIES)) {
      times[name]!.push((await timed(() => strategy(photos[round % photos.length]!))).ms);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([name, ms]) => [name, Math.min(...ms)]));
}

export interface Throughput {
  photosPerSecond: number;
  /** CPU seconds per photo, this process's threads. */
  cpuPerPhoto: number;
}

/**
 * Throughput of each contender, `count` photos each with `concurrency` in flight, in alternating
 * batches of `concurrency` photos: a change of machine load hits them all alike.
 */
export async function compareThroughput<Name extends string>(
  contenders: Record<Name, Strategy>,
  photos: readonly Buffer[],
  count: number,
  concurrency: number,
): Promise<Record<Name, Throughput>> {
  const entries = Object.entries(contenders) as [Name, Strategy][];
  const spent = new Map(entries.map(([name]) => [name, { ms: 0, cpu: 0 }]));
  for (const [, run] of entries) await run(photos[0]!); // warm-up
  for (let done = 0; done < count; done += concurrency) {
    const batch = Array.from(
      { length: Math.min(concurrency, count - done) },
      (_, i) => photos[(done + i) % photos.length]!,
    );
    for (const [name, run] of entries) {
      const cpu = ownCpuSeconds();
      const ms = await pool(batch, concurrency, run);
      const total = spent.get(name)!;
      total.ms += ms;
      total.cpu += ownCpuSeconds() - cpu;
    }
  }
  const result = entries.map(([name]) => [
    name,
    { photosPerSecond: perSecond(count, spent.get(name)!.ms), cpuPerPhoto: spent.get(name)!.cpu / count },
  ]);
  return Object.fromEntries(result) as Record<Name, Throughput>;
}

export const rawSharp: Strategy = STRATEGIES['decode-once']!;

export const viaProcessPhoto: Strategy = async (input) => {
  const result = await processPhoto(input);
  if (isRejection(result)) throw new Error(`bench photo rejected: ${result.message}`);
};

/** Candidate encoders, applied to the three widths. */
const ENCODER_CANDIDATES: Record<string, (image: Sharp) => Sharp> = {
  'JPEG q80 progressive (kept)': ENCODERS.jpeg,
  'JPEG q80 mozjpeg': (image) => image.jpeg({ quality: 80, progressive: true, mozjpeg: true }),
  'WebP q78 (kept)': ENCODERS.webp,
  'AVIF q50 effort 4 (sharp default)': (image) => image.avif({ quality: 50 }),
};

export interface EncoderCost {
  name: string;
  msPerPhoto: number;
  kbPerPhoto: number;
}

/**
 * Encoding cost of each candidate for the three widths of a photo, from an already decoded image,
 * one encode at a time. Candidates alternate at each width so that a change of machine load
 * (other processes) hits them all alike.
 */
export async function encoderCosts(photos: readonly Buffer[]): Promise<EncoderCost[]> {
  const names = Object.keys(ENCODER_CANDIDATES);
  const totals = new Map(names.map((name) => [name, { ms: 0, bytes: 0 }]));
  for (const image of await Promise.all(photos.map(decodeLargest))) {
    for (const width of VARIANT_WIDTHS) {
      for (const name of names) {
        const { value, ms } = await timed(() => ENCODER_CANDIDATES[name]!(fromRaw(image).resize({ width })).toBuffer());
        totals.get(name)!.ms += ms;
        totals.get(name)!.bytes += value.length;
      }
    }
  }
  return names.map((name) => ({
    name,
    msPerPhoto: totals.get(name)!.ms / photos.length,
    kbPerPhoto: totals.get(name)!.bytes / photos.length / 1024,
  }));
}

export function printEncoderCosts(costs: EncoderCost[]): void {
  const webp = costs.find((c) => c.name.startsWith('WebP'))!;
  console.log('  encoder (3 widths from one decode)        ms/photo   KB/photo   time vs WebP   size vs WebP');
  for (const c of costs) {
    console.log(
      `  ${c.name.padEnd(40)} ${fmt(c.msPerPhoto, 0).padStart(9)} ${fmt(c.kbPerPhoto, 0).padStart(10)} ${`${fmt(c.msPerPhoto / webp.msPerPhoto)}x`.padStart(14)} ${`${fmt(c.kbPerPhoto / webp.kbPerPhoto)}x`.padStart(14)}`,
    );
  }
}

import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';
import { fileTypeFromBuffer } from 'file-type';
import { MAX_PHOTO_BYTES } from '../domain/application.ts';
import { rejection, type Rejection } from './rejection-messages.ts';

export type { Rejection, RejectionCode } from './rejection-messages.ts';

/**
 * Checks an uploaded photo by its content and renders the variants of the public site.
 * Pure image work: no AWS here, the handler reads and writes the objects.
 */

/** Widths of the public variants, each in every format of VARIANT_FORMATS. */
export const VARIANT_WIDTHS = [400, 800, 1600] as const;
/**
 * No AVIF: `npm run bench` measured it at 17-30x the encoding time of WebP (8-24 s per photo for
 * the three widths, one thread) for 0.58x the bytes; every browser that reads AVIF reads WebP.
 */
export const VARIANT_FORMATS = ['jpeg', 'webp'] as const;
export type VariantFormat = (typeof VARIANT_FORMATS)[number];

/** Documented minimum: long side >= 1200 px and short side >= 600 px (after EXIF orientation). */
export const MIN_LONG_SIDE = 1200;
export const MIN_SHORT_SIDE = 600;
/**
 * Below sharp's default (268 Mpx) so a decompression bomb is refused from its header. 120 Mpx still
 * admits the 108 Mpx mode of some phones (measured: such a photo turned by EXIF peaks at ~375 MB
 * RSS); 200 Mpx photos mostly exceed 20 MB anyway.
 */
export const MAX_INPUT_PIXELS = 120_000_000;
export { MAX_PHOTO_BYTES };

const ACCEPTED_FORMATS = ['jpeg', 'png', 'webp'] as const;
export type SourceFormat = (typeof ACCEPTED_FORMATS)[number];

/** Encoder settings, exported so the bench's raw-sharp baseline encodes exactly the same outputs. */
export const ENCODERS: Record<VariantFormat, (image: Sharp) => Sharp> = {
  // Plain libjpeg: mozjpeg measured 1.6-4x the CPU for 23% fewer bytes, on a JPEG that only
  // browsers without WebP receive.
  jpeg: (image) => image.jpeg({ quality: 80, progressive: true }),
  webp: (image) => image.webp({ quality: 78 }),
};

/**
 * 'error' rejects truncated and broken data (a truncated JPEG otherwise passes with grey rows) but
 * tolerates the harmless warnings some phones and editors produce. autoOrient applies EXIF
 * orientation. Outputs carry no metadata: sharp strips EXIF, GPS, XMP, IPTC and the ICC profile
 * unless told otherwise, after converting the pixels to sRGB.
 */
export const SHARP_INPUT: SharpOptions = { failOn: 'error', autoOrient: true, limitInputPixels: MAX_INPUT_PIXELS };

// One photo per invocation on a Lambda with at most one vCPU (<= 1769 MB): more libvips threads
// would only add memory and contention. The operation cache keeps decoded inputs for reuse that
// never comes (each photo is processed once): off, so memory stays flat across warm invocations.
sharp.concurrency(1);
sharp.cache(false);

export interface Variant {
  /** The VARIANT_WIDTHS entry it serves; its width is smaller when the source is narrower. */
  target: number;
  width: number;
  height: number;
  format: VariantFormat;
  bytes: number;
  buffer: Buffer;
}

export interface ProcessedPhoto {
  /** Size after EXIF orientation. */
  width: number;
  height: number;
  format: SourceFormat;
  variants: Variant[];
}

export interface ProcessOptions {
  widths?: readonly number[];
}

export const isRejection = (result: ProcessedPhoto | Rejection): result is Rejection => 'rejected' in result;

export async function processPhoto(input: Buffer, opts: ProcessOptions = {}): Promise<ProcessedPhoto | Rejection> {
  const source = await inspect(input);
  if ('rejected' in source) return source;
  try {
    return { ...source, variants: await renderVariants(input, plan(opts.widths ?? VARIANT_WIDTHS, source.width)) };
  } catch {
    // The header was valid, so a failure here is broken pixel data (failOn: 'error').
    return rejection.corrupt();
  }
}

interface Source {
  width: number;
  height: number;
  format: SourceFormat;
}

/** Every check that needs only the header: size, format, pixel count, dimensions. */
async function inspect(input: Buffer): Promise<Source | Rejection> {
  if (input.length > MAX_PHOTO_BYTES) return rejection.tooLarge(input.length, MAX_PHOTO_BYTES);
  const meta = await readHeader(input);
  if (!meta) return rejectUnreadable(input);
  if (meta.format === 'heif')
    return meta.compression === 'hevc'
      ? rejection.heic()
      : rejection.unsupportedFormat(meta.compression === 'av1' ? 'avif' : 'heif');
  if (!isAccepted(meta.format)) return rejection.unsupportedFormat(meta.format);
  if (meta.width * meta.height > MAX_INPUT_PIXELS)
    return rejection.tooManyPixels(meta.width * meta.height, MAX_INPUT_PIXELS);
  const { width, height } = meta.autoOrient;
  if (Math.max(width, height) < MIN_LONG_SIDE || Math.min(width, height) < MIN_SHORT_SIDE) {
    return rejection.tooSmall(width, height, MIN_LONG_SIDE, MIN_SHORT_SIDE);
  }
  return { width, height, format: meta.format };
}

const isAccepted = (format: string): format is SourceFormat => (ACCEPTED_FORMATS as readonly string[]).includes(format);

/**
 * Header only, so no pixel limit here (sharp would throw one undistinguishable error): the limit
 * is checked from the dimensions, then enforced again by the decoding pipeline.
 */
async function readHeader(input: Buffer): Promise<Metadata | undefined> {
  try {
    return await sharp(input, { ...SHARP_INPUT, limitInputPixels: false }).metadata();
  } catch {
    return undefined;
  }
}

/** Names what sharp cannot read, from its magic bytes: a HEIC, a damaged photo, or another kind of file. */
async function rejectUnreadable(input: Buffer): Promise<Rejection> {
  const kind = await fileTypeFromBuffer(input);
  if (kind?.ext === 'heic') return rejection.heic();
  if (kind && isAccepted(kind.ext === 'jpg' ? 'jpeg' : kind.ext)) return rejection.corrupt();
  if (kind?.mime.startsWith('image/')) return rejection.unsupportedFormat(kind.ext);
  return rejection.notAnImage(kind?.mime);
}

interface Planned {
  target: number;
  width: number;
}

/**
 * Never upscale: a target wider than the source is served by the source width itself (the 1600
 * variant of a 1400-wide photo is 1400 wide), and a target that would repeat the previous width is
 * skipped, so an 800-wide photo gets 400 and 800 only.
 */
function plan(widths: readonly number[], sourceWidth: number): Planned[] {
  const planned: Planned[] = [];
  for (const target of [...widths].sort((a, b) => a - b)) {
    const width = Math.min(target, sourceWidth);
    if (planned.at(-1)?.width !== width) planned.push({ target, width });
  }
  return planned;
}

/**
 * Decodes once, to the largest width (JPEG and WebP shrink on load), then derives every variant
 * from that raw sRGB image. Measured by `npm run bench` (4000x3000 JPEG, 6 outputs, one thread),
 * fastest in every run: six independent pipelines took 1.4-1.6x its time in most runs, clone()
 * 1.3-1.9x (each clone of a Buffer input decodes it again).
 */
async function renderVariants(input: Buffer, planned: Planned[]): Promise<Variant[]> {
  const largest = planned.at(-1)!.width;
  const { data, info } = await sharp(input, SHARP_INPUT)
    .resize({ width: largest })
    // JPEG has no transparency: white, not black, behind a transparent PNG or WebP, in every format alike.
    .flatten({ background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { width: info.width, height: info.height, channels: info.channels };
  const variants: Variant[] = [];
  // Sequential: with one vCPU, parallel encodes would only hold more buffers at once.
  for (const { target, width } of planned) {
    for (const format of VARIANT_FORMATS) {
      const out = await ENCODERS[format](sharp(data, { raw }).resize({ width })).toBuffer({ resolveWithObject: true });
      variants.push({
        target,
        width: out.info.width,
        height: out.info.height,
        format,
        bytes: out.data.length,
        buffer: out.data,
      });
    }
  }
  return variants;
}

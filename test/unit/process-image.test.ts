import { describe, expect, it, beforeAll } from 'vitest';
import sharp, { type Sharp } from 'sharp';
import {
  MAX_PHOTO_BYTES,
  MIN_LONG_SIDE,
  VARIANT_WIDTHS,
  isRejection,
  processPhoto,
  type ProcessedPhoto,
  type Rejection,
} from '../../functions/photo/process-image.ts';
import { pngBomb, syntheticJpeg, syntheticPhoto } from '../bench/images.ts';

/** Every input is generated here: no binary fixtures. */

/** Rendering a 12 Mpx photo takes about a second, several on a loaded 2-core machine. */
const SLOW = { timeout: 30_000 };

const SECRET = 'Jean Temoin';
const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>XMP-${SECRET}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`;

/** A phone-like JPEG: EXIF with the author and a GPS position, XMP, a Display P3 profile. */
const withEverything = (image: Sharp) =>
  image
    .withExif({
      IFD0: { Copyright: SECRET },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 2950/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 20/1 1500/100',
      },
    })
    .withXmp(XMP)
    .withIccProfile('p3')
    .jpeg({ quality: 90 })
    .toBuffer();

/** The EXIF GPS IFD pointer (tag 0x8825, type LONG) as libvips writes it, little-endian. */
const hasGpsPointer = (exif: Buffer | undefined) => !!exif && exif.includes(Buffer.from([0x25, 0x88, 0x04, 0x00]));

function accepted(result: ProcessedPhoto | Rejection): ProcessedPhoto {
  if (isRejection(result)) throw new Error(`rejected: ${result.code} ${result.message}`);
  return result;
}

function rejected(result: ProcessedPhoto | Rejection): Rejection {
  if (!isRejection(result)) throw new Error(`accepted a ${result.width}x${result.height} ${result.format}`);
  return result;
}

/** Mean of one channel over a horizontal band of a variant. */
async function meanChannel(buffer: Buffer, channel: number, band: 'top' | 'bottom'): Promise<number> {
  const { width, height } = await sharp(buffer).metadata();
  const strip = Math.round(height / 10);
  const region = { left: 0, width, height: strip, top: band === 'top' ? 0 : height - strip };
  // stats() reads its input, not the pipeline: extract first, then measure.
  const stats = await sharp(await sharp(buffer).extract(region).png().toBuffer()).stats();
  return stats.channels[channel]!.mean;
}

describe('processPhoto: a valid camera JPEG', SLOW, () => {
  let input: Buffer;
  let photo: ProcessedPhoto;

  beforeAll(async () => {
    input = await withEverything(syntheticPhoto(4000, 3000));
    photo = accepted(await processPhoto(input));
  }, SLOW.timeout);

  it('gives a JPEG and a WebP at each width, in proportion', () => {
    expect(photo).toMatchObject({ width: 4000, height: 3000, format: 'jpeg' });
    expect(photo.variants.map((v) => `${v.width}x${v.height}.${v.format}`)).toEqual([
      '400x300.jpeg',
      '400x300.webp',
      '800x600.jpeg',
      '800x600.webp',
      '1600x1200.jpeg',
      '1600x1200.webp',
    ]);
    expect(photo.variants.map((v) => v.target)).toEqual(VARIANT_WIDTHS.flatMap((w) => [w, w]));
  });

  it('writes each variant in its declared format and byte count', async () => {
    for (const variant of photo.variants) {
      const meta = await sharp(variant.buffer).metadata();
      expect(meta.format).toBe(variant.format);
      expect([meta.width, meta.height]).toEqual([variant.width, variant.height]);
      expect(variant.bytes).toBe(variant.buffer.length);
    }
    const jpeg1600 = await sharp(photo.variants[4]!.buffer).metadata();
    expect(jpeg1600.isProgressive).toBe(true);
  });

  it('keeps no EXIF, GPS, XMP nor ICC profile although the input had them', async () => {
    const source = await sharp(input).metadata();
    expect(source.exif?.includes(SECRET)).toBe(true);
    expect(hasGpsPointer(source.exif)).toBe(true);
    expect(source.xmp).toBeDefined();
    expect(source.icc).toBeDefined();
    for (const variant of photo.variants) {
      const meta = await sharp(variant.buffer).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(variant.buffer.includes(SECRET)).toBe(false);
    }
  });

  it('converts the colours of a P3 photo to sRGB rather than dropping the profile', async () => {
    const srgb = sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 0, g: 200, b: 60 } } });
    const p3 = await srgb.withIccProfile('p3').png().toBuffer();
    const variant = accepted(await processPhoto(p3)).variants.find((v) => v.width === 1600 && v.format === 'webp')!;
    const { channels } = await sharp(variant.buffer).stats();
    // Read without its profile, the P3 file's green would be about (89, 197, 75).
    [0, 200, 60].forEach((expected, i) => expect(Math.abs(channels[i]!.mean - expected)).toBeLessThan(4));
  });
});

describe('processPhoto: orientation and formats', SLOW, () => {
  it('turns a photo taken upright (stored landscape, EXIF orientation 6) into portrait variants', async () => {
    const input = await syntheticPhoto(4000, 3000).withMetadata({ orientation: 6 }).jpeg({ quality: 90 }).toBuffer();
    const photo = accepted(await processPhoto(input));
    expect([photo.width, photo.height]).toEqual([3000, 4000]);
    expect(photo.variants.map((v) => [v.width, v.height])).toEqual([
      [400, 533],
      [400, 533],
      [800, 1067],
      [800, 1067],
      [1600, 2133],
      [1600, 2133],
    ]);
    // Red grows left to right in the stored image: turned clockwise, the left edge is now the top.
    const variant = photo.variants[5]!.buffer;
    expect(await meanChannel(variant, 0, 'top')).toBeLessThan((await meanChannel(variant, 0, 'bottom')) - 50);
    expect((await sharp(variant).metadata()).orientation).toBeUndefined();
  });

  it.each([
    ['png', (image: Sharp) => image.png()],
    ['webp', (image: Sharp) => image.webp({ quality: 90 })],
  ] as const)('accepts a %s photo', async (format, encode) => {
    const photo = accepted(await processPhoto(await encode(syntheticPhoto(1800, 1200)).toBuffer()));
    expect(photo.format).toBe(format);
    expect(photo.variants.map((v) => `${v.width}.${v.format}`)).toEqual([
      '400.jpeg',
      '400.webp',
      '800.jpeg',
      '800.webp',
      '1600.jpeg',
      '1600.webp',
    ]);
  });

  it('never upscales: a 1400-wide photo serves the 1600 target at 1400', async () => {
    const photo = accepted(await processPhoto(await syntheticJpeg(1400, 1000)));
    expect(photo.variants.map((v) => [v.target, v.width, v.height])).toEqual([
      [400, 400, 286],
      [400, 400, 286],
      [800, 800, 571],
      [800, 800, 571],
      [1600, 1400, 1000],
      [1600, 1400, 1000],
    ]);
  });

  it('does not repeat a width: an 800-wide portrait gets 400 and 800 only', async () => {
    const photo = accepted(await processPhoto(await syntheticJpeg(800, 1300)));
    expect(photo.variants.map((v) => `${v.target}:${v.width}`)).toEqual(['400:400', '400:400', '800:800', '800:800']);
  });

  it('puts white, not black, behind a transparent PNG', async () => {
    const transparent = await sharp({
      create: { width: 1600, height: 1200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    for (const variant of accepted(await processPhoto(transparent)).variants) {
      const { channels } = await sharp(variant.buffer).stats();
      expect(channels.slice(0, 3).map((c) => Math.round(c.mean))).toEqual([255, 255, 255]);
    }
  });
});

describe('processPhoto: rejections', () => {
  it('refuses a 30000x30000 PNG bomb from its header', async () => {
    // Only the header check names the pixel count (the decoder's own limit throws an anonymous error);
    // how long it takes is measured by the bench (test/bench/run.ts).
    const result = rejected(await processPhoto(pngBomb(30_000, 30_000)));
    expect(result.code).toBe('too-many-pixels');
    expect(result.message).toContain('900 millions de pixels');
  });

  it('refuses a PDF named photo.jpg, and says what it is', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
    const result = rejected(await processPhoto(pdf));
    expect(result.code).toBe('not-an-image');
    expect(result.message).toContain('document PDF');
  });

  it('refuses a text file', async () => {
    const result = rejected(
      await processPhoto(Buffer.from('Ceci est la description du projet, pas une photo.\n'.repeat(50))),
    );
    expect(result.code).toBe('not-an-image');
    expect(result.message).toMatch(/^Ce fichier n’est pas une photo\. /);
  });

  it('refuses a truncated JPEG whose header is intact', async () => {
    const jpeg = await syntheticJpeg(1600, 1200);
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
    expect((await sharp(truncated).metadata()).width).toBe(1600);
    const result = rejected(await processPhoto(truncated));
    expect(result.code).toBe('corrupt');
    expect(result.message).toContain('endommagé');
  });

  it('refuses an 800x600 photo, with its size and the minimum in the message', async () => {
    const result = rejected(await processPhoto(await syntheticJpeg(800, 600)));
    expect(result.code).toBe('too-small');
    expect(result.message).toContain('800 × 600 pixels');
    expect(result.message).toContain(`au moins ${MIN_LONG_SIDE.toLocaleString('fr-FR')} pixels sur le plus grand côté`);
    expect(result.message).not.toContain('plus petit côté');
  });

  it('refuses a panorama whose short side is too small', async () => {
    const result = rejected(await processPhoto(await syntheticJpeg(3000, 500)));
    expect(result.code).toBe('too-small');
    expect(result.message).toContain('au moins 600 pixels sur le plus petit côté');
    expect(result.message).not.toContain('plus grand côté');
  });

  it('recognises an iPhone HEIC and tells how to send a JPEG instead', async () => {
    const box = Buffer.alloc(24);
    box.writeUInt32BE(24, 0);
    box.write('ftypheic', 4, 'ascii');
    box.write('mif1heic', 16, 'ascii');
    const result = rejected(await processPhoto(Buffer.concat([box, Buffer.alloc(2000)])));
    expect(result.code).toBe('heic');
    expect(result.message).toContain('Réglages > Appareil photo > Formats > «\u00a0Le plus compatible\u00a0»');
  });

  it('refuses an image format other than JPEG, PNG or WebP, naming it', async () => {
    const gif = await syntheticPhoto(64, 64).gif().toBuffer();
    const result = rejected(await processPhoto(gif));
    expect(result).toMatchObject({ code: 'unsupported-format', message: expect.stringContaining('Le format GIF') });
  });

  it('refuses an AVIF as unsupported, not as a HEIC', async () => {
    const avif = await syntheticPhoto(1600, 1200).avif({ effort: 0 }).toBuffer();
    expect(rejected(await processPhoto(avif))).toMatchObject({
      code: 'unsupported-format',
      message: expect.stringContaining('AVIF'),
    });
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'not-an-image'],
    ['a few bytes', Buffer.from('ok\n'), 'not-an-image'],
    ['the first bytes of a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'corrupt'],
  ] as const)('refuses %s', async (_, input, code) => {
    expect(rejected(await processPhoto(input)).code).toBe(code);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const result = rejected(await processPhoto(Buffer.alloc(MAX_PHOTO_BYTES + 1)));
    expect(result.code).toBe('too-large');
    expect(result.message).toContain('le maximum est 20 Mo');
  });
});

import zlib from 'node:zlib';
import sharp, { type Sharp } from 'sharp';

/** Generated inputs for the bench and the tests: no binary fixtures. */

/**
 * A photo-like image. Flat colours compress to nothing and pure noise to far too much: gradients,
 * waves, sensor-like noise and texture growing from a smooth top to a detailed bottom give encoders
 * about the work of a real photo (a 4000x3000 camera JPEG of ~2.6 MB). Red grows from left to
 * right, so a test can tell which way an image was turned.
 */
export function syntheticPhoto(width: number, height: number, seed = 1): Sharp {
  // Clamped: values outside 0-255 saturate instead of wrapping round.
  const pixels = new Uint8ClampedArray(width * height * 3);
  const waveX = Float64Array.from({ length: width }, (_, x) => Math.sin(x / 37));
  let state = seed >>> 0;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5; // LCG: deterministic, fast
  // Texture in 5-pixel cells outlives downscaling, as real detail does; per-pixel noise does not.
  // It grows from a smooth top (a sky) to a detailed bottom (ground, foliage), as in a landscape.
  const cells = Math.ceil(width / 5);
  const texture = Float64Array.from({ length: cells * Math.ceil(height / 5) }, () => random() * 48);
  let i = 0;
  for (let y = 0; y < height; y++) {
    const fy = y / height;
    const detail = fy * fy;
    const shift = Math.round(Math.sin(y / 53) * 90);
    for (let x = 0; x < width; x++) {
      const fx = x / width;
      const noise = random() * 12 + detail * texture[Math.floor(y / 5) * cells + Math.floor(x / 5)]!;
      const wave = 30 * waveX[(x + shift + width) % width]!;
      pixels[i++] = 40 + fx * 170 + wave + noise;
      pixels[i++] = 90 + fy * 120 - wave / 2 + noise;
      pixels[i++] = 200 - fx * 80 - fy * 60 + noise;
    }
  }
  return sharp(Buffer.from(pixels.buffer), { raw: { width, height, channels: 3 } });
}

/** A camera-like JPEG (quality 90). */
export const syntheticJpeg = (width: number, height: number, seed = 1): Promise<Buffer> =>
  syntheticPhoto(width, height, seed).jpeg({ quality: 90 }).toBuffer();

/** A PNG whose header declares width x height, followed by a few deflated rows of zeros: what a decompression bomb looks like. */
export function pngBomb(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = zlib.deflateSync(Buffer.alloc(64 * (1 + width * 3)));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', rows), chunk('IEND', Buffer.alloc(0))]);
}

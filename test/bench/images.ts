import sharp from 'sharp';

/**
 * Generated photos for the bench and the unit tests (no binary fixtures). Flat colours compress to
 * nothing and pure noise to far too much: gradients, waves and mild noise give encoders about the
 * work of a real photo (a 4000x3000 camera JPEG of ~4 MB). Red grows from left to right, so a test
 * can tell which way an image was turned.
 */
export function syntheticPhoto(width: number, height: number, seed = 1): sharp.Sharp {
  // Clamped: values outside 0-255 saturate instead of wrapping round.
  const pixels = new Uint8ClampedArray(width * height * 3);
  const waveX = Float64Array.from({ length: width }, (_, x) => Math.sin(x / 37));
  let state = seed >>> 0;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5; // LCG: deterministic, fast
  // Texture in 5-pixel cells outlives downscaling, as real detail does; per-pixel noise does not.
  const cells = Math.ceil(width / 5);
  const texture = Float64Array.from({ length: cells * Math.ceil(height / 5) }, () => random() * 40);
  let i = 0;
  for (let y = 0; y < height; y++) {
    const fy = y / height;
    const shift = Math.round(Math.sin(y / 53) * 90);
    for (let x = 0; x < width; x++) {
      const fx = x / width;
      const noise = random() * 32 + texture[Math.floor(y / 5) * cells + Math.floor(x / 5)]!;
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

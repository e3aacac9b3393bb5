import { brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import decompress from '../../functions/shared/brotli-decompress.ts';

/** The native stand-in for `brotli/decompress.js` that the bundles use (infra/build.ts), as fontkit calls it. */
describe('Brotli decompression for fontkit', () => {
  it('gives back the bytes that were compressed, whatever size hint comes with them', () => {
    const original = new TextEncoder().encode('glyf loca hmtx '.repeat(500));
    const compressed = new Uint8Array(brotliCompressSync(original));
    expect(compressed.length).toBeLessThan(original.length);
    expect(Buffer.from(decompress(compressed, original.length))).toEqual(Buffer.from(original));
    expect(Buffer.from(decompress(compressed))).toEqual(Buffer.from(original));
  });

  it('refuses corrupt data instead of returning garbage', () => {
    expect(() => decompress(new Uint8Array([1, 2, 3, 4, 5]), 10)).toThrow(/Decompression failed|unexpected end/i);
  });
});

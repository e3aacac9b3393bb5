import { createRequire } from 'node:module';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import inflate from '../../functions/shared/tiny-inflate.cjs';

/** The package itself (it ships no types), for comparison. */
const tinyInflate = createRequire(import.meta.url)('tiny-inflate') as typeof inflate;

/** The native stand-in for `tiny-inflate` that the compilation's bundle uses (infra/build.ts), as unicode-trie and fontkit call it. */
describe('DEFLATE decoding for the PDF libraries', () => {
  const original = new TextEncoder().encode('Lu Ll Nd Zs Po '.repeat(400) + 'fin');

  it('gives what the package gives: the destination filled, or its filled part when the data is shorter', () => {
    const compressed = deflateRawSync(original);
    for (const size of [original.length, original.length + 100]) {
      const expected = tinyInflate(compressed, new Uint8Array(size));
      const dest = new Uint8Array(size);
      const got = inflate(compressed, dest);
      expect(Buffer.from(got)).toEqual(Buffer.from(expected));
      expect(got.length).toBe(original.length);
      if (size === original.length) expect(got).toBe(dest);
    }
  });

  it('decodes twice-deflated data as unicode-trie stores its tables', () => {
    const twice = deflateRawSync(deflateRawSync(original));
    const once = inflate(twice, new Uint8Array(original.length));
    expect(Buffer.from(inflate(once, new Uint8Array(original.length)))).toEqual(Buffer.from(original));
  });

  it('refuses corrupt data instead of returning garbage', () => {
    expect(() => inflate(new Uint8Array([0xff, 0xff, 0xff, 0xff]), new Uint8Array(10))).toThrow(/invalid/i);
  });
});

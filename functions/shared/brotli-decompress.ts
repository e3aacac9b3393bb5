import { brotliDecompressSync } from 'node:zlib';

/**
 * Stands in for the `brotli` package's pure-JavaScript decoder (`brotli/decompress.js`, 475 KB with
 * its dictionary, parsed at every cold start of the compilation), which fontkit imports to read
 * WOFF2 fonts: Node decodes Brotli natively. infra/build.ts points the import here. Same contract:
 * the compressed bytes in, the decompressed bytes out (the expected size is only a hint).
 */
export default function decompress(buffer: Uint8Array, _outSize?: number): Uint8Array {
  return brotliDecompressSync(buffer);
}

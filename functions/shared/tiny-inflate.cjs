'use strict';
const { inflateRawSync } = require('node:zlib');

/*
 * Stands in for the `tiny-inflate` package, a pure-JavaScript DEFLATE decoder that fontkit,
 * unicode-properties and linebreak run on their Unicode tables when the compilation's bundle loads
 * (~20 ms of every cold start): Node inflates natively. infra/build.ts points the import here.
 * CommonJS like the package, since unicode-trie require()s it and calls what it gets. Same contract
 * (types in tiny-inflate.d.cts): raw DEFLATE bytes in, written into `dest`, which is returned, or
 * its filled part when the data is shorter.
 */
module.exports = function inflate(source, dest) {
  const inflated = inflateRawSync(source, { maxOutputLength: dest.length });
  dest.set(inflated);
  return inflated.length < dest.length ? dest.slice(0, inflated.length) : dest;
};

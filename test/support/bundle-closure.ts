import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * `file` of a function bundle (dist/functions/<entry>/) and the chunks it imports statically,
 * transitively, with their code: all that a cold start reads and compiles. A chunk imported with
 * `import("./…")` loads on demand and is left out. `seen` carries files already counted.
 */
export async function staticallyLoaded(
  dir: string,
  file = 'index.mjs',
  seen = new Map<string, string>(),
): Promise<Map<string, string>> {
  if (seen.has(file)) return seen;
  const code = await readFile(path.join(dir, file), 'utf8');
  seen.set(file, code);
  // Static imports only (`from"./…"`, `import"./…"`).
  for (const [, dep] of code.matchAll(/(?:from|import)\s*"(\.\/[^"]+\.mjs)"/g))
    await staticallyLoaded(dir, path.join(path.dirname(file), dep!), seen);
  return seen;
}

/** The bytes of what `staticallyLoaded` found. */
export const loadedBytes = (files: Map<string, string>) =>
  [...files.values()].reduce((sum, code) => sum + Buffer.byteLength(code), 0);

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** DejaVu Sans, copied beside the bundle by npm run build (infra/build.ts), with its licence. */
export const COMPILATION_FONTS = {
  package: 'dejavu-fonts-ttf',
  dir: 'ttf',
  files: {
    normal: 'DejaVuSans.ttf',
    bold: 'DejaVuSans-Bold.ttf',
    italics: 'DejaVuSans-Oblique.ttf',
    bolditalics: 'DejaVuSans-BoldOblique.ttf',
  },
  bundledDir: 'fonts',
} as const;

async function fontFile(file: string): Promise<Buffer> {
  if (import.meta.url.endsWith('.ts')) {
    return readFile(
      createRequire(import.meta.url).resolve(`${COMPILATION_FONTS.package}/${COMPILATION_FONTS.dir}/${file}`),
    );
  }
  // In the bundle: index.mjs or a chunk under chunks/.
  for (const relative of [`./${COMPILATION_FONTS.bundledDir}/${file}`, `../${COMPILATION_FONTS.bundledDir}/${file}`]) {
    const bytes = await readFile(new URL(relative, import.meta.url)).catch(() => undefined);
    if (bytes) return bytes;
  }
  throw new Error(`${COMPILATION_FONTS.bundledDir}/${file} is missing beside the bundle (npm run build copies it)`);
}

let fonts: Promise<Map<string, Buffer>> | undefined;
export const loadFonts = () =>
  (fonts ??= Promise.all(
    Object.values(COMPILATION_FONTS.files).map(async (file) => [file, await fontFile(file)] as const),
  ).then((list) => new Map(list)));

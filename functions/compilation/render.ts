import pdfmake from 'pdfmake';
import type { CompilationDocument } from '../domain/compilation.ts';
import { COMPILATION_FONTS, loadFonts } from './fonts.ts';

/**
 * Runs pdfmake on the compilation's definition (functions/domain/compilation.ts). Fonts and photos
 * are given as virtual files of this document only (no disk, no URL: pdfmake's access policies
 * refuse both), so nothing stays in the module between two generations.
 */

export interface RenderedPdf {
  bytes: Buffer;
  pages: number;
}

/** `photos`: the JPEG bytes of each media key the definition names. */
export async function renderCompilation(
  document: CompilationDocument,
  photos: Map<string, Buffer>,
): Promise<RenderedPdf> {
  const files = new Map([...(await loadFonts()), ...photos]);
  const missing = document.images.filter((i) => !files.has(i.key)).map((i) => i.key);
  if (missing.length)
    throw new Error(`photos not loaded: ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? '…' : ''}`);
  pdfmake.virtualfs = { existsSync: (name) => files.has(name), readFileSync: (name) => files.get(name)! };
  pdfmake.setFonts({ DejaVu: COMPILATION_FONTS.files });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  const bytes = await pdfmake.createPdf(document.definition).getBuffer();
  return { bytes, pages: document.pages() };
}

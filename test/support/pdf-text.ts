import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFRawStream,
  type PDFObject,
} from 'pdf-lib';

/**
 * The text of a PDF made by pdf-lib, read as a PDF reader does: each glyph id drawn by `Tj` mapped
 * back to Unicode through its font's ToUnicode map (what copy-paste and search use), so a test does
 * not depend on poppler being installed. Right-to-left runs are drawn in visual order (one `Tj`
 * each, see functions/api/release-proof.ts): they are put back in reading order.
 */

const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u;

const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
const bytesOf = (stream: PDFObject | undefined) =>
  Buffer.from(decodePDFRawStream(stream as PDFRawStream).decode()).toString('latin1');

/** A ToUnicode CMap: glyph id (hex) → text. */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(parseInt(src!, 16), utf16(dst!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, dst] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const start = parseInt(dst!, 16);
      for (let id = parseInt(lo!, 16); id <= parseInt(hi!, 16); id++)
        map.set(id, String.fromCharCode(start + id - parseInt(lo!, 16)));
    }
  }
  return map;
}

export interface PdfText {
  /** One entry per line (same baseline), runs joined in drawing order. */
  lines: string[];
  /** The fonts of the page: BaseFont names. */
  fonts: string[];
  /** Glyph ids drawn that the ToUnicode maps do not know (empty boxes for a reader). */
  unmapped: number;
}

export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const doc = await PDFDocument.load(bytes);
  const lines: string[] = [];
  const fonts = new Set<string>();
  let unmapped = 0;
  for (const page of doc.getPages()) {
    const resources = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
    const maps = new Map<string, Map<number, string>>();
    for (const [name, ref] of resources.entries()) {
      const font = doc.context.lookup(ref, PDFDict);
      fonts.add(font.get(PDFName.of('BaseFont'))!.toString());
      const cmap = font.lookup(PDFName.of('ToUnicode'));
      maps.set(name.toString(), cmap ? toUnicode(bytesOf(cmap)) : new Map());
    }
    const contents = page.node.Contents();
    const streams =
      contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    const content = streams.map(bytesOf).join('\n');
    let font = new Map<number, string>();
    let baseline = '';
    const byLine = new Map<string, string>();
    for (const [, fontName, y, hex] of content.matchAll(
      /(\/\S+) [\d.]+ Tf|1 0 0 1 [-\d.]+ ([-\d.]+) Tm|<([0-9a-fA-F]*)> Tj/g,
    )) {
      if (fontName) font = maps.get(fontName) ?? new Map();
      else if (y) baseline = y;
      else {
        const glyphs = (hex!.match(/.{4}/g) ?? []).map((id) => {
          const text = font.get(parseInt(id, 16));
          if (text === undefined) unmapped += 1;
          return text ?? '\ufffd';
        });
        const run = RTL.test(glyphs.join('')) ? glyphs.reverse().join('') : glyphs.join('');
        byLine.set(baseline, (byLine.get(baseline) ?? '') + run);
      }
    }
    lines.push(...byLine.values());
  }
  return { lines, fonts: [...fonts], unmapped };
}

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';

/**
 * The PDFs the platform writes with pdf-lib (the release proof, the file's summary): A4 pages of
 * text, wrapped and paginated, drawn with one embedded font.
 *
 * Names come from everywhere (Łukasz, Şule, Nguyễn, محمد…), and pdf-lib's standard fonts only
 * encode WinAnsi: the text is drawn with DejaVu Sans (Latin with its extensions and Vietnamese,
 * Greek, Cyrillic, Arabic, Hebrew, Armenian, Georgian), embedded as a subset of the glyphs used (a
 * few KB per PDF). CJK fonts weigh 5 to 16 MB each and emoji fonts are colour bitmaps: neither
 * would fit in the bundle for the rare text that needs them (`covers` tells).
 */

/**
 * Where the font comes from: the npm package `dejavu-fonts-ttf` in the sources, and a copy beside
 * the bundle (`npm run build` writes `<entry>/fonts/`, see infra/build.ts) in the deployed function.
 */
export const PDF_FONT = {
  package: 'dejavu-fonts-ttf',
  file: 'ttf/DejaVuSans.ttf',
  license: 'LICENSE',
  bundledAs: 'fonts/DejaVuSans.ttf',
} as const;

async function fontBytes(): Promise<Uint8Array> {
  if (!import.meta.url.endsWith('.ts')) {
    // This code sits in a chunk (`<entry>/chunks/`) or, should esbuild inline it one day, in `<entry>/index.mjs`.
    for (const relative of [`../${PDF_FONT.bundledAs}`, `./${PDF_FONT.bundledAs}`]) {
      const bytes = await readFile(new URL(relative, import.meta.url)).catch(() => undefined);
      if (bytes) return bytes;
    }
    throw new Error(`${PDF_FONT.bundledAs} is missing beside the bundle (npm run build copies it)`);
  }
  return readFile(createRequire(import.meta.url).resolve(`${PDF_FONT.package}/${PDF_FONT.file}`));
}

/**
 * Read and parsed once per execution environment, on the first PDF. pdf-lib parses the font again
 * for every document through the fontkit it is given: it gets this parsed one instead (subsets are
 * made per document, the parsed font only caches glyphs), which halves a document's time.
 */
let font: Promise<{ bytes: Uint8Array; parsed: Fontkit; covers: (codePoint: number) => boolean }> | undefined;
type Fontkit = { create: (typeof fontkit)['create'] };
const loadFont = () =>
  (font ??= fontBytes().then((bytes) => {
    const parsed = fontkit.create(bytes);
    return {
      bytes,
      parsed: { create: () => parsed },
      covers: (codePoint: number) => parsed.hasGlyphForCodePoint(codePoint),
    };
  })).catch((error: unknown) => {
    font = undefined;
    throw error;
  });

/** Whether the embedded font draws every character of the text (loads the font if needed). */
export async function fontCovers(): Promise<(char: string) => boolean> {
  const { covers } = await loadFont();
  return (char: string) => covers(char.codePointAt(0)!);
}

/**
 * What a person typed, made drawable on one line: one Unicode form (NFC, so a decomposed « e + ´ »
 * is « é »), tabs, line breaks and other control characters as spaces, spaces collapsed.
 */
export function drawableText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A run of right-to-left words (Hebrew, Arabic and their presentation forms), with the spaces between them. */
const RTL_RUN = /([\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]+(?:[ \u00a0][\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]+)*)/u;

/**
 * A line cut into runs of one direction. fontkit shapes and orders a run by its first strong
 * script: an Arabic name inside a French sentence must be its own run to be joined and drawn
 * right to left (a single-direction reordering, enough for names and places).
 */
export const directionRuns = (line: string) => line.split(RTL_RUN).filter(Boolean);

/** A4 portrait, in points, with its margins. */
const PAGE = { width: 595, height: 842, top: 790, bottom: 50, left: 50 } as const;
/** The left margin, and the width of text between the margins. */
export const LEFT_MARGIN = PAGE.left;
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.left;

export interface WriteOptions {
  /** Font size (11 by default). */
  size?: number;
  /** Space after the paragraph, beyond the line's own (6 by default). */
  gap?: number;
  /** Left edge and width of the column (the page's margins by default). */
  x?: number;
  width?: number;
}

/**
 * One document being written, top to bottom: `y` is where the next line goes; a line that does not
 * fit on the page starts the next one.
 */
export class PdfWriter {
  page: PDFPage;
  y: number = PAGE.top;

  private constructor(
    readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly covered: (codePoint: number) => boolean,
  ) {
    this.page = doc.addPage([PAGE.width, PAGE.height]);
  }

  static async create(title: string): Promise<PdfWriter> {
    const { bytes, parsed, covers } = await loadFont();
    const doc = await PDFDocument.create();
    doc.registerFontkit(parsed);
    doc.setTitle(title);
    doc.setLanguage('fr-FR');
    return new PdfWriter(doc, await doc.embedFont(bytes, { subset: true }), covers);
  }

  /** Text the font cannot draw made drawable: emoji (colour pictures) left out, any other missing character as « ? ». */
  drawable(text: string): string {
    return [...text]
      .map((char) => {
        if (this.covered(char.codePointAt(0)!)) return char;
        return /[\p{Extended_Pictographic}\p{Emoji_Component}]/u.test(char) ? '' : '?';
      })
      .join('')
      .replace(/ {2,}/g, ' ')
      .trim();
  }

  /** A paragraph, wrapped at word boundaries within its column (a word longer than the column is cut). */
  write(text: string, options: WriteOptions = {}): void {
    const size = options.size ?? 11;
    const x = options.x ?? PAGE.left;
    const width = options.width ?? TEXT_WIDTH;
    let line = '';
    for (const word of text.split(' ').flatMap((w) => this.cut(w, size, width))) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && this.lineWidth(candidate, size) > width) {
        this.drawLine(line, x, size);
        line = word;
      } else line = candidate;
    }
    if (line) this.drawLine(line, x, size);
    this.y -= options.gap ?? 6;
  }

  /** Starts a new page unless `height` points still fit above the bottom margin. */
  keep(height: number): void {
    if (this.y - height >= PAGE.bottom) return;
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.top;
  }

  embedJpg(bytes: Uint8Array): Promise<PDFImage> {
    // pdf-lib reads the JPEG through its ArrayBuffer from offset 0: a small Node Buffer is a view
    // into a shared pool (byteOffset > 0), which it then takes for « SOI not found ». A copy starts at 0.
    return this.doc.embedJpg(bytes.byteOffset === 0 ? bytes : new Uint8Array(bytes));
  }

  /** An image whose top is at `y` (which stays there: text may go beside it). */
  drawImage(image: PDFImage, box: { x: number; width: number; height: number }): void {
    this.page.drawImage(image, { ...box, y: this.y - box.height });
  }

  save(): Promise<Uint8Array> {
    return this.doc.save();
  }

  private lineWidth(line: string, size: number): number {
    return directionRuns(line).reduce((width, run) => width + this.font.widthOfTextAtSize(run, size), 0);
  }

  /** A word wider than the column (a long link) in pieces that each fit. */
  private cut(word: string, size: number, width: number): string[] {
    if (this.lineWidth(word, size) <= width) return [word];
    const pieces: string[] = [];
    let piece = '';
    for (const char of word) {
      if (piece && this.lineWidth(piece + char, size) > width) {
        pieces.push(piece);
        piece = '';
      }
      piece += char;
    }
    return piece ? [...pieces, piece] : pieces;
  }

  /** One line at `y`, run after run (each right-to-left run is laid out by fontkit on its own). */
  private drawLine(line: string, left: number, size: number): void {
    this.keep(size);
    let x = left;
    for (const run of directionRuns(line)) {
      this.page.drawText(run, { x, y: this.y, size, font: this.font, color: rgb(0.1, 0.1, 0.1) });
      x += this.font.widthOfTextAtSize(run, size);
    }
    this.y -= size + 5;
  }
}

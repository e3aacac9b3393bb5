import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { OnlineRelease } from '../domain/application.ts';
import { formatParisDateTime } from '../domain/campaign.ts';
import { invalid, type FieldIssue } from '../domain/errors.ts';
import { fr, typeset } from '../domain/french.ts';

/**
 * The signed release as a PDF kept as proof: the statements of the paper « décharge droit à l'image »
 * with what the signatory typed and when.
 *
 * Names come from everywhere (Łukasz, Şule, Nguyễn, محمد…), and pdf-lib's standard fonts only
 * encode WinAnsi: the text is drawn with DejaVu Sans (Latin with its extensions and Vietnamese,
 * Greek, Cyrillic, Arabic, Hebrew, Armenian, Georgian), embedded as a subset of the glyphs used (a
 * few KB per PDF). CJK fonts weigh 5 to 16 MB each and emoji fonts are colour bitmaps: neither
 * would fit in this function's bundle for the rare name that needs them; such a name gets a 400
 * that says which characters the proof cannot hold, and the paper release remains possible.
 */

/**
 * Where the font comes from: the npm package `dejavu-fonts-ttf` in the sources, and a copy beside
 * the bundle (`npm run build` writes `<entry>/fonts/`, see infra/build.ts) in the deployed function.
 */
export const PROOF_FONT = {
  package: 'dejavu-fonts-ttf',
  file: 'ttf/DejaVuSans.ttf',
  license: 'LICENSE',
  bundledAs: 'fonts/DejaVuSans.ttf',
} as const;

async function fontBytes(): Promise<Uint8Array> {
  if (!import.meta.url.endsWith('.ts')) {
    // This code sits in a chunk (`<entry>/chunks/`) or, should esbuild inline it one day, in `<entry>/index.mjs`.
    for (const relative of [`../${PROOF_FONT.bundledAs}`, `./${PROOF_FONT.bundledAs}`]) {
      const bytes = await readFile(new URL(relative, import.meta.url)).catch(() => undefined);
      if (bytes) return bytes;
    }
    throw new Error(`${PROOF_FONT.bundledAs} is missing beside the bundle (npm run build copies it)`);
  }
  return readFile(createRequire(import.meta.url).resolve(`${PROOF_FONT.package}/${PROOF_FONT.file}`));
}

/**
 * Read and parsed once per execution environment, on the first signature. pdf-lib parses the font
 * again for every document through the fontkit it is given: it gets this parsed one instead
 * (subsets are made per document, the parsed font only caches glyphs), which halves a proof's time.
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

/**
 * What a person typed, made drawable: one Unicode form (NFC, so a decomposed « e + ´ » is « é »),
 * tabs, line breaks and other control characters as spaces, spaces collapsed.
 */
export function proofText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** « 王 », or U+0301 for what would not show between guillemets (marks, invisible characters). */
const shown = (char: string) =>
  /^[\p{M}\p{C}\p{Z}]$/u.test(char)
    ? `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
    : `« ${char} »`;

function listed(chars: string[]): string {
  const names = chars.slice(0, 6).map(shown);
  if (chars.length > 6) names.push('…');
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} et ${names.at(-1)}`;
}

/** The release's fields as the form labels them (functions/domain/application.ts), for the 400. */
const FIELDS = {
  lastName: 'Nom du signataire',
  firstName: 'Prénom du signataire',
  role: 'Fonction du signataire',
  organisation: 'Entreprise ou organisation',
  place: 'Fait à',
  approval: 'Mention « lu et approuvé »',
} as const satisfies Partial<Record<keyof OnlineRelease, string>>;

/** A run of right-to-left words (Hebrew, Arabic and their presentation forms), with the spaces between them. */
const RTL_RUN = /([\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]+(?:[ \u00a0][\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]+)*)/u;

/**
 * A line cut into runs of one direction. fontkit shapes and orders a run by its first strong
 * script: an Arabic name inside a French sentence must be its own run to be joined and drawn
 * right to left (a single-direction reordering, enough for names and places).
 */
export const directionRuns = (line: string) => line.split(RTL_RUN).filter(Boolean);

/**
 * The PDF proof. Throws a validation error (400, French, per field) when a field holds characters
 * that the embedded font cannot draw, rather than a PDF with empty boxes or a 500.
 */
export async function releaseProofPdf(input: {
  release: OnlineRelease;
  applicationId: string;
  initiativeName?: string;
  signedAt: string;
}): Promise<Uint8Array> {
  const { bytes, parsed, covers } = await loadFont();
  const uncovered = (text: string) => [...new Set([...text].filter((char) => !covers(char.codePointAt(0)!)))];

  const r = Object.fromEntries(
    Object.keys(FIELDS).map((key) => [key, proofText(String(input.release[key as keyof typeof FIELDS]))]),
  ) as Record<keyof typeof FIELDS, string>;
  const issues: FieldIssue[] = Object.entries(FIELDS).flatMap(([key, label]) => {
    const missing = uncovered(r[key as keyof typeof FIELDS]);
    if (!missing.length) return [];
    const these = missing.length === 1 ? 'le caractère' : 'les caractères';
    const verb = missing.length === 1 ? 'ne peut' : 'ne peuvent';
    return [
      {
        field: key,
        message: typeset(
          `${label} : ${these} ${listed(missing)} ${verb} pas figurer dans la décharge signée en ligne. Écrivez-le en lettres latines, ou déposez une décharge signée à la main.`,
        ),
      },
    ];
  });
  if (issues.length)
    throw invalid(
      issues,
      typeset(
        'Certains caractères ne peuvent pas figurer dans la décharge : corrigez les champs signalés, ou déposez une décharge signée à la main.',
      ),
    );
  // The initiative's name only labels the proof (the file id identifies it): what the font lacks is left out.
  const initiativeName = input.initiativeName
    ? proofText([...proofText(input.initiativeName)].filter((char) => covers(char.codePointAt(0)!)).join(''))
    : '';

  const doc = await PDFDocument.create();
  doc.registerFontkit(parsed);
  doc.setTitle(typeset("Décharge droit à l'image – Nos territoires ont de l'avenir"));
  doc.setLanguage('fr-FR');
  const page = doc.addPage([595, 842]);
  const pdfFont = await doc.embedFont(bytes, { subset: true });
  let y = 790;
  const write = (text: string, options: { size?: number; gap?: number } = {}) => {
    const size = options.size ?? 11;
    const words = text.split(' ');
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (lineWidth(pdfFont, candidate, size) > 495 && line) {
        drawLine(page, pdfFont, line, y, size);
        y -= size + 5;
        line = word;
      } else line = candidate;
    }
    if (line) drawLine(page, pdfFont, line, y, size);
    y -= size + 5 + (options.gap ?? 6);
  };
  write(typeset("Décharge droit à l'image"), { size: 18 });
  write(typeset("Appel à initiatives « Nos territoires ont de l'avenir »"), { size: 12, gap: 14 });
  write(fr`Je soussigné(e) ${r.firstName} ${r.lastName}, ${r.role}, pour ${r.organisation} :`);
  write(
    typeset(
      `- certifie avoir reçu les autorisations des personnes concernées pour les ${input.release.imageCount} images fournies dans le cadre de l'appel à initiatives ;`,
    ),
  );
  write(
    typeset(
      "- autorise la fédération à diffuser ces photographies, dans un but exclusivement de communication et d'information du public : sur la plateforme web « Nos territoires ont de l'avenir », sur les réseaux sociaux lors de communications relatives à ce sujet, et sur tous supports papier ou web présentant les projets concernés. Cette autorisation est donnée à titre gracieux, sans limite de territoire et pour une durée indéterminée ;",
    ),
  );
  write(
    typeset(
      '- reconnais que les utilisations prévues ne peuvent porter atteinte à la vie privée ni causer de préjudice aux personnes représentées sur ces photos.',
    ),
    { gap: 14 },
  );
  write(fr`Fait à ${r.place}, le ${formatParisDateTime(input.signedAt)} (heure de Paris).`);
  write(fr`Mention saisie par le signataire : « ${r.approval} »`, { gap: 14 });
  write(fr`Dossier ${input.applicationId}${initiativeName ? fr` – initiative « ${initiativeName} »` : ''}`, {
    size: 9,
  });
  write(`Signé en ligne le ${input.signedAt} (UTC).`, { size: 9 });
  return doc.save();
}

function lineWidth(font: PDFFont, line: string, size: number): number {
  return directionRuns(line).reduce((width, run) => width + font.widthOfTextAtSize(run, size), 0);
}

/** One line, run after run (each right-to-left run is laid out by fontkit on its own). */
function drawLine(page: PDFPage, font: PDFFont, line: string, y: number, size: number) {
  let x = 50;
  for (const run of directionRuns(line)) {
    page.drawText(run, { x, y, size, font, color: rgb(0.1, 0.1, 0.1) });
    x += font.widthOfTextAtSize(run, size);
  }
}

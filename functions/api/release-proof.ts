import type { OnlineRelease } from '../domain/application.ts';
import { formatParisDateTime } from '../domain/campaign.ts';
import { invalid, type FieldIssue } from '../domain/errors.ts';
import { drawableText, fontCovers, PdfWriter } from '../shared/pdf-writer.ts';

/**
 * The signed release as a PDF kept as proof: the statements of the paper « décharge droit à l'image »
 * with what the signatory typed and when, drawn with the embedded font of functions/shared/pdf-writer.ts.
 * A name with characters that font cannot draw (CJK, emoji) gets a 400 that says which characters the
 * proof cannot hold, and the paper release remains possible.
 */

/** « 王 », or U+0301 for what would not show between guillemets (marks, invisible characters). */
const shown = (char: string) =>
  /^[\p{M}\p{C}\p{Z}]$/u.test(char)
    ? `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
    : `«\u00a0${char}\u00a0»`;

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
  approval: 'Mention «\u00a0lu et approuvé\u00a0»',
} as const satisfies Partial<Record<keyof OnlineRelease, string>>;

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
  const covers = await fontCovers();
  const uncovered = (text: string) => [...new Set([...text].filter((char) => !covers(char)))];

  const r = Object.fromEntries(
    Object.keys(FIELDS).map((key) => [key, drawableText(String(input.release[key as keyof typeof FIELDS]))]),
  ) as Record<keyof typeof FIELDS, string>;
  const issues: FieldIssue[] = Object.entries(FIELDS).flatMap(([key, label]) => {
    const missing = uncovered(r[key as keyof typeof FIELDS]);
    if (!missing.length) return [];
    const these = missing.length === 1 ? 'le caractère' : 'les caractères';
    const verb = missing.length === 1 ? 'ne peut' : 'ne peuvent';
    return [
      {
        field: key,
        message: `${label}\u00a0: ${these} ${listed(missing)} ${verb} pas figurer dans la décharge signée en ligne. Écrivez-le en lettres latines, ou déposez une décharge signée à la main.`,
      },
    ];
  });
  if (issues.length)
    throw invalid(
      issues,
      'Certains caractères ne peuvent pas figurer dans la décharge\u00a0: corrigez les champs signalés, ou déposez une décharge signée à la main.',
    );
  // The initiative's name only labels the proof (the file id identifies it): what the font lacks is left out.
  const initiativeName = input.initiativeName
    ? drawableText([...drawableText(input.initiativeName)].filter(covers).join(''))
    : '';

  const pdf = await PdfWriter.create('Décharge droit à l’image – Nos territoires ont de l’avenir');
  const write = pdf.write.bind(pdf);
  write('Décharge droit à l’image', { size: 18 });
  write('Appel à initiatives «\u00a0Nos territoires ont de l’avenir\u00a0»', { size: 12, gap: 14 });
  write(`Je soussigné(e) ${r.firstName} ${r.lastName}, ${r.role}, pour ${r.organisation}\u00a0:`);
  write(
    `- certifie avoir reçu les autorisations des personnes concernées pour les ${input.release.imageCount} images fournies dans le cadre de l’appel à initiatives\u202f;`,
  );
  write(
    '- autorise la fédération à diffuser ces photographies, dans un but exclusivement de communication et d’information du public\u00a0: sur la plateforme web «\u00a0Nos territoires ont de l’avenir\u00a0», sur les réseaux sociaux lors de communications relatives à ce sujet, et sur tous supports papier ou web présentant les projets concernés. Cette autorisation est donnée à titre gracieux, sans limite de territoire et pour une durée indéterminée\u202f;',
  );
  write(
    '- reconnais que les utilisations prévues ne peuvent porter atteinte à la vie privée ni causer de préjudice aux personnes représentées sur ces photos.',
    { gap: 14 },
  );
  write(`Fait à ${r.place}, le ${formatParisDateTime(input.signedAt)} (heure de Paris).`);
  write(`Mention saisie par le signataire\u00a0: «\u00a0${r.approval}\u00a0»`, { gap: 14 });
  write(`Dossier ${input.applicationId}${initiativeName ? ` – initiative «\u00a0${initiativeName}\u00a0»` : ''}`, {
    size: 9,
  });
  write(`Signé en ligne le ${input.signedAt} (UTC).`, { size: 9 });
  return pdf.save();
}

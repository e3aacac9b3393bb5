import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { OnlineRelease } from '../domain/application.ts';
import { formatParisDateTime } from '../domain/campaign.ts';

/**
 * The signed release as a PDF kept as proof: the statements of the paper « décharge droit à l'image »
 * with what the signatory typed and when. pdf-lib's standard Helvetica covers French (WinAnsi).
 */
export async function releaseProofPdf(input: { release: OnlineRelease; applicationId: string; initiativeName?: string; signedAt: string }): Promise<Uint8Array> {
  const { release: r } = input;
  const doc = await PDFDocument.create();
  doc.setTitle("Décharge droit à l'image – Nos territoires ont de l'avenir");
  doc.setLanguage('fr-FR');
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let y = 790;
  const write = (text: string, options: { size?: number; bold?: boolean; gap?: number } = {}) => {
    const size = options.size ?? 11;
    const f = options.bold ? bold : font;
    const words = text.split(' ');
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (f.widthOfTextAtSize(candidate, size) > 495) {
        page.drawText(line, { x: 50, y, size, font: f, color: rgb(0.1, 0.1, 0.1) });
        y -= size + 5;
        line = word;
      } else line = candidate;
    }
    if (line) page.drawText(line, { x: 50, y, size, font: f, color: rgb(0.1, 0.1, 0.1) });
    y -= size + 5 + (options.gap ?? 6);
  };
  write("Décharge droit à l'image", { size: 18, bold: true });
  write("Appel à initiatives « Nos territoires ont de l'avenir »", { size: 12, gap: 14 });
  write(`Je soussigné(e) ${r.firstName} ${r.lastName}, ${r.role}, pour ${r.organisation} :`);
  write(`- certifie avoir reçu les autorisations des personnes concernées pour les ${r.imageCount} images fournies dans le cadre de l'appel à initiatives ;`);
  write("- autorise la fédération à diffuser ces photographies, dans un but exclusivement de communication et d'information du public : sur la plateforme web « Nos territoires ont de l'avenir », sur les réseaux sociaux lors de communications relatives à ce sujet, et sur tous supports papier ou web présentant les projets concernés. Cette autorisation est donnée à titre gracieux, sans limite de territoire et pour une durée indéterminée ;");
  write('- reconnais que les utilisations prévues ne peuvent porter atteinte à la vie privée ni causer de préjudice aux personnes représentées sur ces photos.', { gap: 14 });
  write(`Fait à ${r.place}, le ${formatParisDateTime(input.signedAt)} (heure de Paris).`);
  write(`Mention saisie par le signataire : « ${r.approval} »`, { gap: 14 });
  write(`Dossier ${input.applicationId}${input.initiativeName ? ` – initiative « ${input.initiativeName} »` : ''}`, { size: 9 });
  write(`Signé en ligne le ${input.signedAt} (UTC).`, { size: 9 });
  return doc.save();
}

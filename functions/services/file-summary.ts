import type { ApplicationParts, PhotoRecord } from '../adapters/application-store.ts';
import { MediaBucket } from '../adapters/media-bucket.ts';
import { UploadsBucket } from '../adapters/uploads-bucket.ts';
import type { Campaign } from '../domain/campaign.ts';
import { fileSummary, type FileSummary, type FileSummaryInput } from '../domain/file-summary.ts';
import type { AttachmentRef } from '../domain/queued-email.ts';
import { RECEIPTS_PREFIX } from '../domain/bucket-prefixes.ts';
import { s3Client } from '../shared/clients/s3.ts';
import { LEFT_MARGIN, PdfWriter, TEXT_WIDTH } from '../shared/pdf-writer.ts';

/** Thumbnails on the page: at most this wide and this tall (points), the photo's own proportions kept. */
const THUMB = { width: 150, height: 112 } as const;
const GAP = 16;

/** The smallest JPEG variant of a photo (400 px wide): sharp enough for a thumbnail, a few tens of KB. */
const thumbnailKey = (photo: PhotoRecord) =>
  photo.variants?.filter((v) => v.format === 'jpeg').sort((a, b) => a.width - b.width)[0]?.key;

/**
 * The summary as a PDF: title, reference and date, then each section's lines, the description, the
 * photos (thumbnail beside its caption and credit) and the release. Text the font cannot draw (an
 * emoji in a description) is left out rather than failing the email.
 */
export async function fileSummaryPdf(summary: FileSummary, thumbnails: ReadonlyMap<number, Uint8Array>) {
  const pdf = await PdfWriter.create(summary.title);
  const write = (text: string, options?: Parameters<PdfWriter['write']>[1]) => pdf.write(pdf.drawable(text), options);
  /** A heading stays with what follows it (`below` points of it at least). */
  const heading = (text: string, below = 40) => {
    pdf.keep(30 + below);
    pdf.y -= 8;
    write(text, { size: 14, gap: 4 });
  };
  write(summary.title, { size: 20 });
  write(summary.subtitle, { size: 12, gap: 10 });
  write(summary.reference, { size: 13 });
  write(summary.issued, { size: 10, gap: 8 });
  for (const section of summary.sections) {
    heading(section.heading);
    for (const line of section.lines) write(line, { size: 10.5, gap: 2 });
    if (section.text) {
      pdf.y -= 6;
      write(section.text.label, { size: 10.5, gap: 2 });
      for (const paragraph of section.text.paragraphs) write(paragraph, { size: 10, gap: 4 });
    }
  }
  heading('Photos', THUMB.height);
  for (const photo of summary.photos) {
    const bytes = thumbnails.get(photo.slot);
    const image = bytes && (await pdf.embedJpg(bytes));
    const scale = image ? Math.min(THUMB.width / image.width, THUMB.height / image.height) : 0;
    const height = image ? image.height * scale : 0;
    pdf.keep(Math.max(height, 40));
    const top = pdf.y;
    if (image) pdf.drawImage(image, { x: LEFT_MARGIN, width: image.width * scale, height });
    const x = LEFT_MARGIN + THUMB.width + GAP;
    const width = TEXT_WIDTH - THUMB.width - GAP;
    pdf.y = top - 10;
    write(photo.caption, { size: 10, gap: 2, x, width });
    write(photo.credit, { size: 9, x, width });
    pdf.y = Math.min(pdf.y, top - height) - GAP;
  }
  heading('Décharge droit à l’image');
  write(summary.release, { size: 10.5 });
  return pdf.save();
}

/** What the summary says of the file's parts as recorded. */
function summaryInput(parts: ApplicationParts, campaign: Campaign, reference: string, at: Date): FileSummaryInput {
  const release = parts.release;
  if (!release) throw new Error(`application ${parts.app.id}: a complete file without a release`);
  return {
    reference,
    campaignTitle: campaign.title,
    fields: parts.app.fields,
    photos: parts.photos.filter((p) => p.state === 'ready'),
    release:
      release.mode === 'online'
        ? { mode: 'online', signatory: release.signatory, signedAt: release.signedAt, imageCount: release.imageCount }
        : { mode: 'scan', imageCount: release.imageCount },
    at: at.toISOString(),
  };
}

/**
 * Draws the complete file's summary with its photos' thumbnails (media bucket) and stores it under
 * the file's `receipts/` prefix (erased with the file, expired by lifecycle: functions/domain/retention.ts),
 * for the « dossier complet » email of rank `sequence` to attach. The same rank writes the same key.
 */
export async function storeFileSummary(
  parts: ApplicationParts,
  campaign: Campaign,
  buckets: { uploads: string; media: string },
  email: { reference: string; sequence: number; at: Date },
): Promise<AttachmentRef> {
  const media = new MediaBucket(s3Client(), buckets.media);
  const thumbnails = new Map<number, Uint8Array>();
  await Promise.all(
    parts.photos.map(async (photo) => {
      const key = photo.state === 'ready' ? thumbnailKey(photo) : undefined;
      if (key) thumbnails.set(photo.slot, await media.read(key));
    }),
  );
  const pdf = await fileSummaryPdf(fileSummary(summaryInput(parts, campaign, email.reference, email.at)), thumbnails);
  const key = `${RECEIPTS_PREFIX}${parts.app.id}/recapitulatif-${email.sequence}.pdf`;
  await new UploadsBucket(s3Client(), buckets.uploads).putPdf(key, pdf);
  return { key, filename: `recapitulatif-${email.reference}.pdf`, contentType: 'application/pdf' };
}

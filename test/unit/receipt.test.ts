import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { rawEmail } from '../../functions/adapters/raw-email.ts';
import { completeEmail, releaseCopyEmail } from '../../functions/domain/emails.ts';
import { formatFileReference } from '../../functions/domain/file-reference.ts';
import { fileSummary, type FileSummaryInput } from '../../functions/domain/file-summary.ts';
import { queuedEmailSchema } from '../../functions/domain/queued-email.ts';
import {
  RELEASE_ATTACHMENT_MAX_BYTES,
  releaseAttachment,
  releaseCopyRecipients,
} from '../../functions/domain/release-copy.ts';
import { fileSummaryPdf } from '../../functions/services/file-summary.ts';
import { syntheticJpeg } from '../bench/images.ts';
import { completeFields } from '../support/fixtures.ts';
import { frenchStyleIssues, htmlText } from '../support/french-style.ts';
import { pdfText } from '../support/pdf-text.ts';

/**
 * Issue #15, « A receipt »: the pure parts of the « dossier complet » email's reference and summary,
 * and of the signatory's copy of the release. The local stack's counterpart: test/integration/receipt.test.ts.
 */

const APP = '3f0c6d1e-8a41-4c1b-9d7e-2b5f6a7c8d9e';
const flat = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('file reference', () => {
  it('is the prefix, the edition year and the rank on at least four digits', () => {
    expect(formatFileReference(2028, 42)).toBe('NTA-2028-0042');
    expect(formatFileReference(2028, 1)).toBe('NTA-2028-0001');
    expect(formatFileReference(2029, 12345)).toBe('NTA-2029-12345');
    expect(() => formatFileReference(2028, 0)).toThrow();
    expect(() => formatFileReference(2028, 1.5)).toThrow();
  });
});

const input = (over: Partial<FileSummaryInput> = {}): FileSummaryInput => ({
  reference: 'NTA-2028-0042',
  campaignTitle: 'Édition 2028',
  fields: completeFields({
    initiative: {
      ...completeFields().initiative,
      description: `${completeFields().initiative.description}\n\nDeuxième paragraphe : les ateliers du samedi.`,
      facebook: 'https://facebook.example/recyclerie',
    },
  }),
  photos: [
    { slot: 2, caption: 'L’atelier de réparation', credit: 'Jeanne Dupont' },
    { slot: 1, caption: 'La boutique', credit: '' },
  ],
  release: { mode: 'online', signatory: 'Claire Martin', signedAt: '2028-03-01T09:30:00Z', imageCount: 4 },
  at: '2028-02-29T22:59:00Z',
  ...over,
});

describe('file summary (content)', () => {
  const summary = fileSummary(input());
  const all = [
    summary.title,
    summary.subtitle,
    summary.reference,
    summary.issued,
    ...summary.sections.flatMap((s) => [s.heading, ...s.lines, s.text?.label ?? '', ...(s.text?.paragraphs ?? [])]),
    ...summary.photos.flatMap((p) => [p.caption, p.credit]),
    summary.release,
  ];

  it('holds every field the applicant gave, the axis by its name and the links given', () => {
    const f = completeFields();
    const text = flat(all.join('\n'));
    for (const value of [
      ...Object.values(f.company),
      ...Object.values(f.contact),
      f.initiative.name,
      f.initiative.website,
      'https://facebook.example/recyclerie',
      'Environnement & nouvelle économie',
    ])
      expect(text).toContain(value);
    expect(text).toContain('Site web : https://recyclerie-du-val.example.org');
    expect(text).toContain('Page Facebook : https://facebook.example/recyclerie');
    // Links left empty are not listed.
    expect(text).not.toContain('Compte Twitter');
    const description = summary.sections.find((s) => s.text)!.text!;
    expect(description.paragraphs).toEqual([f.initiative.description, 'Deuxième paragraphe : les ateliers du samedi.']);
  });

  it('gives the reference, the date in Paris time, the photos in order with their credits, the release', () => {
    expect(flat(summary.reference)).toBe('Référence du dossier : NTA-2028-0042');
    // 22:59 UTC on 29 February is 23:59 in Paris (winter time).
    expect(summary.issued).toContain('29 février 2028 à 23 h 59 (heure de Paris)');
    expect(summary.photos.map((p) => [p.slot, flat(p.caption), p.credit])).toEqual([
      [1, 'Photo 1 : La boutique', 'Crédit non renseigné'],
      [2, 'Photo 2 : L’atelier de réparation', '© Jeanne Dupont'],
    ]);
    expect(flat(summary.release)).toBe(
      'Décharge droit à l’image signée en ligne par Claire Martin le 1er mars 2028 à 10 h 30 (heure de Paris), pour 4 images.',
    );
    expect(fileSummary(input({ release: { mode: 'scan', imageCount: 4 } })).release).toContain('signée à la main');
  });

  it('says « aucun » when no link was given', () => {
    const f = completeFields();
    const bare = fileSummary(input({ fields: { ...f, initiative: { ...f.initiative, website: '' } } }));
    expect(bare.sections[0]!.lines.map(flat)).toContain('Liens : aucun');
  });

  it('writes our text in the French style', () => {
    // What people typed is drawn as typed: given free of the signs the style checks, only our text is judged.
    const f = completeFields();
    const typed = (section: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(section).map(([key, value]) => [key, value && key !== 'axis' ? 'valeur' : value]),
      );
    const summary = fileSummary(
      input({
        fields: {
          company: typed(f.company),
          contact: { ...typed(f.contact), email: 'valeur@example.org' },
          initiative: typed(f.initiative),
        },
        photos: [{ slot: 1, caption: 'valeur', credit: 'valeur' }],
      }),
    );
    const ours = [
      summary.title,
      summary.subtitle,
      summary.reference,
      summary.issued,
      ...summary.sections.flatMap((s) => [s.heading, ...s.lines, s.text?.label ?? '']),
      ...summary.photos.flatMap((p) => [p.caption, p.credit]),
      summary.release,
      fileSummary(input({ release: { mode: 'scan', imageCount: 1 } })).release,
    ]
      // The axis is a name: it keeps its capital after « Axe : ».
      .filter((line) => !line.startsWith('Axe'));
    expect(ours.flatMap(frenchStyleIssues)).toEqual([]);
  });
});

describe('file summary (PDF)', () => {
  it('draws every line and the thumbnails, in the embedded font, and leaves out what it cannot draw', async () => {
    const thumbnail = await syntheticJpeg(400, 267, 3);
    const fields = input().fields;
    const summary = fileSummary(
      input({ fields: { ...fields, initiative: { ...fields.initiative, name: 'La recyclerie 🌱 du Val' } } }),
    );
    const bytes = await fileSummaryPdf(summary, new Map([[1, thumbnail]]));
    const { lines, unmapped } = await pdfText(bytes);
    const text = flat(lines.join('\n'));
    expect(unmapped).toBe(0);
    expect(text).toContain('Récapitulatif du dossier');
    expect(text).toContain('Référence du dossier : NTA-2028-0042');
    expect(text).toContain('La recyclerie du Val');
    expect(text).not.toContain('?');
    expect(text).toContain('© Jeanne Dupont');
    expect(text).toContain('Deuxième paragraphe : les ateliers du samedi.');
    expect(text).toContain('signée en ligne par Claire Martin');
    // The description (1 000 characters and more) wraps over several lines, every word kept.
    expect(text.replace(/\s+/g, ' ')).toContain(
      'Prochaine étape : un atelier de réparation ouvert aux habitants le samedi.',
    );
    expect(Buffer.from(bytes).includes(Buffer.from('/Subtype /Image'))).toBe(true);
  });

  it('draws a small thumbnail read into a pooled Buffer (pdf-lib alone took it for « SOI not found »)', async () => {
    // A plain-colour 400 px JPEG is under 4 KB: Buffer.from copies it into Node's shared pool, at an offset.
    const small = Buffer.from(
      new Uint8Array(
        await sharp({ create: { width: 400, height: 300, channels: 3, background: '#c83c28' } })
          .jpeg()
          .toBuffer(),
      ),
    );
    expect(small.byteOffset).toBeGreaterThan(0);
    const bytes = await fileSummaryPdf(fileSummary(input()), new Map([[1, small]]));
    expect(Buffer.from(bytes).includes(Buffer.from('/Subtype /Image'))).toBe(true);
  });
});

describe('« dossier complet » email', () => {
  it('gives the reference and announces the summary attached', () => {
    const email = completeEmail({
      firstName: 'Claire',
      initiativeName: 'La recyclerie du Val',
      resumeUrl: 'https://site.example/candidater/#dossier=1&jeton=abc',
      deadlineLabel: '29 février 2028 à 23 h 59',
      notificationLabel: '15 mars 2028',
      reference: 'NTA-2028-0042',
    });
    expect(flat(email.text)).toContain('Sa référence : NTA-2028-0042.');
    expect(htmlText(email.html)).toContain('NTA-2028-0042');
    expect(email.text).toContain('joint à ce message (PDF)');
  });
});

describe('the signatory’s copy of the release', () => {
  it('goes to the contact, and to the signatory only when that is another mailbox', () => {
    expect(releaseCopyRecipients('claire@example.org', undefined)).toEqual([
      { role: 'contact', to: 'claire@example.org' },
    ]);
    expect(releaseCopyRecipients('claire@example.org', '')).toHaveLength(1);
    // Case and plus-addressing: the same mailbox, one copy.
    expect(releaseCopyRecipients('claire@example.org', 'Claire+decharge@Example.org')).toHaveLength(1);
    expect(releaseCopyRecipients('claire@example.org', 'direction@example.org')).toEqual([
      { role: 'contact', to: 'claire@example.org' },
      { role: 'signatory', to: 'direction@example.org' },
    ]);
  });

  it('attaches the PDF proof, or the scan as sent unless too heavy for an email', () => {
    expect(releaseAttachment({ mode: 'online', proofKey: `proofs/${APP}/release-1.pdf` })).toEqual({
      key: `proofs/${APP}/release-1.pdf`,
      filename: 'decharge-droit-image-signee.pdf',
      contentType: 'application/pdf',
    });
    const scan = { mode: 'scan', key: `releases/${APP}/u.jpg`, contentType: 'image/jpeg' } as const;
    expect(releaseAttachment({ ...scan, bytes: 2_000_000 })).toMatchObject({
      key: scan.key,
      filename: 'decharge-droit-image-signee.jpg',
    });
    expect(releaseAttachment({ ...scan, bytes: RELEASE_ATTACHMENT_MAX_BYTES + 1 })).toBeUndefined();
  });

  it('says when the file could not be attached', () => {
    const online = releaseCopyEmail({
      initiativeName: 'La recyclerie du Val',
      release: { mode: 'online', signatory: 'Claire Martin', signedAtLabel: '1er mars 2028 à 10 h 30' },
      attached: true,
    });
    expect(online.subject).not.toMatch(/complet/i);
    expect(flat(online.text)).toContain('signée en ligne par Claire Martin le 1er mars 2028 à 10 h 30');
    expect(online.text).toContain('copie jointe');
    const heavy = releaseCopyEmail({ release: { mode: 'scan' }, attached: false });
    expect(heavy.text).toContain('trop lourd');
    expect(heavy.text).not.toContain('copie jointe');
  });
});

describe('attachments in the mail queue', () => {
  const message = (key: string) => ({
    idempotencyKey: `${APP}#complete#1`,
    to: 'claire@example.org',
    kind: 'complete',
    applicationId: APP,
    queuedAt: '2028-02-01T10:00:00Z',
    email: {
      subject: 'S',
      html: '<p>H</p>',
      text: 'T',
      attachments: [{ key, filename: 'a.pdf', contentType: 'application/pdf' }],
    },
  });

  it('travel as keys of the file’s own objects, never another file’s', () => {
    expect(queuedEmailSchema.safeParse(message(`receipts/${APP}/recapitulatif-1.pdf`)).success).toBe(true);
    expect(queuedEmailSchema.safeParse(message(`releases/${APP}/u.pdf`)).success).toBe(true);
    expect(queuedEmailSchema.safeParse(message('receipts/another-file/recapitulatif-1.pdf')).success).toBe(false);
    expect(queuedEmailSchema.safeParse(message(`receipts/${APP}/../x/recapitulatif-1.pdf`)).success).toBe(false);
    expect(queuedEmailSchema.safeParse(message(`photos/${APP}/1/u.jpg`)).success).toBe(false);
    expect(queuedEmailSchema.safeParse({ ...message(`receipts/${APP}/r.pdf`), applicationId: undefined }).success).toBe(
      false,
    );
  });

  it('are sent in a MIME message built by MailComposer, file names and subject encoded', async () => {
    const raw = Buffer.from(
      await rawEmail('Avenir <communication@example.org>', 'claire@example.org', {
        subject: 'Dossier complet : « Vélos »',
        html: '<p>Bonjour</p>',
        text: 'Bonjour',
        attachments: [
          {
            filename: 'recapitulatif-NTA-2028-0042.pdf',
            contentType: 'application/pdf',
            content: Buffer.from('%PDF-1.7'),
          },
        ],
      }),
    ).toString();
    expect(raw).toMatch(/^From: Avenir <communication@example\.org>\r\nTo: claire@example\.org\r\n/);
    expect(raw).toContain('Subject: =?UTF-8?');
    expect(raw).toMatch(/Content-Type: multipart\/mixed/);
    expect(raw).toContain('Content-Disposition: attachment; filename=recapitulatif-NTA-2028-0042.pdf');
    expect(raw).toContain(Buffer.from('%PDF-1.7').toString('base64'));
  });
});

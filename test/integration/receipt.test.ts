import { ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { FileReferences } from '../../functions/adapters/file-references.ts';
import { formatFileReference } from '../../functions/domain/file-reference.ts';
import type { QueuedEmail } from '../../functions/domain/queued-email.ts';
import { syntheticJpeg } from '../bench/images.ts';
import { AdminClient } from '../support/admin-seed.ts';
import { ApplicantClient, validRelease } from '../support/api-client.ts';
import { completeFields } from '../support/fixtures.ts';
import { invokeFunction, localDynamoDb, localS3, localSqs } from '../support/local-clients.ts';
import { inboxFor, type InboxEmail } from '../support/inbox.ts';
import { pdfText } from '../support/pdf-text.ts';
import { openTestCampaign } from '../support/seed.ts';
import { s3Event } from '../support/s3-events.ts';

/**
 * Issue #15, « A receipt », on the local stack: the « dossier complet » email carries the file's
 * reference and its summary as a PDF attachment (sent raw by the mail queue's consumer, which reads
 * it from the uploads bucket with its own role), a duplicate completion takes no second reference
 * and sends no second email, and the signatory of the release gets its copy, once.
 */

const stack = inject('stack');
const front = stack.urls.front;
const db = DynamoDBDocumentClient.from(localDynamoDb(stack));
const run = randomUUID().slice(0, 8);
let campaignId: string;
let photos: Buffer[];

type SentEmail = InboxEmail;
const inbox = (address: string) => inboxFor(front, address);
const isComplete = (e: SentEmail) => /complet/i.test(e.subject) && !/manquantes/i.test(e.subject);
const isReleaseCopy = (e: SentEmail) => /décharge droit à l.image signée/i.test(e.subject);
const textOf = async (attachment: SentEmail['attachments'][number]) =>
  (await pdfText(Buffer.from(attachment.content, 'base64'))).lines.join('\n').replace(/[\u00a0\u202f]/g, ' ');

const counter = async (id: string) =>
  (await db.send(new GetCommand({ TableName: stack.env.TABLE_NAME, Key: { pk: `CAMPAIGN#${id}`, sk: 'REFERENCES' } })))
    .Item?.lastRank as number | undefined;
/** The emails the file's history records (what the console's history shows), as `kind` or `kind:recipient`. */
const emailHistory = async (id: string) =>
  (
    await db.send(
      new QueryCommand({
        TableName: stack.env.TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)',
        ExpressionAttributeValues: { ':pk': `APP#${id}`, ':h': 'HIST#' },
      }),
    )
  )
    .Items!.filter((i) => i.type === 'email')
    .map((i) => [i.kind, i.recipient].filter(Boolean).join(':'))
    .sort();
const record = async (id: string) =>
  (await db.send(new GetCommand({ TableName: stack.env.TABLE_NAME, Key: { pk: `APP#${id}`, sk: 'META' } }))).Item!;

async function newApplicant(label: string) {
  const client = new ApplicantClient(front);
  const email = `receipt-${label}-${run}@example.org`;
  const fields = completeFields();
  await client.create({ ...fields, contact: { ...fields.contact, email } });
  return { client, email };
}

async function withPhotos(client: ApplicantClient) {
  await Promise.all(photos.map((photo, i) => client.uploadPhoto(i + 1, photo)));
  await client.waitFor((v) => v.photos.filter((p) => p.state === 'ready').length === 4, 60_000);
  await Promise.all(
    [1, 2, 3, 4].map((slot) =>
      client.call('PATCH', `/api/applications/${client.id}/photos/${slot}`, {
        caption: `Légende de la photo ${slot}`,
        credit: `Photographe ${slot}`,
      }),
    ),
  );
}

const submit = (client: ApplicantClient) =>
  client.call<{ status: string; reference?: string }>('POST', `/api/applications/${client.id}/submit`);

beforeAll(async () => {
  campaignId = (await openTestCampaign(stack)).id;
  photos = await Promise.all([1, 2, 3, 4].map((seed) => syntheticJpeg(1600, 1200, seed)));
});

describe('« dossier complet »: a reference and the file’s summary', () => {
  let client: ApplicantClient;
  let email: string;
  let reference: string;

  it('emails the reference and the summary (PDF) of every field, the photos’ credits, the release', async () => {
    ({ client, email } = await newApplicant('complete'));
    await withPhotos(client);
    expect((await client.call('POST', `/api/applications/${client.id}/release`, validRelease(4))).status).toBe(200);
    expect((await client.get()).reference).toBeUndefined();

    const submitted = await submit(client);
    expect(submitted.body.status).toBe('complete');
    reference = submitted.body.reference!;
    expect(reference).toMatch(/^NTA-\d{4}-\d{4,}$/);
    expect(reference).toBe(String((await record(client.id)).reference));
    expect(await counter(campaignId)).toBe(Number(reference.slice(-4)));

    const complete = (await inbox(email)).filter(isComplete);
    expect(complete).toHaveLength(1);
    expect(complete[0]!.body.text.replace(/\u00a0/g, ' ')).toContain(`Sa référence : ${reference}.`);
    expect(complete[0]!.attachments).toEqual([
      expect.objectContaining({ filename: `recapitulatif-${reference}.pdf`, contentType: 'application/pdf' }),
    ]);
    const text = await textOf(complete[0]!.attachments[0]!);
    const f = completeFields();
    expect(text).toContain(`Référence du dossier : ${reference}`);
    for (const value of [
      f.company.name,
      f.company.address,
      f.company.postalCode,
      f.company.city,
      f.contact.phone,
      email,
      f.initiative.name,
      f.initiative.website,
      'Environnement & nouvelle économie',
      'Photographe 4',
      'Légende de la photo 1',
      'signée en ligne par Claire Martin',
    ])
      expect(text).toContain(value);
    // The description, wrapped over lines, is there word for word.
    expect(text.replace(/\s+/g, ' ')).toContain(f.initiative.description.slice(0, 300));

    // The console shows it too.
    const admin = await AdminClient.signIn(stack);
    const detail = await admin.call<{ application: { reference: string | null } }>(
      'GET',
      `/api/admin/applications/${client.id}`,
    );
    expect(detail.body.application.reference).toBe(reference);
  });

  it('takes no second reference and sends no second email for a duplicate completion', async () => {
    const ranks = await counter(campaignId);
    // Submitted again, a photo event delivered twice (evaluated again), the email's message delivered twice.
    expect((await submit(client)).body).toMatchObject({ status: 'complete', reference });
    const view = await client.get();
    const first = view.photos[0]!;
    await invokeFunction(
      'photo',
      s3Event(stack, `photos/${client.id}/1/${first.uploadId}.jpg`, photos[0]!.length, 'F'.repeat(32)),
    );
    const sent = (
      await db.send(
        new GetCommand({ TableName: stack.env.TABLE_NAME, Key: { pk: `EMAIL#${client.id}#complete#1`, sk: 'EMAIL' } }),
      )
    ).Item!;
    expect(sent.state).toBe('sent');
    const duplicate: QueuedEmail = {
      idempotencyKey: `${client.id}#complete#1`,
      to: email,
      kind: 'complete',
      applicationId: client.id,
      queuedAt: new Date().toISOString(),
      email: {
        subject: 'Votre dossier est complet',
        html: '<p>Doublon</p>',
        text: 'Doublon',
        attachments: [
          { key: `receipts/${client.id}/recapitulatif-1.pdf`, filename: 'r.pdf', contentType: 'application/pdf' },
        ],
      },
    };
    await localSqs().send(
      new SendMessageCommand({ QueueUrl: stack.env.MAIL_QUEUE_URL!, MessageBody: JSON.stringify(duplicate) }),
    );

    expect((await inbox(email)).filter(isComplete)).toHaveLength(1);
    expect(await counter(campaignId)).toBe(ranks);
    expect((await record(client.id)).reference).toBe(reference);
    expect((await client.get()).reference).toBe(reference);
  });

  it('erases the summary with the file', async () => {
    const listed = async () =>
      (
        await localS3().send(
          new ListObjectVersionsCommand({ Bucket: stack.env.UPLOADS_BUCKET, Prefix: `receipts/${client.id}/` }),
        )
      ).Versions ?? [];
    expect((await listed()).length).toBeGreaterThan(0);
    const admin = await AdminClient.signIn(stack);
    const erased = await admin.call('DELETE', `/api/admin/applications/${client.id}`, {
      confirmation: 'SUPPRIMER',
      reason: 'data-subject-request',
    });
    expect(erased.status).toBe(200);
    expect(await listed()).toEqual([]);
  });
});

describe('references under concurrency (the counter against DynamoDB Local)', () => {
  it('gives each file one rank, none twice, none skipped, whatever the duplicates', async () => {
    const campaign = `receipt-${randomUUID()}`;
    const ids = Array.from({ length: 6 }, () => randomUUID());
    const table = stack.env.TABLE_NAME!;
    await Promise.all(
      ids.map((id) => db.send(new PutCommand({ TableName: table, Item: { pk: `APP#${id}`, sk: 'META' } }))),
    );
    try {
      const references = new FileReferences(db, table);
      const format = (rank: number) => formatFileReference(2099, rank);
      // Each file twice at once (a retried request, a duplicate event), every file at the same time.
      const taken = await Promise.all([...ids, ...ids].map((id) => references.assign(id, campaign, format)));
      const byFile = ids.map((id, i) => [taken[i], taken[i + ids.length]]);
      for (const [a, b] of byFile) expect(a).toBe(b);
      expect(byFile.map(([a]) => a).sort()).toEqual(ids.map((_, i) => formatFileReference(2099, i + 1)));
      expect(await counter(campaign)).toBe(ids.length);
      // An erased file (no record) takes none.
      expect(await references.assign(randomUUID(), campaign, format)).toBeUndefined();
      expect(await counter(campaign)).toBe(ids.length);
    } finally {
      await Promise.all(
        [...ids.map((id) => ({ pk: `APP#${id}`, sk: 'META' })), { pk: `CAMPAIGN#${campaign}`, sk: 'REFERENCES' }].map(
          (Key) => db.send(new DeleteCommand({ TableName: table, Key })),
        ),
      );
    }
  });
});

describe('the signatory’s copy of the release', () => {
  it('signed online: the contact and the signatory each get the PDF proof, once', async () => {
    const { client, email } = await newApplicant('online');
    const signatory = `receipt-signataire-${run}@example.org`;
    const signed = await client.call('POST', `/api/applications/${client.id}/release`, {
      ...validRelease(4),
      firstName: 'Mathilde',
      lastName: 'Roux',
      email: signatory,
    });
    expect(signed.status).toBe(200);

    for (const address of [email, signatory]) {
      const copies = (await inbox(address)).filter(isReleaseCopy);
      expect(copies).toHaveLength(1);
      expect(copies[0]!.body.text).toContain('signée en ligne par Mathilde Roux');
      expect(copies[0]!.attachments).toEqual([
        expect.objectContaining({ filename: 'decharge-droit-image-signee.pdf', contentType: 'application/pdf' }),
      ]);
      const proof = await textOf(copies[0]!.attachments[0]!);
      expect(proof).toContain('Je soussigné(e) Mathilde Roux');
    }
    // The contact's own address as the signatory's: one copy, not two.
    const same = await newApplicant('same');
    await same.client.call('POST', `/api/applications/${same.client.id}/release`, {
      ...validRelease(4),
      email: same.email.toUpperCase(),
    });
    expect((await inbox(same.email)).filter(isReleaseCopy)).toHaveLength(1);
    // The file's history tells each copy by its recipient's role (no address), and the welcome email.
    expect(await emailHistory(client.id)).toEqual(['release-copy:contact', 'release-copy:signatory', 'welcome']);
    expect(await emailHistory(same.client.id)).toEqual(['release-copy:contact', 'welcome']);
  });

  it('sent as a scan: the contact gets the very file, once, even when its event comes twice', async () => {
    const { client, email } = await newApplicant('scan');
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Décharge signée à la main'.normalize('NFD').replace(/\p{Diacritic}/gu, ''));
    const scan = Buffer.from(await doc.save());
    const slot = await client.slot({
      kind: 'release',
      contentType: 'application/pdf',
      size: scan.length,
      imageCount: 4,
    });
    expect(await client.post(slot, scan, 'application/pdf')).toBeLessThan(300);
    await client.waitFor((v) => v.release?.mode === 'scan' && v.release.state === 'received');
    await invokeFunction('release', s3Event(stack, slot.key, scan.length, 'F'.repeat(32)));

    const copies = (await inbox(email)).filter(isReleaseCopy);
    expect(copies).toHaveLength(1);
    expect(copies[0]!.body.text).toContain('a bien été reçue');
    expect(copies[0]!.attachments).toHaveLength(1);
    expect(Buffer.from(copies[0]!.attachments[0]!.content, 'base64').equals(scan)).toBe(true);
    // The first event's handler writes its history line once the copy is queued: wait for it, then
    // check the duplicate event added none.
    await expect.poll(() => emailHistory(client.id), { timeout: 15_000 }).toContain('release-copy:contact');
    expect(await emailHistory(client.id)).toEqual(['release-copy:contact', 'welcome']);
  });
});

import { GetItemCommand, QueryCommand, UpdateItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { invokeFunction, waitForDelivery } from '../support/local-clients.ts';
import { s3Event } from '../support/s3-events.ts';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { completeFields } from '../support/fixtures.ts';
import { ApplicantClient, validRelease } from '../support/api-client.ts';
import { openTestCampaign } from '../support/seed.ts';
import { pngBomb, syntheticJpeg } from '../bench/images.ts';
import { hashToken } from '../../functions/domain/tokens.ts';
import type { ApplicationView } from '../../functions/domain/views.ts';
import { inboxFor, type InboxEmail } from '../support/inbox.ts';

const stack = inject('stack');
const front = stack.urls.front;
let photos: Buffer[];
let campaignId: string;

const s3 = () =>
  new S3Client({
    endpoint: stack.env.AWS_ENDPOINT_URL_S3,
    region: stack.env.AWS_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: stack.env.AWS_ACCESS_KEY_ID!, secretAccessKey: stack.env.AWS_SECRET_ACCESS_KEY! },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
const dynamo = () =>
  new DynamoDBClient({
    endpoint: stack.env.AWS_ENDPOINT_URL_DYNAMODB,
    region: stack.env.AWS_REGION,
    credentials: { accessKeyId: stack.env.AWS_ACCESS_KEY_ID!, secretAccessKey: stack.env.AWS_SECRET_ACCESS_KEY! },
  });

/** The inbox answers once the mail queue is drained: every email queued before the call is in it. */
const inboxOf = (email: string) => inboxFor(front, email);

/** The photo function of the stack (its bundle, its role), to replay events by hand. */
async function photoHandler(): Promise<(event: S3Event) => Promise<unknown>> {
  return (event) => invokeFunction('photo', event);
}

/** The file's history entries as `type:detail` strings (photo slot and state, email kind…). */
async function historyOf(id: string): Promise<string[]> {
  const res = await dynamo().send(
    new QueryCommand({
      TableName: stack.env.TABLE_NAME!,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)',
      ExpressionAttributeValues: { ':pk': { S: `APP#${id}` }, ':h': { S: 'HIST#' } },
    }),
  );
  return res.Items!.map((i) => [i.type!.S, i.slot?.N, i.state?.S ?? i.kind?.S ?? i.to?.S].filter(Boolean).join(':'));
}

const isComplete = (e: InboxEmail) => /complet/i.test(e.subject) && !/manquantes/i.test(e.subject);
const isMissing = (e: InboxEmail) => /manquantes/i.test(e.subject);
/** The completeness emails the applicant has received so far. */
async function completenessEmails(email: string): Promise<{ complete: number; missing: number }> {
  const emails = await inboxOf(email);
  return { complete: emails.filter(isComplete).length, missing: emails.filter(isMissing).length };
}

/** The status recorded on the file (what the console lists), not the one the view recomputes. */
async function recordedStatus(id: string): Promise<string | undefined> {
  const res = await dynamo().send(
    new GetItemCommand({
      TableName: stack.env.TABLE_NAME!,
      Key: { pk: { S: `APP#${id}` }, sk: { S: 'META' } },
      ConsistentRead: true,
    }),
  );
  return res.Item?.status?.S;
}

const submit = (client: ApplicantClient) =>
  client.call<{ status: string; missing: { field: string; message: string }[] }>(
    'POST',
    `/api/applications/${client.id}/submit`,
  );

async function newApplicant(fields = completeFields()) {
  const client = new ApplicantClient(front);
  const email = `claire+${randomUUID().slice(0, 8)}@example.org`;
  await client.create({ ...fields, contact: { ...fields.contact, email } });
  return { client, email };
}

beforeAll(async () => {
  campaignId = (await openTestCampaign(stack)).id;
  photos = await Promise.all([1, 2, 3, 4].map((seed) => syntheticJpeg(1600, 1200, seed)));
});

describe('an application from creation to « dossier complet »', () => {
  it('goes complete once 4 photos processed concurrently and a release are in, and emails that exactly once', async () => {
    const { client, email } = await newApplicant();
    await Promise.all(photos.map((photo, i) => client.uploadPhoto(i + 1, photo)));
    await client.waitFor((v) => v.photos.filter((p) => p.state === 'ready').length === 4);
    const signed = await client.call('POST', `/api/applications/${client.id}/release`, validRelease(4));
    expect(signed.status).toBe(200);
    const submitted = await client.call<{ status: string; missing: unknown[] }>(
      'POST',
      `/api/applications/${client.id}/submit`,
    );
    expect(submitted.body).toMatchObject({ status: 'complete', missing: [] });

    const view = await client.get();
    expect(view.photos.map((p) => p.thumbnail?.webp)).toEqual(
      [1, 2, 3, 4].map(() => expect.stringMatching(/^\/media\/.+\/400\.webp$/)),
    );
    const thumb = await fetch(`${front}${view.photos[0]!.thumbnail!.jpeg}`);
    expect(thumb.headers.get('content-type')).toBe('image/jpeg');

    const emails = await inboxOf(email);
    expect(emails.filter((e) => /complet/i.test(e.subject) && !/manquantes/i.test(e.subject))).toHaveLength(1);
    expect(emails.filter((e) => /lien personnel/.test(e.subject))).toHaveLength(1);
    const complete = emails.find((e) => /complet/i.test(e.subject))!;
    expect(complete.body.text).toMatch(/\/candidater\/#dossier=[0-9a-f-]{36}&jeton=[\w-]{43}/);

    // A second submission, a replayed photo event: still one « complet » email.
    await client.call('POST', `/api/applications/${client.id}/submit`);
    const handler = await photoHandler();
    const first = view.photos[0]!;
    const key = `photos/${client.id}/1/${first.uploadId}.jpg`;
    await handler(s3Event(stack, key, photos[0]!.length, '0000000000000000000000000000000F'));
    const again = await client.get();
    expect(again.photos[0]).toEqual(first);
    expect((await inboxOf(email)).filter((e) => /complet/i.test(e.subject))).toHaveLength(1);
    // One line per processed photo, none for the replay; one for the email.
    const history = await historyOf(client.id);
    expect(history.filter((h) => h.startsWith('photo:')).sort()).toEqual([
      'photo:1:ready',
      'photo:2:ready',
      'photo:3:ready',
      'photo:4:ready',
    ]);
    expect(history.filter((h) => h === 'email:complete')).toHaveLength(1);
  });

  it('creates one file for a double click (same creation key) and sends one welcome email', async () => {
    const a = new ApplicantClient(front);
    const b = new ApplicantClient(front);
    const key = randomUUID();
    const email = `double+${randomUUID().slice(0, 8)}@example.org`;
    const [one, two] = await Promise.all([
      a.create({ contact: { email } }, key),
      b.create({ contact: { email } }, key),
    ]);
    expect(one.id).toBe(two.id);
    expect(a.token).not.toBe(b.token);
    expect((await b.get()).id).toBe(one.id);
    // Both creations have answered: whatever they queued is in the inbox.
    expect(await inboxOf(email)).toHaveLength(1);
  });

  it('tells what is missing once per submission, not once per upload', async () => {
    const { client, email } = await newApplicant();
    const submitted = await client.call<{ status: string; missing: { field: string }[] }>(
      'POST',
      `/api/applications/${client.id}/submit`,
    );
    expect(submitted.body.status).toBe('incomplete');
    expect(submitted.body.missing.map((m) => m.field)).toEqual([
      'photos.1',
      'photos.2',
      'photos.3',
      'photos.4',
      'release',
    ]);
    await client.uploadPhoto(1, photos[0]!);
    await client.waitFor((v) => v.photos.some((p) => p.state === 'ready'));
    await client.uploadPhoto(2, photos[1]!);
    await client.waitFor((v) => v.photos.filter((p) => p.state === 'ready').length === 2);
    const missing = (await inboxOf(email)).filter((e) => /manquantes/i.test(e.subject));
    expect(missing).toHaveLength(1);
    // The emails typeset the messages (a narrow no-break space before the colon).
    expect(missing[0]!.body.text).toMatch(/Photo 1\s*:\s*à ajouter/);
  });
});

describe('drafts are saved as typed; the final rules judge « J’envoie mon dossier »', () => {
  it('stores a short description and a half-typed email, reads them back, and lists them at the submission', async () => {
    const { client, email } = await newApplicant();
    const short = 'Une description commencée, encore bien trop courte pour le jury. '.repeat(5).trim();
    expect(short.length).toBeLessThan(1000);
    const saved = await client.call<ApplicationView>('PATCH', `/api/applications/${client.id}`, {
      initiative: { description: ` ${short} ` },
      contact: { email: 'Claire.Nouvelle@exa' },
    });
    expect(saved.status).toBe(200);
    // The private link reads back what was typed (trimmed; the email lower-cased as it will be).
    const view = await client.get();
    expect(view.fields.initiative?.description).toBe(short);
    expect(view.fields.contact?.email).toBe('claire.nouvelle@exa');
    expect(view.missing).toContainEqual({
      field: 'initiative.description',
      message: 'Description\u00a0: au moins 1000 caractères (environ 10 lignes).',
    });
    // An autosave emails nobody.
    expect(await completenessEmails(email)).toEqual({ complete: 0, missing: 0 });

    const submitted = await submit(client);
    expect(submitted.body.status).toBe('incomplete');
    expect(submitted.body.missing).toEqual(
      expect.arrayContaining([
        {
          field: 'initiative.description',
          message: 'Description\u00a0: au moins 1000 caractères (environ 10 lignes).',
        },
        {
          field: 'contact.email',
          message: 'Courriel\u00a0: indiquez une adresse valide, par exemple prenom.nom@exemple.fr.',
        },
      ]),
    );
    // « Pièces manquantes » says it too, at the last valid address (the half-typed one is nobody's).
    const missing = (await inboxOf(email)).filter(isMissing);
    expect(missing).toHaveLength(1);
    expect(missing[0]!.body.text).toMatch(/Description\s*:\s*au moins 1[\s\u202f]?000 caractères/);

    // A draft is still bounded: no megabytes, refused in French.
    const huge = await client.call<{ issues: { field: string; message: string }[] }>(
      'PATCH',
      `/api/applications/${client.id}`,
      { initiative: { description: 'x'.repeat(10_000) } },
    );
    expect(huge.status).toBe(400);
    expect(huge.body.issues).toEqual([
      { field: 'initiative.description', message: expect.stringMatching(/^Description\u00a0: texte trop long/) },
    ]);
    expect((await client.get()).fields.initiative?.description).toBe(short);
  });
});

describe('the company’s place follows the official list', () => {
  it('derives the department and the region from the postal code; an unknown code leaves them to fill', async () => {
    const base = completeFields();
    const { client } = await newApplicant({
      ...base,
      company: { ...base.company, postalCode: '29200', city: 'brest', region: 'Atlantide', department: 'Nulle part' },
    });
    expect((await client.get()).fields.company).toMatchObject({
      city: 'Brest',
      department: 'Finistère',
      region: 'Bretagne',
    });

    const unknown = await client.call<ApplicationView>('PATCH', `/api/applications/${client.id}`, {
      company: { ...base.company, postalCode: '99999', region: 'Atlantide' },
    });
    expect(unknown.body.fields.company).toMatchObject({ postalCode: '99999', region: '', department: '' });
    expect(unknown.body.missing).toContainEqual({
      field: 'company.region',
      message: 'Région\u00a0: champ obligatoire.',
    });
  });
});

describe('completeness emails wait for « J’envoie mon dossier »', () => {
  it(
    'a photo removed then put back: the status follows at once, an email only at a submission whose verdict changed',
    { timeout: 120_000 },
    async () => {
      const { client, email } = await newApplicant();
      await Promise.all(photos.map((photo, i) => client.uploadPhoto(i + 1, photo)));
      await client.waitFor((v) => v.photos.filter((p) => p.state === 'ready').length === 4);
      expect((await client.call('POST', `/api/applications/${client.id}/release`, validRelease(4))).status).toBe(200);
      expect((await submit(client)).body.status).toBe('complete');
      expect(await completenessEmails(email)).toEqual({ complete: 1, missing: 0 });

      // A photo removed: form and console see « incomplet » at once; the mailbox does not change.
      const removed = await client.call<ApplicationView>('DELETE', `/api/applications/${client.id}/photos/1`);
      expect(removed.body.status).toBe('incomplete');
      expect(await recordedStatus(client.id)).toBe('incomplete');
      // The removal has answered and starts nothing asynchronous (S3 notifies object creations only).
      expect(await completenessEmails(email)).toEqual({ complete: 1, missing: 0 });

      // « J'envoie mon dossier »: one « pièces manquantes »; sent again at once: nothing more.
      const first = await submit(client);
      expect(first.body).toMatchObject({ status: 'incomplete', missing: [{ field: 'photos.1' }] });
      expect(await completenessEmails(email)).toEqual({ complete: 1, missing: 1 });
      expect((await submit(client)).body.status).toBe('incomplete');
      expect(await completenessEmails(email)).toEqual({ complete: 1, missing: 1 });

      // The photo put back and processed: « complet » recorded at once, no email until the applicant sends.
      const back = await client.uploadPhoto(1, photos[0]!);
      await client.waitFor((v) => v.photos.filter((p) => p.state === 'ready').length === 4);
      await expect.poll(() => recordedStatus(client.id), { timeout: 30_000 }).toBe('complete');
      // The photo function's run on it has ended (its follow-up evaluation included).
      await waitForDelivery((d) => d.key === back.key && d.outcome !== 'pending', { timeoutMs: 30_000 });
      expect(await completenessEmails(email)).toEqual({ complete: 1, missing: 1 });

      expect((await submit(client)).body.status).toBe('complete');
      expect(await completenessEmails(email)).toEqual({ complete: 2, missing: 1 });
      expect((await submit(client)).body.status).toBe('complete');
      expect(await completenessEmails(email)).toEqual({ complete: 2, missing: 1 });
      const emails = (await historyOf(client.id)).filter((h) => h === 'email:complete' || h === 'email:missing');
      expect(emails).toEqual(['email:complete', 'email:missing', 'email:complete']);
    },
  );
});

describe('the private link opens its own file only', () => {
  it('refuses no token, another file’s token and an expired token, in French, without telling whether the file exists', async () => {
    const { client: mine } = await newApplicant();
    const { client: other } = await newApplicant();
    const as = (token: string, id = mine.id) =>
      Object.assign(new ApplicantClient(front), { id, token }).call<{ message: string }>(
        'GET',
        `/api/applications/${id}`,
      );
    expect((await as(mine.token)).status).toBe(200);
    expect((await as('')).status).toBe(401);
    const crossed = await as(other.token);
    expect(crossed.status).toBe(401);
    expect(crossed.body.message).toMatch(/lien personnel/);
    expect(await as(mine.token, randomUUID())).toEqual(crossed);

    await dynamo().send(
      new UpdateItemCommand({
        TableName: stack.env.TABLE_NAME!,
        Key: { pk: { S: `APP#${mine.id}` }, sk: { S: `TOKEN#${hashToken(mine.token)}` } },
        UpdateExpression: 'SET expiresAt = :past',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':past': { N: String(Math.floor(Date.now() / 1000) - 60) } },
      }),
    );
    expect((await as(mine.token)).status).toBe(401);
    expect((await as(other.token, other.id)).status).toBe(200);
  });
});

describe('bad files are recorded with a French reason, nothing is lost', () => {
  const expectRejected = async (client: ApplicantClient, slot: number, pattern: RegExp) => {
    const view = await client.waitFor((v) => v.photos.some((p) => p.slot === slot && p.state !== 'processing'));
    const photo = view.photos.find((p) => p.slot === slot)!;
    expect(photo.state).toBe('rejected');
    expect(photo.message).toMatch(pattern);
    expect(view.missing.find((m) => m.field === `photos.${slot}`)?.message).toMatch(/refusée/);
  };

  it('a corrupt JPEG', async () => {
    const { client } = await newApplicant();
    await client.uploadPhoto(1, Buffer.concat([photos[0]!.subarray(0, 2000), Buffer.alloc(3000, 7)]));
    await expectRejected(client, 1, /.+/);
    expect((await historyOf(client.id)).filter((h) => h.startsWith('photo:'))).toEqual(['photo:1:rejected']);
  });

  it('a PDF renamed .jpg', async () => {
    const { client } = await newApplicant();
    await client.uploadPhoto(2, Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n'));
    await expectRejected(client, 2, /.+/);
  });

  it('a 30000x30000 PNG bomb', async () => {
    const { client } = await newApplicant();
    await client.uploadPhoto(3, pngBomb(30000, 30000), 'image/png');
    await expectRejected(client, 3, /.+/);
  });

  it('a file over 20 MB: S3 refuses the POST (its policy), and the handler would refuse it too', async () => {
    const { client } = await newApplicant();
    const big = Buffer.concat([photos[0]!, Buffer.alloc(21 * 1024 * 1024 - photos[0]!.length)]);
    const slot = await client.slot({ kind: 'photo', slot: 4, contentType: 'image/jpeg', size: 1000 });
    // As S3 answers a POST over its content-length-range: 400 EntityTooLarge, nothing stored.
    expect(await client.post(slot, big, 'image/jpeg')).toBe(400);
    await expect(
      s3().send(new HeadObjectCommand({ Bucket: stack.env.UPLOADS_BUCKET!, Key: slot.key })),
    ).rejects.toMatchObject({ name: 'NotFound' });
    // Were such an object there anyway, the photo function checks the size by itself.
    await s3().send(
      new PutObjectCommand({ Bucket: stack.env.UPLOADS_BUCKET!, Key: slot.key, Body: big, ContentType: 'image/jpeg' }),
    );
    await (
      await photoHandler()
    )(s3Event(stack, slot.key, big.length, '00000000000000000000000000000009'));
    await expectRejected(client, 4, /20 Mo/);
  });

  it('refuses an upload slot over 20 MB or of another type, in French', async () => {
    const { client } = await newApplicant();
    const tooBig = await client.call<{ issues: { message: string }[] }>(
      'POST',
      `/api/applications/${client.id}/uploads`,
      { kind: 'photo', slot: 1, contentType: 'image/jpeg', size: 30 * 1024 * 1024 },
    );
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.issues[0]!.message).toMatch(/20 Mo/);
    const heic = await client.call<{ issues: { message: string }[] }>(
      'POST',
      `/api/applications/${client.id}/uploads`,
      { kind: 'photo', slot: 1, contentType: 'image/heic', size: 1000 },
    );
    expect(heic.body.issues[0]!.message).toMatch(/HEIC/);
  });
});

describe('events arrive twice and out of order', () => {
  it('keeps the later upload of a slot whatever the order its events are handled in', async () => {
    const { client } = await newApplicant();
    const handler = await photoHandler();
    const older = await client.slot({ kind: 'photo', slot: 1, contentType: 'image/jpeg', size: photos[0]!.length });
    const newer = await client.slot({ kind: 'photo', slot: 1, contentType: 'image/jpeg', size: photos[1]!.length });
    expect(await client.post(older, photos[0]!, 'image/jpeg')).toBeLessThan(300);
    expect(await client.post(newer, photos[1]!, 'image/jpeg')).toBeLessThan(300);
    // Newer first, then the older one, then the newer again (duplicate): the dispatcher delivers its own copies too.
    await handler(s3Event(stack, newer.key, photos[1]!.length, '00000000000000000000000000000002'));
    await handler(s3Event(stack, older.key, photos[0]!.length, '00000000000000000000000000000001'));
    await handler(s3Event(stack, newer.key, photos[1]!.length, '00000000000000000000000000000002'));
    const view = await client.waitFor((v) =>
      v.photos.some((p) => p.uploadId === newer.uploadId && p.state === 'ready'),
    );
    // The dispatcher's own deliveries of both uploads have ended too.
    for (const { key } of [older, newer])
      await waitForDelivery((d) => d.key === key && d.outcome !== 'pending', { timeoutMs: 30_000 });
    const settled = await client.get();
    expect(settled.photos).toHaveLength(1);
    expect(settled.photos[0]!.uploadId).toBe(newer.uploadId);
    expect(view.photos[0]!.uploadId).toBe(newer.uploadId);
    // The older upload's variants are gone from the media bucket (or were never kept).
    const olderVariant = `media/${client.id}/1/${older.uploadId}/400.webp`;
    await expect(
      s3().send(new HeadObjectCommand({ Bucket: stack.env.MEDIA_BUCKET!, Key: olderVariant })),
    ).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('throws (so Lambda retries) when the object cannot be read, instead of recording a verdict', async () => {
    const { client } = await newApplicant();
    const handler = await photoHandler();
    const key = `photos/${client.id}/2/${'0'.repeat(12)}${'a'.repeat(20)}.jpg`;
    await expect(handler(s3Event(stack, key, 1000, '00000000000000000000000000000001'))).rejects.toMatchObject({
      name: 'NoSuchKey',
    });
    expect((await client.get()).photos).toEqual([]);
  });
});

describe('after the deadline', () => {
  it('refuses new upload slots and rejects an upload that arrives late, telling the applicant', async () => {
    const { client } = await newApplicant();
    const slot = await client.slot({ kind: 'photo', slot: 1, contentType: 'image/jpeg', size: photos[0]!.length });
    const db = dynamo();
    const key = { pk: { S: `CAMPAIGN#${campaignId}` }, sk: { S: 'META' } };
    const original = (await db.send(new GetItemCommand({ TableName: stack.env.TABLE_NAME!, Key: key }))).Item!.dates!.M!
      .deadline!.S!;
    const past = new Date(Date.now() - 60_000).toISOString();
    await db.send(
      new UpdateItemCommand({
        TableName: stack.env.TABLE_NAME!,
        Key: key,
        UpdateExpression: 'SET dates.deadline = :d',
        ExpressionAttributeValues: { ':d': { S: past } },
      }),
    );
    try {
      const refused = await client.call<{ message: string }>('POST', `/api/applications/${client.id}/uploads`, {
        kind: 'photo',
        slot: 2,
        contentType: 'image/jpeg',
        size: 1000,
      });
      expect(refused.status).toBe(409);
      expect(refused.body.message).toMatch(/clos/);
      expect(await client.post(slot, photos[0]!, 'image/jpeg')).toBeLessThan(300);
      const view = await client.waitFor((v) => v.photos.some((p) => p.slot === 1));
      expect(view.photos[0]).toMatchObject({ state: 'rejected', message: expect.stringMatching(/après la clôture/) });
      expect(view.editable).toBe(false);
    } finally {
      await db.send(
        new UpdateItemCommand({
          TableName: stack.env.TABLE_NAME!,
          Key: key,
          UpdateExpression: 'SET dates.deadline = :d',
          ExpressionAttributeValues: { ':d': { S: original } },
        }),
      );
    }
  });
});

import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, ListObjectVersionsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runSmoke, smokePhoto, type SmokeResult } from '../../infra/smoke.ts';
import { AdminClient } from '../support/admin-seed.ts';
import { ApplicantClient } from '../support/api-client.ts';
import { completeFields } from '../support/fixtures.ts';
import { localDynamoDb, localS3 } from '../support/local-clients.ts';
import { s3Event } from '../support/s3-events.ts';
import { openTestCampaign } from '../support/seed.ts';
import { inboxFor } from '../support/inbox.ts';

/**
 * `npm run smoke` against the local stack (test files: POST /api/applications {test: true},
 * DELETE /api/applications/:id), then a look for real at what the erase left behind.
 */

const stack = inject('stack');
const front = stack.urls.front;
let s3: S3Client;
let dynamo: DynamoDBClient;

/** Every item of the file's partition (`APP#<id>`: record, parts, history, links). */
async function partition(id: string) {
  const res = await dynamo.send(
    new QueryCommand({
      TableName: stack.env.TABLE_NAME!,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: `APP#${id}` } },
      ConsistentRead: true,
    }),
  );
  return res.Items ?? [];
}

/** Keys of every object and every version (delete markers included) under the file's upload prefixes. */
async function uploadVersions(id: string): Promise<string[]> {
  const found: string[] = [];
  for (const prefix of [`photos/${id}/`, `releases/${id}/`, `proofs/${id}/`]) {
    const objects = await s3.send(new ListObjectsV2Command({ Bucket: stack.env.UPLOADS_BUCKET!, Prefix: prefix }));
    found.push(...(objects.Contents ?? []).map((o) => o.Key!));
    const versions = await s3.send(
      new ListObjectVersionsCommand({ Bucket: stack.env.UPLOADS_BUCKET!, Prefix: prefix }),
    );
    found.push(
      ...[...(versions.Versions ?? []), ...(versions.DeleteMarkers ?? [])].map((v) => `${v.Key}@${v.VersionId}`),
    );
  }
  return found;
}

async function mediaKeys(id: string): Promise<string[]> {
  const res = await s3.send(new ListObjectsV2Command({ Bucket: stack.env.MEDIA_BUCKET!, Prefix: `media/${id}/` }));
  return (res.Contents ?? []).map((o) => o.Key!);
}

const inboxOf = (address: string) => inboxFor(front, address);

beforeAll(async () => {
  s3 = localS3(stack);
  dynamo = localDynamoDb(stack);
  await openTestCampaign(stack, { title: 'Appel ouvert pour le test de bon fonctionnement' });
});

afterAll(() => {
  s3?.destroy();
  dynamo?.destroy();
});

describe('npm run smoke against the local stack', () => {
  let result: SmokeResult;
  const lines: string[] = [];

  beforeAll(async () => {
    result = await runSmoke(front, { log: (line) => lines.push(line) });
  }, 120_000);

  it('passes every check, the test application included, and says so in French', () => {
    expect(
      result.checks.filter((c) => !c.ok),
      lines.join('\n'),
    ).toEqual([]);
    expect(result.checks.map((c) => c.name)).toEqual([
      "Page d'accueil (/)",
      'En-têtes de sécurité de /',
      'Formulaire de candidature (/candidater/)',
      'En-têtes de sécurité de /candidater/',
      'API : appel à initiatives (GET /api/campaign)',
      'Dossier de test créé (POST /api/applications)',
      '4 photos déposées (dépôt signé vers le bucket)',
      '4 photos traitées (fonction photo)',
      'Dossier de test supprimé (DELETE /api/applications/:id)',
    ]);
    expect(result.ok).toBe(true);
    expect(result.applicationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.at(-1)).toMatch(/Tout fonctionne/);
  });

  it('leaves no DynamoDB item in the file’s partition', async () => {
    expect(await partition(result.applicationId!)).toEqual([]);
  });

  it('leaves no object nor version under the file’s upload prefixes, and nothing under its media', async () => {
    expect(await uploadVersions(result.applicationId!)).toEqual([]);
    expect(await mediaKeys(result.applicationId!)).toEqual([]);
  });

  it('sent no email to the test application’s address', async () => {
    expect(result.testEmail).toMatch(/@example\.invalid$/);
    expect(await inboxOf(result.testEmail!)).toEqual([]);
  });

  it('records nothing for a photo event that arrives after the erase, and does not throw', async () => {
    Object.assign(process.env, stack.env);
    const { handler } = await import('../../functions/photo/index.ts');
    const key = `photos/${result.applicationId}/1/${randomBytes(16).toString('hex')}.jpg`;
    await expect(handler(s3Event(stack, key, 5000, 'F'.repeat(32)))).resolves.toBeUndefined();
    expect(await partition(result.applicationId!)).toEqual([]);
    expect(await mediaKeys(result.applicationId!)).toEqual([]);
  });
});

describe('DELETE /api/applications/:id on a real file sent', () => {
  it('answers 409 in French and erases nothing', async () => {
    const client = new ApplicantClient(front);
    const email = `reel+${randomUUID().slice(0, 8)}@example.org`;
    const fields = completeFields();
    await client.create({ ...fields, contact: { ...fields.contact, email } });
    const upload = await client.uploadPhoto(1, await smokePhoto(1));
    await client.waitFor((v) => v.photos.some((p) => p.slot === 1 && p.state === 'ready'));
    // Sent (« J'envoie mon dossier »): the team's to erase now, not the form's (a draft may be deleted).
    expect((await client.call('POST', `/api/applications/${client.id}/submit`)).status).toBe(200);
    const before = await partition(client.id);
    const mediaBefore = await mediaKeys(client.id);
    expect(mediaBefore.length).toBeGreaterThan(0);

    const refused = await client.call<{ error: string; message: string }>('DELETE', `/api/applications/${client.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/ne peut plus être supprimé/);

    // Without the private link: the usual 401, which tells nothing about the file.
    const anonymous = await Object.assign(new ApplicantClient(front), { id: client.id }).call(
      'DELETE',
      `/api/applications/${client.id}`,
    );
    expect(anonymous.status).toBe(401);

    expect((await client.get()).photos[0]?.state).toBe('ready');
    expect((await partition(client.id)).map((i) => i.sk!.S).sort()).toEqual(before.map((i) => i.sk!.S).sort());
    await expect(
      s3.send(new HeadObjectCommand({ Bucket: stack.env.UPLOADS_BUCKET!, Key: upload.key })),
    ).resolves.toBeDefined();
    expect(await mediaKeys(client.id)).toEqual(mediaBefore);
    // A real file does get its emails: the inbox the smoke test relies on works.
    expect((await inboxOf(email)).length).toBeGreaterThan(0);
  });
});

describe('a test file while it exists', () => {
  it('is not listed, counted or exported by the console, and emails nobody, even once sent', async () => {
    const campaignId = (await openTestCampaign(stack, { title: 'Appel pour vérifier la console' })).id;
    const real = new ApplicantClient(front);
    await real.create({
      contact: { email: `reel+${randomUUID().slice(0, 8)}@example.org` },
      initiative: { name: 'Initiative réelle' },
    });
    const test = new ApplicantClient(front);
    const email = `test-deploiement+${randomUUID().slice(0, 8)}@example.invalid`;
    const created = await test.call<{ application: { id: string }; token: string }>('POST', '/api/applications', {
      creationKey: randomUUID(),
      fields: { contact: { email }, initiative: { name: 'Initiative de test' } },
      test: true,
    });
    expect(created.status).toBe(201);
    Object.assign(test, { id: created.body.application.id, token: created.body.token });
    // « J'envoie mon dossier » on an incomplete file would send « pièces manquantes »: not for a test file.
    expect((await test.call<{ status: string }>('POST', `/api/applications/${test.id}/submit`)).body.status).toBe(
      'incomplete',
    );

    const admin = await AdminClient.signIn(stack);
    const listed = await admin.call<{ rows: { id: string }[]; total: number }>(
      'GET',
      `/api/admin/applications?campaignId=${campaignId}`,
    );
    expect(listed.body.rows.map((r) => r.id)).toEqual([real.id]);
    expect(
      (await admin.call<{ total: number }>('GET', `/api/admin/dashboard?campaignId=${campaignId}`)).body.total,
    ).toBe(1);
    const csv = await admin.call('GET', `/api/admin/applications.csv?campaignId=${campaignId}`);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Initiative réelle');
    expect(csv.text).not.toContain('Initiative de test');

    // Every item of its partition expires within a day (DynamoDB's TTL), should nobody erase it.
    const items = await partition(test.id);
    expect(items.length).toBeGreaterThan(2);
    for (const item of items)
      expect(Number(item.expiresAt?.N) - Date.now() / 1000, item.sk?.S).toBeGreaterThan(23 * 3600);
    for (const item of items)
      expect(Number(item.expiresAt?.N) - Date.now() / 1000, item.sk?.S).toBeLessThanOrEqual(24 * 3600);
    expect(await inboxOf(email)).toEqual([]);
  });
});

import { ListObjectsV2Command, ListObjectVersionsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { unzipSync } from 'fflate';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AuditEntry } from '../../functions/adapters/audit-store.ts';
import { formatParisDate } from '../../functions/domain/campaign.ts';
import { purgeDate } from '../../functions/domain/retention.ts';
import type { AdvanceReport } from '../../infra/local/clock.ts';
import { AdminClient, seedApplications } from '../support/admin-seed.ts';
import { ApplicantClient } from '../support/api-client.ts';
import { completeFields } from '../support/fixtures.ts';
import { invokeFunction, localDynamoDb, localS3, waitForDelivery } from '../support/local-clients.ts';
import { openTestCampaign, type SeededCampaign } from '../support/seed.ts';

/**
 * Personal data (issue #14) on the local stack: the console's erasure and export of one file, the
 * applicant's « Supprimer ce brouillon », and the daily purge run by the simulated clock at the date
 * the privacy page states, each checked for what is left in DynamoDB and S3 (every version).
 */

const stack = inject('stack');
const front = stack.urls.front;
const db = DynamoDBDocumentClient.from(localDynamoDb(stack));
const s3 = localS3(stack);
const run = Date.now().toString(36);
let admin: AdminClient;
let campaign: SeededCampaign;
let files: ApplicantClient[];

async function partition(id: string) {
  const res = await db.send(
    new QueryCommand({
      TableName: stack.env.TABLE_NAME,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `APP#${id}` },
      ConsistentRead: true,
    }),
  );
  return res.Items ?? [];
}

/** Every object, version and delete marker the file has under every prefix of both buckets. */
async function objectsOf(id: string): Promise<string[]> {
  const found: string[] = [];
  for (const prefix of ['photos', 'releases', 'proofs', 'exports'].map((p) => `${p}/${id}/`)) {
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: stack.env.UPLOADS_BUCKET, Prefix: prefix }));
    found.push(
      ...[...(versions.Versions ?? []), ...(versions.DeleteMarkers ?? [])].map((v) => `${v.Key}@${v.VersionId}`),
    );
    const current = await s3.send(new ListObjectsV2Command({ Bucket: stack.env.UPLOADS_BUCKET, Prefix: prefix }));
    found.push(...(current.Contents ?? []).map((o) => o.Key!));
  }
  const media = await s3.send(new ListObjectsV2Command({ Bucket: stack.env.MEDIA_BUCKET, Prefix: `media/${id}/` }));
  found.push(...(media.Contents ?? []).map((o) => o.Key!));
  return found;
}

const tombstone = async (id: string) =>
  (
    await db.send(
      new GetCommand({
        TableName: stack.env.TABLE_NAME,
        Key: { pk: `ERASED#${id}`, sk: 'ERASED' },
        ConsistentRead: true,
      }),
    )
  ).Item;
const audit = async () =>
  (await admin.call<{ entries: AuditEntry[] }>('GET', `/api/admin/audit?campaignId=${campaign.id}`)).body.entries;

async function clock(to: string | { reset: true }): Promise<AdvanceReport> {
  const res = await fetch(`${front}/_local/clock`, {
    method: 'POST',
    body: JSON.stringify(typeof to === 'string' ? { to } : to),
  });
  const body = (await res.json()) as AdvanceReport & { message?: string };
  if (res.status !== 200) throw new Error(`clock: ${body.message}`);
  return body;
}

beforeAll(async () => {
  admin = await AdminClient.signIn(stack);
  campaign = await openTestCampaign(stack, { title: `Données personnelles ${run}` });
  files = await seedApplications(stack, [
    {
      company: 'Effacée SCOP',
      initiative: 'Jardins effacés',
      axis: 'emploi-citoyennete',
      region: 'Bretagne',
      email: `efface-${run}@example.org`,
    },
    {
      company: 'Exportée SCIC',
      initiative: 'Ateliers exportés',
      axis: 'environnement-economie',
      region: 'Occitanie',
      email: `export-${run}@example.org`,
    },
  ]);
}, 240_000);

afterAll(async () => {
  await clock({ reset: true });
});

describe('GET /api/admin/applications/:id/export', () => {
  it('gives a 5-minute link to a ZIP of the fields, history, original photos and release proof, and is audited', async () => {
    const file = files[1]!;
    const res = await admin.call<{ url: string; bytes: number; expiresIn: number; uploads: number }>(
      'GET',
      `/api/admin/applications/${file.id}/export`,
    );
    expect(res.status).toBe(200);
    expect(res.body.expiresIn).toBe(300);
    const zip = await fetch(res.body.url);
    expect(zip.status).toBe(200);
    const entries = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    const names = Object.keys(entries).sort();
    expect(names.filter((n) => n.startsWith('photos/'))).toHaveLength(4);
    expect(names.some((n) => n.startsWith('decharge/') && n.endsWith('.pdf'))).toBe(true);
    const dossier = JSON.parse(new TextDecoder().decode(entries['dossier.json'])) as {
      application: { contactEmail: string; fields: { company: { name: string } } };
    };
    expect(dossier.application.contactEmail).toBe(`export-${run}@example.org`);
    expect(dossier.application.fields.company.name).toBe('Exportée SCIC');
    const history = JSON.parse(new TextDecoder().decode(entries['historique.json'])) as { type: string }[];
    expect(history.map((h) => h.type)).toContain('created');
    // The original as uploaded: a JPEG, byte for byte what the applicant sent (not a resized variant).
    const photo = entries[names.find((n) => n.startsWith('photos/'))!]!;
    expect([...photo.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const entry = (await audit()).find((e) => e.label === 'Données du dossier exportées' && e.target?.id === file.id);
    expect(entry?.details).toMatchObject({ uploads: 5 });
  });
});

describe('DELETE /api/admin/applications/:id', () => {
  it('refuses without the typed confirmation or a reason, and erases nothing', async () => {
    const file = files[0]!;
    expect(
      (
        await admin.call('DELETE', `/api/admin/applications/${file.id}`, {
          confirmation: 'oui',
          reason: 'data-subject-request',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await admin.call('DELETE', `/api/admin/applications/${file.id}`, {
          confirmation: 'SUPPRIMER',
          reason: 'parce que',
        })
      ).status,
    ).toBe(400);
    expect((await partition(file.id)).length).toBeGreaterThan(0);
  });

  it('erases the file everywhere, keeps a tombstone and an audit entry without personal data', async () => {
    const file = files[0]!;
    expect((await objectsOf(file.id)).length).toBeGreaterThan(0);
    const res = await admin.call<{ erased: { items: number; uploads: number; media: number } }>(
      'DELETE',
      `/api/admin/applications/${file.id}`,
      {
        confirmation: 'SUPPRIMER',
        reason: 'data-subject-request',
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.erased.items).toBeGreaterThan(5);
    expect(res.body.erased.media).toBeGreaterThan(0);
    expect(await partition(file.id)).toEqual([]);
    expect(await objectsOf(file.id)).toEqual([]);
    const stone = await tombstone(file.id);
    expect(stone).toMatchObject({
      applicationId: file.id,
      campaignId: campaign.id,
      reason: 'data-subject-request',
      online: false,
    });
    expect(stone?.completedAt).toBeDefined();
    expect(JSON.stringify(stone)).not.toMatch(/efface-|Effacée|Jardins/);
    const entry = (await audit()).find((e) => e.label === 'Données du dossier supprimées' && e.target?.id === file.id);
    expect(entry?.details).toMatchObject({ reason: 'data-subject-request' });
    expect(JSON.stringify(entry)).not.toMatch(/efface-|Effacée|Jardins/);
    // The private link no longer opens anything, with the same 401 as any unknown link.
    expect((await file.call('GET', `/api/applications/${file.id}`)).status).toBe(401);
  });

  it('a late upload of the erased file is deleted by the photo handler, and nothing comes back', async () => {
    const file = files[0]!;
    const key = `photos/${file.id}/2/${randomBytes(16).toString('hex')}.jpg`;
    await s3.send(
      new PutObjectCommand({
        Bucket: stack.env.UPLOADS_BUCKET,
        Key: key,
        Body: randomBytes(2000),
        ContentType: 'image/jpeg',
      }),
    );
    const delivery = await waitForDelivery((d) => d.key === key && d.outcome !== 'pending');
    expect(delivery.outcome).toBe('succeeded');
    expect(await objectsOf(file.id)).toEqual([]);
    expect(await partition(file.id)).toEqual([]);
  });

  it('a replayed timeline task writes nothing for the erased file', async () => {
    const file = files[0]!;
    await invokeFunction('timeline', { action: 'remind', campaignId: campaign.id, datesVersion: 1, offset: 3 }, stack);
    expect(await partition(file.id)).toEqual([]);
  });

  it('answers 404 for a file that never existed', async () => {
    const res = await admin.call('DELETE', '/api/admin/applications/00000000-0000-4000-8000-000000000000', {
      confirmation: 'SUPPRIMER',
      reason: 'entered-by-mistake',
    });
    expect(res.status).toBe(404);
  });
});

describe('« Supprimer ce brouillon » (DELETE /api/applications/:id)', () => {
  it('erases a draft not sent, with its private link', async () => {
    const draft = new ApplicantClient(front);
    const fields = completeFields();
    await draft.create({ ...fields, contact: { ...fields.contact, email: `brouillon-${run}@example.org` } });
    expect((await partition(draft.id)).length).toBeGreaterThan(0);
    expect((await draft.call('DELETE', `/api/applications/${draft.id}`)).status).toBe(204);
    expect(await partition(draft.id)).toEqual([]);
    expect(await tombstone(draft.id)).toMatchObject({ reason: 'draft-deleted' });
    expect((await draft.call('GET', `/api/applications/${draft.id}`)).status).toBe(401);
  });
});

describe('the daily purge, walked by the simulated clock', () => {
  it('keeps the files the day before the date the privacy page states, and leaves nothing personal the day after', async () => {
    const file = files[1]!;
    const date = purgeDate(campaign);
    // The page the publication writes for this call says this very date.
    await invokeFunction('publish', { campaignId: campaign.id }, stack);
    const flat = (text: string) => text.replace(/&nbsp;|&#160;/g, ' ').replace(/[\s\u00a0\u202f]+/g, ' ');
    const page = await (await fetch(`${front}/donnees-personnelles/`)).text();
    expect(flat(page)).toContain(flat(`ils seront supprimés le ${formatParisDate(date.toISOString())}`));

    const before = DateTime.fromJSDate(date).minus({ days: 1 }).toISO()!;
    const quiet = await clock(before);
    expect(Date.parse(quiet.now)).toBeLessThan(date.getTime());
    expect((await partition(file.id)).length).toBeGreaterThan(0);
    expect((await objectsOf(file.id)).length).toBeGreaterThan(0);

    await clock(DateTime.fromJSDate(date).plus({ days: 1, hours: 6 }).toISO()!);
    expect(await partition(file.id)).toEqual([]);
    expect(await objectsOf(file.id)).toEqual([]);
    expect(await tombstone(file.id)).toMatchObject({ reason: 'retention', campaignId: campaign.id });
  }, 120_000);
});

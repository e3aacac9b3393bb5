import { DeleteObjectsCommand, ListObjectVersionsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, QueryCommand, type TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ApplicationStore, type ApplicationRecord } from '../../functions/adapters/application-store.ts';
import { deleteBatches, FileObjects } from '../../functions/adapters/file-objects.ts';
import { createApplicationSchema } from '../../functions/domain/application.ts';

/** Test files (`npm run smoke`): the flag, where their items go, and how they are erased. */

const ID = '0b6f2d1e-3c4a-4f5b-8a9c-1d2e3f4a5b6c';
const base = {
  creationKey: '7d3f7c1e-6a3b-4b8e-9c1d-2e3f4a5b6c7d',
  fields: { contact: { email: 'test@example.org' } },
};

describe('createApplicationSchema: the test flag', () => {
  it('is optional, and kept when true', () => {
    expect(createApplicationSchema.parse(base).test).toBeUndefined();
    expect(createApplicationSchema.parse({ ...base, test: true }).test).toBe(true);
    expect(createApplicationSchema.parse({ ...base, test: false }).test).toBe(false);
  });

  it('refuses anything but a boolean, in French', () => {
    const parsed = createApplicationSchema.safeParse({ ...base, test: 'oui' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]).toMatchObject({
      path: ['test'],
      message: 'Indicateur de test\u00a0: vrai ou faux.',
    });
  });
});

/** A DynamoDB document client that records what is sent and answers queries from a list of items. */
function fakeDb(items: Record<string, unknown>[] = []) {
  const sent: unknown[] = [];
  // A real client (the SDK's paginators check the class) whose send answers here, offline.
  const db = Object.assign(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-3' })), {
    send: async (command: unknown) => {
      sent.push(command);
      if (command instanceof QueryCommand) return { Items: items };
      return {};
    },
  }) as unknown as DynamoDBDocumentClient;
  return { db, sent };
}

const record = (over: Partial<ApplicationRecord> = {}): ApplicationRecord => ({
  id: ID,
  campaignId: 'c1',
  status: 'draft',
  submitted: false,
  submitCount: 0,
  fields: {},
  revision: 1,
  missing: [],
  contactEmail: 'test@example.org',
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
  ...over,
});

describe('ApplicationStore and test files', () => {
  const metaOf = (sent: unknown[]) =>
    (sent[0] as TransactWriteCommand).input.TransactItems!.map((t) => t.Put!.Item!).find((i) => i.sk === 'META')!;

  it('keeps a test file out of the campaign index (gsi1), so no listing of the campaign sees it', async () => {
    const { db, sent } = fakeDb();
    const store = new ApplicationStore(db, 't');
    await store.create({
      app: record({ test: true, expiresAt: 1_800_000_000 }),
      creationKeyHash: 'h',
      tokenHash: 'k',
      tokenExpiresAt: 1_800_000_000,
    });
    const meta = metaOf(sent);
    expect(meta).toMatchObject({ pk: `APP#${ID}`, test: true, expiresAt: 1_800_000_000, creationKeyHash: 'h' });
    expect(meta.gsi1pk).toBeUndefined();
  });

  it('indexes a real file as before, without a TTL', async () => {
    const { db, sent } = fakeDb();
    await new ApplicationStore(db, 't').create({
      app: record(),
      creationKeyHash: 'h',
      tokenHash: 'k',
      tokenExpiresAt: 1,
    });
    const meta = metaOf(sent);
    expect(meta.gsi1pk).toBe('CAMPAIGN#c1#APPS');
    expect(meta.expiresAt).toBeUndefined();
  });

  it('gives a part and its history line the TTL of a test file', async () => {
    const { db, sent } = fakeDb();
    await new ApplicationStore(db, 't').recordPhotoVerdict(
      { id: ID, expiresAt: 1_800_000_000 },
      { slot: 1, uploadId: 'u1', orderKey: 'u1#1' },
      { state: 'rejected', message: 'Photo trop lourde.', code: 'too-large' },
      'now',
    );
    const [part, , history] = (sent[0] as TransactWriteCommand).input.TransactItems!;
    expect(Object.values(part!.Update!.ExpressionAttributeNames!)).toContain('expiresAt');
    expect(Object.values(part!.Update!.ExpressionAttributeValues!)).toContain(1_800_000_000);
    expect(history!.Put!.Item).toMatchObject({ type: 'photo', expiresAt: 1_800_000_000 });
  });

  it('erases every item of the partition and the creation key, the record before the links, then what a concurrent write added', async () => {
    const live: Record<string, unknown>[] = [
      { pk: `APP#${ID}`, sk: 'HIST#2026#a' },
      { pk: `APP#${ID}`, sk: 'META', creationKeyHash: 'h' },
      { pk: `APP#${ID}`, sk: 'PHOTO#1' },
      { pk: `APP#${ID}`, sk: 'RELEASE' },
      { pk: `APP#${ID}`, sk: 'TOKEN#x' },
    ];
    const sent: unknown[] = [];
    let queries = 0;
    // A partition that changes under the erase: a history line lands right after the first listing.
    const db = Object.assign(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-3' })), {
      send: async (command: unknown) => {
        sent.push(command);
        if (command instanceof QueryCommand) {
          const snapshot = [...live];
          if (++queries === 1) live.push({ pk: `APP#${ID}`, sk: 'HIST#2026#late' });
          return { Items: snapshot };
        }
        if (command instanceof DeleteCommand) {
          const key = command.input.Key as { pk: string; sk: string };
          const index = live.findIndex((i) => i.pk === key.pk && i.sk === key.sk);
          if (index >= 0) live.splice(index, 1);
        }
        return {};
      },
    }) as unknown as DynamoDBDocumentClient;
    expect(await new ApplicationStore(db, 't').erase(ID)).toBe(6);
    expect((sent[0] as QueryCommand).input).toMatchObject({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `APP#${ID}` },
      ConsistentRead: true,
    });
    const deleted = sent.filter((c) => c instanceof DeleteCommand).map((c) => (c as DeleteCommand).input.Key);
    expect(deleted).toEqual([
      { pk: `APP#${ID}`, sk: 'HIST#2026#a' },
      { pk: `APP#${ID}`, sk: 'PHOTO#1' },
      { pk: `APP#${ID}`, sk: 'RELEASE' },
      { pk: 'CREATION#h', sk: 'CREATION' },
      { pk: `APP#${ID}`, sk: 'META' },
      { pk: `APP#${ID}`, sk: 'TOKEN#x' },
      { pk: `APP#${ID}`, sk: 'HIST#2026#late' },
    ]);
    expect(live).toEqual([]);
  });
});

describe('FileObjects.eraseAll', () => {
  /** An S3 client answering listings from a table of pages, recording deletions. */
  function fakeS3(options: { versionPages?: Record<string, object[]>; media?: string[]; errors?: boolean } = {}) {
    const calls: unknown[] = [];
    // A real client (the SDK's paginators check the class) whose send answers here, offline.
    const s3 = Object.assign(new S3Client({ region: 'eu-west-3' }), {
      send: async (command: unknown) => {
        calls.push(command);
        if (command instanceof ListObjectVersionsCommand) {
          const pages = options.versionPages?.[command.input.Prefix!] ?? [{}];
          const index = command.input.KeyMarker ? Number(command.input.KeyMarker) : 0;
          return {
            ...pages[index],
            IsTruncated: index < pages.length - 1,
            NextKeyMarker: String(index + 1),
            NextVersionIdMarker: 'v',
          };
        }
        if (command instanceof ListObjectsV2Command) return { Contents: (options.media ?? []).map((Key) => ({ Key })) };
        if (command instanceof DeleteObjectsCommand)
          return options.errors ? { Errors: [{ Key: 'k', Code: 'AccessDenied', Message: 'no' }] } : {};
        throw new Error('unexpected command');
      },
    }) as unknown as S3Client;
    return { s3, calls };
  }

  it('deletes every version and delete marker under the upload and export prefixes, then the media', async () => {
    const { s3, calls } = fakeS3({
      versionPages: {
        [`photos/${ID}/`]: [
          { Versions: [{ Key: `photos/${ID}/1/a.jpg`, VersionId: 'v1' }] },
          {
            Versions: [{ Key: `photos/${ID}/1/a.jpg`, VersionId: 'v0' }],
            DeleteMarkers: [{ Key: `photos/${ID}/2/b.jpg`, VersionId: 'm1' }],
          },
        ],
        [`proofs/${ID}/`]: [{ Versions: [{ Key: `proofs/${ID}/release.pdf`, VersionId: 'null' }] }],
      },
      media: [`media/${ID}/1/a/400.jpg`],
    });
    expect(await new FileObjects(s3, 'uploads', 'media').eraseAll(ID)).toEqual({ uploads: 4, media: 1 });
    const listed = calls
      .filter((c) => c instanceof ListObjectVersionsCommand)
      .map((c) => (c as ListObjectVersionsCommand).input);
    expect(new Set(listed.map((i) => i.Prefix))).toEqual(
      new Set([`photos/${ID}/`, `releases/${ID}/`, `proofs/${ID}/`, `exports/${ID}/`, `receipts/${ID}/`]),
    );
    expect(listed.every((i) => i.Bucket === 'uploads')).toBe(true);
    expect(listed.find((i) => i.KeyMarker)).toMatchObject({
      Prefix: `photos/${ID}/`,
      KeyMarker: '1',
      VersionIdMarker: 'v',
    });
    expect((calls.find((c) => c instanceof ListObjectsV2Command) as ListObjectsV2Command).input).toMatchObject({
      Bucket: 'media',
      Prefix: `media/${ID}/`,
    });
    const deletes = calls
      .filter((c) => c instanceof DeleteObjectsCommand)
      .map((c) => (c as DeleteObjectsCommand).input);
    expect(deletes).toEqual([
      {
        Bucket: 'uploads',
        Delete: {
          Quiet: true,
          Objects: [
            { Key: `photos/${ID}/1/a.jpg`, VersionId: 'v1' },
            { Key: `photos/${ID}/1/a.jpg`, VersionId: 'v0' },
            { Key: `photos/${ID}/2/b.jpg`, VersionId: 'm1' },
            { Key: `proofs/${ID}/release.pdf`, VersionId: 'null' },
          ],
        },
      },
      { Bucket: 'media', Delete: { Quiet: true, Objects: [{ Key: `media/${ID}/1/a/400.jpg` }] } },
    ]);
  });

  it('sends no DeleteObjects when there is nothing (S3 refuses an empty list)', async () => {
    const { s3, calls } = fakeS3();
    expect(await new FileObjects(s3, 'uploads', 'media').eraseAll(ID)).toEqual({ uploads: 0, media: 0 });
    expect(calls.some((c) => c instanceof DeleteObjectsCommand)).toBe(false);
  });

  it('fails when S3 reports keys it could not delete (DeleteObjects answers 200 anyway)', async () => {
    const { s3 } = fakeS3({ media: [`media/${ID}/1/a/400.jpg`], errors: true });
    await expect(new FileObjects(s3, 'uploads', 'media').eraseAll(ID)).rejects.toThrow(/AccessDenied/);
  });

  it('refuses an id that is not an application id, which would widen the prefixes', async () => {
    const { s3, calls } = fakeS3();
    await expect(new FileObjects(s3, 'uploads', 'media').eraseAll('')).rejects.toThrow(/unexpected application id/);
    await expect(new FileObjects(s3, 'uploads', 'media').eraseAll('../x')).rejects.toThrow(/unexpected application id/);
    expect(calls).toHaveLength(0);
  });

  it('deletes in batches of at most 1000 keys', () => {
    expect(deleteBatches(Array.from({ length: 2500 }, (_, i) => i)).map((b) => b.length)).toEqual([1000, 1000, 500]);
    expect(deleteBatches([])).toEqual([]);
  });
});

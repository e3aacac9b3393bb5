import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import type { ApplicationStatus, DraftFields } from '../domain/application.ts';
import type { FieldIssue } from '../domain/errors.ts';
import type { ClosedStatus, Decision } from '../domain/timeline.ts';
import { sortableId } from '../domain/tokens.ts';
import { keys } from './keys.ts';
import { queryAll } from './query-all.ts';
import { isConditionFailure, writeIf } from './conditional-write.ts';

export interface ApplicationRecord {
  id: string;
  campaignId: string;
  status: ApplicationStatus;
  submitted: boolean;
  /** Incremented by every « J'envoie mon dossier »: the « pièces manquantes » email is sent once per submission. */
  submitCount: number;
  fields: Partial<DraftFields>;
  /** Incremented by every change of the file or its parts; evaluations only ever move forward. */
  revision: number;
  evaluatedRevision?: number;
  missing: FieldIssue[];
  contactEmail: string;
  createdAt: string;
  updatedAt: string;
  /** Timeline: how the file stood when applications closed (only `complete` ones are examined). */
  closedStatus?: ClosedStatus;
  /** Timeline: the admins' decision, then when it was announced (it cannot change after that). */
  decision?: Decision;
  decisionSentAt?: string;
  /** Articles (later issue): `approved` once the enterprise validated its article. */
  articleStatus?: string;
  /**
   * A test file (`npm run smoke`): sends no email, is in no campaign listing (not in gsi1, see
   * `metaItem`), and may be erased by its holder.
   */
  test?: boolean;
  /** Test files only: when DynamoDB's TTL deletes every item of the file (epoch seconds). */
  expiresAt?: number;
  /** Hash of the creation key, so that erasing the file also erases its `CREATION#` item. */
  creationKeyHash?: string;
  /** A published initiative reduced by the purge to what its page shows (functions/purge). */
  purgedAt?: string;
  /** Withdrawn from the public site at the enterprise's request (functions/admin-api/withdrawal-routes.ts). */
  withdrawnAt?: string;
  /** « NTA-2028-0042 », taken once when the file first became complete (functions/adapters/file-references.ts). */
  reference?: string;
}

export interface VariantRecord {
  width: number;
  height: number;
  format: 'jpeg' | 'webp';
  key: string;
  bytes: number;
}

export interface PhotoRecord {
  slot: number;
  uploadId?: string;
  /** `<uploadId>#<S3 sequencer>`: a later upload, or a later event for the same key, sorts after. */
  orderKey?: string;
  state?: 'processing' | 'ready' | 'rejected';
  message?: string;
  width?: number;
  height?: number;
  variants?: VariantRecord[];
  caption?: string;
  credit?: string;
  updatedAt?: string;
}

export type ReleaseRecord =
  | {
      mode: 'online';
      imageCount: number;
      signatory: string;
      signedAt: string;
      proofKey: string;
      details: Record<string, unknown>;
    }
  | {
      mode: 'scan';
      uploadId: string;
      orderKey: string;
      key: string;
      state: 'processing' | 'received' | 'rejected';
      imageCount: number;
      message?: string;
      contentType?: string;
    };

export interface ApplicationParts {
  app: ApplicationRecord;
  photos: PhotoRecord[];
  release: ReleaseRecord | null;
}

// `expiresAt` is kept: a test file's record carries its TTL, and every later write of the file
// must write it again (saveApplication replaces the whole item).
const strip = <T extends Record<string, unknown>>(item: T) => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...rest } = item;
  return rest;
};

/**
 * The file's record as stored. Test files get no gsi1 keys (a sparse index): every listing of a
 * campaign's files (console, CSV, dashboard, timeline, resume links, publication) goes through gsi1,
 * so none of them ever sees a test file.
 */
const metaItem = (app: ApplicationRecord) => ({
  ...keys.application(app.id),
  ...(app.test ? {} : { gsi1pk: keys.campaignApplications(app.campaignId), gsi1sk: `${app.createdAt}#${app.id}` }),
  ...app,
});

/** A test file's TTL on each item it writes; nothing for a real file. */
const ttl = (expiresAt: number | undefined) => (expiresAt ? { expiresAt } : {});

/** One line of a file's history: what happened (`type`) and its facts. */
export type HistoryEntry = Record<string, string | number | boolean>;

/** What the part writes need of the file: its id, and its TTL if it is a test file. */
type FileRef = Pick<ApplicationRecord, 'id' | 'expiresAt'>;

/** The photo function's verdict on an upload: rejected with a French message (and a code for the history), or ready. */
export type PhotoVerdict =
  | { state: 'rejected'; message: string; code: string }
  | { state: 'ready'; width: number; height: number; variants: VariantRecord[] };

/** Upload events arrive twice and out of order: only a later one (`<uploadId>#<S3 sequencer>`) overwrites a part. */
const LATER_UPLOAD = 'attribute_not_exists(orderKey) OR orderKey < :orderKey';

const historyItem = (id: string, at: string, entry: HistoryEntry, expiresAt?: number) => ({
  ...keys.history(id, at, randomBytes(4).toString('hex')),
  at,
  ...entry,
  ...ttl(expiresAt),
});

function partsOf(items: Record<string, unknown>[]): ApplicationParts | undefined {
  const meta = items.find((i) => i.sk === 'META');
  if (!meta) return undefined;
  const release = items.find((i) => i.sk === 'RELEASE');
  return {
    app: strip(meta) as unknown as ApplicationRecord,
    photos: items.filter((i) => String(i.sk).startsWith('PHOTO#')).map((i) => strip(i) as unknown as PhotoRecord),
    release: (release ? strip(release) : null) as ReleaseRecord | null,
  };
}

/** All persistence of applications. Every write is conditional or atomic: S3 events arrive twice and out of order. */
export class ApplicationStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Creates the file, its creation key and its first token in one transaction. A second call with the
   * same creation key creates nothing and returns the existing id (`created: false`).
   */
  async create(input: {
    app: ApplicationRecord;
    creationKeyHash: string;
    tokenHash: string;
    tokenExpiresAt: number;
  }): Promise<{ id: string; created: boolean }> {
    const { app } = input;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: {
                  ...keys.creation(input.creationKeyHash),
                  applicationId: app.id,
                  expiresAt: input.tokenExpiresAt,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.table,
                Item: metaItem({ ...app, creationKeyHash: input.creationKeyHash }),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.table,
                Item: this.tokenItem(app.id, input.tokenHash, input.tokenExpiresAt, app.createdAt),
              },
            },
          ],
        }),
      );
      return { id: app.id, created: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const existing = await this.db.send(
        new GetCommand({ TableName: this.table, Key: keys.creation(input.creationKeyHash), ConsistentRead: true }),
      );
      if (!existing.Item) throw error;
      return { id: existing.Item.applicationId as string, created: false };
    }
  }

  private tokenItem(applicationId: string, tokenHash: string, expiresAt: number, createdAt: string) {
    return { ...keys.token(applicationId, tokenHash), kind: 'resume', createdAt, expiresAt };
  }

  /** False when the file is gone (erased): nothing is written, so no link of an erased file is ever made. */
  async addToken(applicationId: string, tokenHash: string, expiresAt: number, now: string): Promise<boolean> {
    return this.putIfFileExists(applicationId, this.tokenItem(applicationId, tokenHash, expiresAt, now));
  }

  /**
   * Puts an item of the file's partition only while its record exists, in one transaction: once an
   * erasure deleted the record, a retried task or a late event writes nothing (see `erase`).
   */
  private putIfFileExists(id: string, item: Record<string, unknown>): Promise<boolean> {
    return writeIf(() =>
      this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: this.table,
                Key: keys.application(id),
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
            { Put: { TableName: this.table, Item: item } },
          ],
        }),
      ),
    );
  }

  /**
   * The file, only if the token is one of its links and has not expired (TTL deletion is lazy): the
   * same single query as `load`, so the applicant's calls pay no extra round trip for the check.
   */
  async loadWithToken(id: string, tokenHash: string, nowEpochSeconds: number): Promise<ApplicationParts | undefined> {
    const items = await this.partition(id);
    const token = items.find((i) => i.sk === keys.token(id, tokenHash).sk);
    if (!token || (token.expiresAt as number) < nowEpochSeconds) return undefined;
    return partsOf(items);
  }

  /** The file and its parts in one strongly consistent query (one partition). */
  async load(id: string): Promise<ApplicationParts | undefined> {
    return partsOf(await this.partition(id));
  }

  private partition(id: string): Promise<Record<string, unknown>[]> {
    return queryAll(this.db, {
      TableName: this.table,
      // Everything but the history and the article: sort keys after every `HIST#…` (META, PHOTO#n,
      // RELEASE, TOKEN#…). A key condition, because DynamoDB refuses filter expressions on key attributes.
      KeyConditionExpression: 'pk = :pk AND sk > :afterHistory',
      ExpressionAttributeValues: { ':pk': keys.applicationPk(id), ':afterHistory': 'HIST$' },
      ConsistentRead: true,
    });
  }

  /**
   * Replaces the file's record if nobody changed it meanwhile (optimistic lock on `revision`). The
   * reference is taken without a new revision: a record read before it was taken must not erase it.
   */
  async saveApplication(next: ApplicationRecord, expectedRevision: number): Promise<boolean> {
    return writeIf(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: metaItem(next),
          ConditionExpression: `revision = :expected${next.reference ? '' : ' AND attribute_not_exists(#reference)'}`,
          ...(!next.reference && { ExpressionAttributeNames: { '#reference': 'reference' } }),
          ExpressionAttributeValues: { ':expected': expectedRevision },
        }),
      ),
    );
  }

  /** The applicant's caption and credit of a photo slot. */
  async savePhotoDetails(app: FileRef, slot: number, details: { caption: string; credit: string }, at: Date) {
    await this.writePart(
      app.id,
      { key: keys.photo(app.id, slot), set: { slot, ...details }, expiresAt: app.expiresAt },
      at.toISOString(),
    );
  }

  /**
   * Empties a photo slot. The slot keeps a tombstone order key, so an upload already in flight
   * (older) cannot bring the removed photo back.
   */
  async removePhoto(app: FileRef, slot: number, at: Date) {
    await this.writePart(
      app.id,
      {
        key: keys.photo(app.id, slot),
        set: { slot, orderKey: `${sortableId(at)}#removed`, updatedAt: at.toISOString() },
        remove: ['uploadId', 'state', 'message', 'variants', 'width', 'height'],
        expiresAt: app.expiresAt,
      },
      at.toISOString(),
    );
  }

  /**
   * The photo function's verdict on one upload of a slot, unless a later upload (or a later event
   * for the same key) is already recorded: then nothing is written and `false` is returned.
   */
  async recordPhotoVerdict(
    app: FileRef,
    upload: { slot: number; uploadId: string; orderKey: string },
    verdict: PhotoVerdict,
    at: string,
  ): Promise<boolean> {
    const { slot, uploadId, orderKey } = upload;
    // A rejection's code goes to the history only; the part keeps its French message.
    const { code, ...recorded } = verdict.state === 'rejected' ? verdict : { ...verdict, code: undefined };
    return this.writePart(
      app.id,
      {
        key: keys.photo(app.id, slot),
        set: { slot, uploadId, orderKey, updatedAt: at, ...recorded },
        remove: verdict.state === 'rejected' ? ['variants', 'width', 'height'] : ['message'],
        condition: LATER_UPLOAD,
        values: { ':orderKey': orderKey },
        expiresAt: app.expiresAt,
      },
      at,
      { type: 'photo', slot, state: verdict.state, ...(code ? { code } : {}) },
    );
  }

  /** The release function's verdict on a scan, unless a later scan or an online signature is recorded (`false`). */
  async recordReleaseScan(
    app: FileRef,
    scan: { uploadId: string; orderKey: string; key: string },
    verdict: { state: 'received' | 'rejected'; message?: string; contentType?: string; imageCount: number },
    at: string,
  ): Promise<boolean> {
    return this.writePart(
      app.id,
      {
        key: keys.release(app.id),
        set: { mode: 'scan', ...scan, ...verdict },
        remove: ['signatory', 'signedAt', 'proofKey', 'details', ...(verdict.message ? [] : ['message'])],
        condition: LATER_UPLOAD,
        values: { ':orderKey': scan.orderKey },
        expiresAt: app.expiresAt,
      },
      at,
      { type: 'release', mode: 'scan', state: verdict.state },
    );
  }

  /** The online signature of the release, replacing any scan; `proofKey` is its PDF proof. */
  async recordOnlineRelease(
    app: FileRef,
    release: { imageCount: number; signatory: string; proofKey: string; details: Record<string, unknown> },
    at: Date,
  ) {
    const signedAt = at.toISOString();
    await this.writePart(
      app.id,
      {
        key: keys.release(app.id),
        // The order key makes a scan uploaded earlier but processed later unable to replace this signature.
        set: {
          mode: 'online',
          orderKey: `${sortableId(at)}#online`,
          imageCount: release.imageCount,
          signatory: release.signatory,
          signedAt,
          proofKey: release.proofKey,
          details: release.details,
        },
        remove: ['uploadId', 'key', 'state', 'message', 'contentType'],
        expiresAt: app.expiresAt,
      },
      signedAt,
      { type: 'release', mode: 'online' },
    );
  }

  /**
   * Writes a part of the file (photo slot, release) and bumps the file's revision atomically, with
   * its history entry when given (one round trip, and no entry for a write that did not happen).
   * With a condition, a stale or duplicate event writes nothing and `false` is returned.
   * `expiresAt`: the file's own (`app.expiresAt`), so that a test file's parts expire with it.
   */
  private async writePart(
    id: string,
    part: {
      key: { pk: string; sk: string };
      set: Record<string, unknown>;
      remove?: string[];
      condition?: string;
      values?: Record<string, unknown>;
      expiresAt?: number;
    },
    now: string,
    history?: HistoryEntry,
  ): Promise<boolean> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ...part.values };
    const sets = Object.entries({ ...part.set, ...ttl(part.expiresAt) }).map(([k, v], i) => {
      names[`#s${i}`] = k;
      values[`:s${i}`] = v;
      return `#s${i} = :s${i}`;
    });
    const removes = (part.remove ?? []).map((k, i) => {
      names[`#r${i}`] = k;
      return `#r${i}`;
    });
    return writeIf(() =>
      this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: part.key,
                UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
                ConditionExpression: part.condition,
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            },
            {
              Update: {
                TableName: this.table,
                Key: keys.application(id),
                UpdateExpression: 'SET revision = revision + :one, updatedAt = :now',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':one': 1, ':now': now },
              },
            },
            ...(history
              ? [{ Put: { TableName: this.table, Item: historyItem(id, now, history, part.expiresAt) } }]
              : []),
          ],
        }),
      ),
    );
  }

  /** Records an evaluation unless a newer one is already recorded; returns the previous status when written. */
  async recordEvaluation(
    id: string,
    revision: number,
    result: { status: ApplicationStatus; missing: FieldIssue[] },
  ): Promise<{ written: boolean; previousStatus?: ApplicationStatus }> {
    try {
      const res = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.application(id),
          // `missing` is a DynamoDB reserved word: it needs a placeholder like `status`.
          UpdateExpression: 'SET #status = :status, #missing = :missing, evaluatedRevision = :rev',
          // `<=`: re-recording the same revision lets a retried evaluation finish sending its email.
          // An update creates a missing item: `attribute_exists(pk)` keeps an erased file erased.
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(evaluatedRevision) OR evaluatedRevision <= :rev)',
          ExpressionAttributeNames: { '#status': 'status', '#missing': 'missing' },
          ExpressionAttributeValues: { ':status': result.status, ':missing': result.missing, ':rev': revision },
          ReturnValues: 'UPDATED_OLD',
        }),
      );
      return { written: true, previousStatus: res.Attributes?.status as ApplicationStatus | undefined };
    } catch (error) {
      if (isConditionFailure(error)) return { written: false };
      throw error;
    }
  }

  /** `expiresAt`: the file's own (`app.expiresAt`), so that a test file's history expires with it. */
  async addHistory(id: string, at: string, entry: HistoryEntry, expiresAt?: number): Promise<void> {
    await this.putIfFileExists(id, historyItem(id, at, entry, expiresAt));
  }

  /**
   * Deletes every item of the file's partition (record, parts, history, article, private links) and
   * its creation key; returns how many. The record goes before the links: until then the same private
   * link still opens the file to try again. Once the record is gone no conditional write of the file
   * can add anything (`putIfFileExists`, the part writes), so a second pass deletes whatever a concurrent
   * task wrote before that, and the partition ends empty. Then its items kept elsewhere: article
   * validation links and email records, listed on gsi1 (`keys.fileOutside`; an index read, so an
   * email recorded in the last instant may be left: it holds a kind and the id, no address).
   */
  async erase(id: string): Promise<number> {
    const items = await this.keysOf(id);
    const meta = items.find((i) => i.sk === 'META');
    const isLast = (i: { sk: string }) => i.sk === 'META' || i.sk.startsWith('TOKEN#');
    await this.deleteItems(items.filter((i) => !isLast(i)));
    if (meta?.creationKeyHash) {
      // Only if it still names this file: a creation key is never reused, but the check costs nothing.
      await writeIf(() =>
        this.db.send(
          new DeleteCommand({
            TableName: this.table,
            Key: keys.creation(meta.creationKeyHash!),
            ConditionExpression: 'applicationId = :id',
            ExpressionAttributeValues: { ':id': id },
          }),
        ),
      );
    }
    if (meta) await this.deleteItems([meta]);
    const rest = await this.keysOf(id);
    await this.deleteItems(rest);
    const outside = await queryAll<{ pk: string; sk: string }>(this.db, {
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.fileOutside(id) },
      ProjectionExpression: 'pk, sk',
    });
    await this.deleteItems(outside);
    return items.length + rest.filter((i) => !items.some((j) => j.sk === i.sk)).length + outside.length;
  }

  /**
   * The purge of a published initiative (functions/purge): keeps only what its public page shows
   * (the record reduced to the enterprise's name, commune, department, region, the axis, the initiative's
   * name and website; the article without who approved it or the comments; the published photos'
   * records) and deletes the rest of the partition (history, links, release, article versions, other photos). Idempotent
   * (`purgedAt`). Returns how many items were deleted.
   */
  async retainPublished(id: string, at: string, publishedSlots: ReadonlySet<number>): Promise<number> {
    const items = await this.keysOf(id);
    const kept = (sk: string) =>
      sk === 'META' ||
      sk === 'ARTICLE' ||
      (sk.startsWith('PHOTO#') && publishedSlots.has(Number(sk.slice('PHOTO#'.length))));
    const parts = await this.load(id);
    if (!parts) return 0;
    const { app } = parts;
    const company = app.fields.company ?? {};
    const initiative = app.fields.initiative ?? {};
    const fields = {
      company: { name: company.name, city: company.city, department: company.department, region: company.region },
      initiative: { name: initiative.name, axis: initiative.axis, website: initiative.website },
    };
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.application(id),
        UpdateExpression:
          'SET #fields = :fields, purgedAt = if_not_exists(purgedAt, :at), contactEmail = :none, #missing = :nothing REMOVE creationKeyHash',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#fields': 'fields', '#missing': 'missing' },
        ExpressionAttributeValues: {
          ':fields': JSON.parse(JSON.stringify(fields)),
          ':at': at,
          ':none': '',
          ':nothing': [],
        },
      }),
    );
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.article(id),
        UpdateExpression: 'REMOVE approvedBy, comments',
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
    await this.deleteItems(items.filter((i) => !kept(i.sk)));
    return items.filter((i) => !kept(i.sk)).length;
  }

  private keysOf(id: string) {
    return queryAll<{ pk: string; sk: string; creationKeyHash?: string }>(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.applicationPk(id) },
      ProjectionExpression: 'pk, sk, creationKeyHash',
      ConsistentRead: true,
    });
  }

  private async deleteItems(items: { pk: string; sk: string }[]): Promise<void> {
    await Promise.all(
      items.map((i) => this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: i.pk, sk: i.sk } }))),
    );
  }

  /** The file's history (statuses, uploads, emails, decisions, article steps), oldest first. */
  async history(id: string): Promise<(HistoryEntry & { at: string; type: string })[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :hist)',
      ExpressionAttributeValues: { ':pk': keys.applicationPk(id), ':hist': 'HIST#' },
    });
    return items.map(({ pk: _pk, sk: _sk, ...rest }) => rest as HistoryEntry & { at: string; type: string });
  }

  // --- Timeline ------------------------------------------------------------------------------

  /** The files of a campaign (records only, through gsi1 `CAMPAIGN#<id>#APPS`), oldest first; never a test file (see `metaItem`). */
  async listByCampaign(campaignId: string): Promise<ApplicationRecord[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.campaignApplications(campaignId) },
    });
    return items.map((i) => strip(i) as unknown as ApplicationRecord);
  }

  /**
   * Marks the file's initiative withdrawn from the public site (at the enterprise's request): the
   * publication leaves it out from then on. Idempotent: a second call keeps the first date.
   */
  async markWithdrawn(id: string, at: string): Promise<boolean> {
    return writeIf(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.application(id),
          UpdateExpression: 'SET withdrawnAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(withdrawnAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      ),
    );
  }

  /** Records the file's status at the close, once (a replayed close keeps the first verdict). */
  async setClosedStatus(id: string, status: ClosedStatus): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.application(id),
          UpdateExpression: 'SET closedStatus = :s',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(closedStatus)',
          ExpressionAttributeValues: { ':s': status },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** Sets (or replaces) the decision of a complete file; false once the decision has been announced. */
  async setDecision(id: string, decision: Decision): Promise<boolean> {
    return writeIf(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.application(id),
          UpdateExpression: 'SET decision = :d',
          ConditionExpression:
            'attribute_exists(pk) AND attribute_not_exists(decisionSentAt) AND closedStatus = :complete',
          ExpressionAttributeValues: { ':d': decision, ':complete': 'complete' },
        }),
      ),
    );
  }

  /**
   * Freezes the decision for its announcement and returns the record as frozen: the decision the
   * email states is exactly the stored one, and no later change is accepted. Idempotent.
   */
  async freezeDecision(id: string, at: string): Promise<ApplicationRecord | undefined> {
    try {
      const res = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.application(id),
          UpdateExpression: 'SET decisionSentAt = if_not_exists(decisionSentAt, :at)',
          ConditionExpression: 'attribute_exists(decision)',
          ExpressionAttributeValues: { ':at': at },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return res.Attributes ? (strip(res.Attributes) as unknown as ApplicationRecord) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }
}

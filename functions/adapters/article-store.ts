import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ArticleStatus } from '../domain/article.ts';
import type { ArticleComment, ArticleRecord, ArticleSnapshot } from '../domain/article-workflow.ts';
import { keys } from './keys.ts';
import { queryAll } from './query-all.ts';
import { writeIf } from './conditional-write.ts';

const strip = <T>(item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, expiresAt: _e, ...rest } = item;
  return rest as T;
};

/**
 * Articles and their validation links. Every change of the `ARTICLE` item is conditional on its
 * `revision` (two admins, or an admin and the enterprise, never overwrite each other) and mirrors its
 * status on the application record (`articleStatus`, read by the timeline's reminders), atomically.
 */
export class ArticleStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(applicationId: string): Promise<ArticleRecord | undefined> {
    const res = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.article(applicationId), ConsistentRead: true }),
    );
    return res.Item ? strip<ArticleRecord>(res.Item) : undefined;
  }

  /** Every version sent, newest first. */
  async versions(applicationId: string): Promise<ArticleSnapshot[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':pk': keys.applicationPk(applicationId), ':v': 'ARTICLE#V' },
      ConsistentRead: true,
    });
    // Sort keys sort as text (V10 before V2): order by number.
    return items.map((i) => strip<ArticleSnapshot>(i)).sort((a, b) => b.version - a.version);
  }

  async version(applicationId: string, version: number): Promise<ArticleSnapshot | undefined> {
    const res = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.articleVersion(applicationId, version), ConsistentRead: true }),
    );
    return res.Item ? strip<ArticleSnapshot>(res.Item) : undefined;
  }

  /** Writes `next` if the item is still at `expectedRevision` (absent: the item must not exist). False otherwise. */
  async put(next: ArticleRecord, expectedRevision: number | undefined): Promise<boolean> {
    return this.transact([
      {
        Put: {
          TableName: this.table,
          Item: { ...keys.article(next.applicationId), ...next },
          ConditionExpression: expectedRevision === undefined ? 'attribute_not_exists(pk)' : 'revision = :rev',
          ExpressionAttributeValues: expectedRevision === undefined ? undefined : { ':rev': expectedRevision },
        },
      },
      this.mirrorStatus(next.applicationId, next.status),
    ]);
  }

  /** Freezes the draft as sent (its snapshot is written once) if nobody changed it meanwhile. */
  async markSent(record: ArticleRecord, at: string, by: string): Promise<boolean> {
    const snapshot: ArticleSnapshot = { version: record.version, article: record.article, sentAt: at, sentBy: by };
    const next: ArticleRecord = {
      ...record,
      status: 'sent',
      sentVersion: record.version,
      sentAt: at,
      revision: record.revision + 1,
      updatedAt: at,
      updatedBy: by,
    };
    return this.transact([
      {
        Put: {
          TableName: this.table,
          Item: { ...keys.article(record.applicationId), ...next },
          ConditionExpression: '#status = :draft AND revision = :rev',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':draft': 'draft', ':rev': record.revision },
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: { ...keys.articleVersion(record.applicationId, record.version), ...snapshot },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      this.mirrorStatus(record.applicationId, 'sent'),
    ]);
  }

  /** Records the enterprise's answer on the version it read, if the item is still at the revision it was judged on. */
  async answer(
    record: ArticleRecord,
    change: { approved: { at: string; by: string } } | { comment: ArticleComment },
  ): Promise<boolean> {
    const at = 'approved' in change ? change.approved.at : change.comment.at;
    const next: ArticleRecord =
      'approved' in change
        ? {
            ...record,
            status: 'approved',
            approvedVersion: record.sentVersion,
            approvedAt: at,
            approvedBy: change.approved.by,
          }
        : { ...record, status: 'changes-requested', comments: [...record.comments, change.comment] };
    return this.put(
      { ...next, revision: record.revision + 1, updatedAt: at, updatedBy: 'entreprise' },
      record.revision,
    );
  }

  private mirrorStatus(applicationId: string, status: ArticleStatus) {
    return {
      Update: {
        TableName: this.table,
        Key: keys.application(applicationId),
        UpdateExpression: 'SET articleStatus = :s',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':s': status },
      },
    };
  }

  private async transact(
    items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>,
  ): Promise<boolean> {
    return writeIf(() => this.db.send(new TransactWriteCommand({ TransactItems: items })));
  }

  // --- Validation links ------------------------------------------------------------------------

  async addToken(tokenHash: string, applicationId: string, expiresAt: number, at: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.validationToken(tokenHash),
          applicationId,
          createdAt: at,
          expiresAt,
          gsi1pk: keys.fileOutside(applicationId),
          gsi1sk: keys.validationToken(tokenHash).pk,
        },
      }),
    );
  }

  async applicationIdForToken(tokenHash: string, nowEpochSeconds: number): Promise<string | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.validationToken(tokenHash) }));
    if (!res.Item || (res.Item.expiresAt as number) < nowEpochSeconds) return undefined;
    return res.Item.applicationId as string;
  }
}

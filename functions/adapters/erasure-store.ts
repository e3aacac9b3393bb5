import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { writeIf } from './conditional-write.ts';
import { keys } from './keys.ts';
import { queryAll } from './query-all.ts';

const PENDING = 'ERASURES#PENDING';

/** Why a file was erased: codes only, never free text (the tombstone and the audit log hold no personal data). */
export const ERASURE_REASONS = {
  'data-subject-request': 'Demande de la personne concernée',
  'withdrawn-application': 'Candidature retirée par l’entreprise',
  'entered-by-mistake': 'Dossier créé par erreur ou en double',
  retention: 'Fin de la durée de conservation (purge)',
  'draft-deleted': 'Brouillon supprimé par le candidat',
} as const;
export type ErasureReason = keyof typeof ERASURE_REASONS;

/** `ERASED#<applicationId>`: ids, dates and a reason code. */
export interface Tombstone {
  applicationId: string;
  campaignId: string;
  erasedAt: string;
  reason: ErasureReason;
  /** Whether its page was on the public site (an interrupted erasure still republishes). */
  online: boolean;
  completedAt?: string;
}

/**
 * Tombstones of erased files. Written before anything is deleted and never removed: a late S3 event
 * (an upload signed before the erasure), a retried timeline task or a queued email of that file
 * checks it and does nothing, so an erased file never comes back, even in part.
 */
export class ErasureStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Idempotent: a second erasure of the same file keeps the first tombstone's date and reason. Listed
   * as pending (sparse gsi1 `ERASURES#PENDING`) until `complete`: the daily purge finishes an erasure
   * that was interrupted (its S3 part, after the items, which hold the private link, are gone).
   */
  async mark(tombstone: Tombstone): Promise<void> {
    await writeIf(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...keys.erased(tombstone.applicationId),
            ...tombstone,
            gsi1pk: PENDING,
            gsi1sk: `${tombstone.erasedAt}#${tombstone.applicationId}`,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async complete(applicationId: string, at: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.erased(applicationId),
        UpdateExpression: 'SET completedAt = :at REMOVE gsi1pk, gsi1sk',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  /** Erasures started and not completed (ids). */
  async pending(): Promise<string[]> {
    const items = await queryAll<{ applicationId: string }>(this.db, {
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': PENDING },
    });
    return items.map((i) => i.applicationId);
  }

  async get(applicationId: string): Promise<Tombstone | undefined> {
    const res = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.erased(applicationId), ConsistentRead: true }),
    );
    if (!res.Item) return undefined;
    const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...tombstone } = res.Item;
    return tombstone as Tombstone;
  }

  async isErased(applicationId: string): Promise<boolean> {
    return (await this.get(applicationId)) !== undefined;
  }
}

/**
 * Whether a file was erased: for consumers outside the stores (the mail queue's consumer skips the
 * pending emails of an erased file). One strongly consistent GetItem (dynamodb:GetItem).
 */
export function isErased(db: DynamoDBDocumentClient, table: string, applicationId: string): Promise<boolean> {
  return new ErasureStore(db, table).isErased(applicationId);
}

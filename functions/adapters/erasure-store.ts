import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { writeIf } from './conditional-write.ts';
import { keys } from './keys.ts';

/** Why a file was erased: codes only, never free text (the tombstone and the audit log hold no personal data). */
export const ERASURE_REASONS = {
  'data-subject-request': 'Demande de la personne concernée',
  'withdrawn-application': "Candidature retirée par l’entreprise",
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

  /** Idempotent: a second erasure of the same file keeps the first tombstone's date and reason. */
  async mark(tombstone: Tombstone): Promise<void> {
    await writeIf(() =>
      this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.erased(tombstone.applicationId), ...tombstone }, ConditionExpression: 'attribute_not_exists(pk)' })),
    );
  }

  async get(applicationId: string): Promise<Tombstone | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.erased(applicationId), ConsistentRead: true }));
    if (!res.Item) return undefined;
    const { pk: _pk, sk: _sk, ...tombstone } = res.Item;
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

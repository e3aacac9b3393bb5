import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { undeliverableHash, type UndeliverableKind } from '../domain/mail-events.ts';
import { now } from '../shared/clock.ts';
import { writeIf } from './conditional-write.ts';
import { keys } from './keys.ts';

export interface UndeliverableMark {
  kind: UndeliverableKind;
  /** When SES saw the bounce or the complaint (ISO). */
  at: string;
}

/**
 * Addresses SES reported as undeliverable, one item per address keyed by its hash (never the
 * address itself): written by the mail-events function, read by the mail consumer (nothing more is
 * sent to a marked address) and by the console (the file shows it). Kept RETENTION_POLICY's
 * undeliverableMonths after the latest event (TTL): until then nothing is written to that mailbox.
 */
export class UndeliverableStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Marks the address; the latest event wins, so SNS's and Lambda's redeliveries of an event, or
   * an older one arriving late, change nothing. Forgotten at `expiresAt` (epoch seconds, the TTL:
   * `undeliverableExpiresAt` in retention.ts, computed by the caller, so the mail consumer, which only
   * reads, does without the retention's date library). True when written.
   */
  markUndeliverable(address: string, mark: UndeliverableMark, expiresAt: number): Promise<boolean> {
    return writeIf(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.undeliverable(undeliverableHash(address)), kind: mark.kind, at: mark.at, expiresAt },
          ConditionExpression: 'attribute_not_exists(pk) OR #at < :at',
          ExpressionAttributeNames: { '#at': 'at' },
          ExpressionAttributeValues: { ':at': mark.at },
        }),
      ),
    );
  }

  /** The address's mark, if any. */
  async markOf(address: string): Promise<UndeliverableMark | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.undeliverable(undeliverableHash(address)) }),
    );
    // DynamoDB's TTL deletes days late (and never locally): an expired mark no longer counts.
    if (!Item || (typeof Item.expiresAt === 'number' && Item.expiresAt * 1000 <= now().getTime())) return undefined;
    return { kind: Item.kind as UndeliverableKind, at: Item.at as string };
  }

  async isUndeliverable(address: string): Promise<boolean> {
    return (await this.markOf(address)) !== undefined;
  }
}

import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { undeliverableHash, type UndeliverableKind } from '../domain/mail-events.ts';
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
 * sent to a marked address) and by the console (the file shows it). Kept until erased by hand: a
 * mailbox that refused us for good, or a person who complained, is not written to again.
 */
export class UndeliverableStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Marks the address; the latest event wins, so SNS's and Lambda's redeliveries of an event, or
   * an older one arriving late, change nothing. True when written.
   */
  markUndeliverable(address: string, mark: UndeliverableMark): Promise<boolean> {
    return writeIf(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.undeliverable(undeliverableHash(address)), kind: mark.kind, at: mark.at },
          ConditionExpression: 'attribute_not_exists(pk) OR #at < :at',
          ExpressionAttributeNames: { '#at': 'at' },
          ExpressionAttributeValues: { ':at': mark.at },
        }),
      ),
    );
  }

  /** The address's mark, if any. */
  async markOf(address: string): Promise<UndeliverableMark | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.undeliverable(undeliverableHash(address)) }));
    return Item ? { kind: Item.kind as UndeliverableKind, at: Item.at as string } : undefined;
  }

  async isUndeliverable(address: string): Promise<boolean> {
    return (await this.markOf(address)) !== undefined;
  }
}

import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type GetCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { keys } from './keys.ts';

/** Attempts at taking the next rank when other files take theirs at the same instant. */
const ATTEMPTS = 12;

/**
 * Each complete file's reference (functions/domain/file-reference.ts), taken once from its campaign's
 * counter (`CAMPAIGN#<id>` / `REFERENCES`). The counter's next rank and the file's `reference` are
 * written in one transaction, each under a condition: the counter still at the rank read, the file
 * still without a reference. So a retried or duplicate evaluation takes no second rank (the file
 * already has one: nothing is written, not even the counter), two files never share one (the second
 * finds the counter moved and reads it again), and no rank is lost to a race.
 */
export class FileReferences {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** The file's reference, taken now if it has none; undefined if the file is gone (erased). */
  async assign(
    applicationId: string,
    campaignId: string,
    format: (rank: number) => string,
  ): Promise<string | undefined> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const [counter, file] = await Promise.all([
        this.read({ Key: keys.fileReferences(campaignId), ProjectionExpression: 'lastRank' }),
        this.read({
          Key: keys.application(applicationId),
          ProjectionExpression: 'pk, #reference',
          ExpressionAttributeNames: { '#reference': 'reference' },
        }),
      ]);
      if (!file) return undefined;
      if (typeof file.reference === 'string') return file.reference;
      const last = typeof counter?.lastRank === 'number' ? counter.lastRank : 0;
      const reference = format(last + 1);
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.table,
                  Key: keys.fileReferences(campaignId),
                  UpdateExpression: 'SET lastRank = :next',
                  ConditionExpression: last ? 'lastRank = :last' : 'attribute_not_exists(lastRank)',
                  ExpressionAttributeValues: { ':next': last + 1, ...(last ? { ':last': last } : {}) },
                },
              },
              {
                Update: {
                  TableName: this.table,
                  Key: keys.application(applicationId),
                  UpdateExpression: 'SET #reference = :reference',
                  // An update creates a missing item: `attribute_exists(pk)` keeps an erased file erased.
                  ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#reference)',
                  ExpressionAttributeNames: { '#reference': 'reference' },
                  ExpressionAttributeValues: { ':reference': reference },
                },
              },
            ],
          }),
        );
        return reference;
      } catch (error) {
        // A condition refused (the counter moved, or the file got its reference meanwhile), or a
        // transaction conflict: read both again.
        if (!(error instanceof TransactionCanceledException)) throw error;
        await this.sleep(10 + Math.random() * 40 * (attempt + 1));
      }
    }
    throw new Error(`reference of ${applicationId} not taken after ${ATTEMPTS} attempts`);
  }

  private async read(input: Omit<GetCommandInput, 'TableName' | 'ConsistentRead'>) {
    return (await this.db.send(new GetCommand({ ...input, TableName: this.table, ConsistentRead: true }))).Item;
  }
}

import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { NewsletterSelection } from '../domain/newsletter.ts';
import { keys } from './keys.ts';

export interface NewsletterRecord extends NewsletterSelection {
  updatedAt: string;
  updatedBy: string;
}

/** The `NEWSLETTER` item of a campaign: the team's selection, replaced whole by each save. */
export class NewsletterStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(campaignId: string): Promise<NewsletterRecord | undefined> {
    const res = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.newsletter(campaignId), ConsistentRead: true }),
    );
    if (!res.Item) return undefined;
    const { pk: _pk, sk: _sk, ...record } = res.Item;
    return record as NewsletterRecord;
  }

  async put(campaignId: string, record: NewsletterRecord): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.newsletter(campaignId), ...record } }));
  }
}

import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Campaign } from '../domain/campaign.ts';
import { keys } from './keys.ts';

/** Reads campaigns; the current one is the most recently opened campaign in phase `open` or later. */
export class CampaignStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async current(): Promise<Campaign | undefined> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.campaignsIndex },
        ScanIndexForward: false,
        Limit: 5,
      }),
    );
    return (res.Items as Campaign[] | undefined)?.find((c) => c.phase !== 'draft');
  }

  async get(id: string): Promise<Campaign | undefined> {
    const res = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.campaign(id) }));
    return res.Item as Campaign | undefined;
  }
}

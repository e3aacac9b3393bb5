import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { articleSchema, type PublishedInitiative } from '../domain/article.ts';
import { publishedInitiative } from '../domain/article-workflow.ts';
import { initiativeUrls } from '../domain/site/paths.ts';
import { log } from '../shared/log.ts';
import type { ApplicationRecord, PhotoRecord } from './application-store.ts';
import { keys } from './keys.ts';
import { queryAll } from './query-all.ts';

/** DynamoDB's BatchGetItem limit. */
const BATCH = 100;
const PARALLEL_QUERIES = 8;

interface ArticleItem {
  pk: string;
  status?: string;
  article?: unknown;
  approvedAt?: string;
}

/**
 * Assembles what the public site shows of a campaign: every file whose `ARTICLE` item is
 * `approved`, with its application record (enterprise, axis, website) and its processed photos in
 * the article's order, captions and credits as the article sets them. Read-only.
 */
export class PublishedInitiativeStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Leaves out the initiatives withdrawn at their enterprise's request (`withdrawnAt`). */
  async forCampaign(campaignId: string): Promise<PublishedInitiative[]> {
    const approved = (await this.approved(campaignId)).filter(({ app }) => !app.withdrawnAt);
    const initiatives: PublishedInitiative[] = [];
    let next = 0;
    const worker = async () => {
      while (next < approved.length) {
        const { app, article, approvedAt } = approved[next++]!;
        const photos = await this.photos(app.id);
        initiatives.push(publishedInitiative(app, article, [...photos.values()], approvedAt));
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_QUERIES, approved.length) }, worker));
    return initiatives.sort((a, b) => a.approvedAt.localeCompare(b.approvedAt) || a.id.localeCompare(b.id));
  }

  /**
   * The page addresses the withdrawn initiatives had (their slugs among all the approved ones, as
   * when they were online): the publication puts a « retirée » page there (functions/domain/site).
   */
  async withdrawnUrls(campaignId: string): Promise<string[]> {
    const approved = await this.approved(campaignId);
    const urls = initiativeUrls(
      approved.map(({ app, article, approvedAt }) => publishedInitiative(app, article, [], approvedAt)),
    );
    return approved.filter(({ app }) => app.withdrawnAt).map(({ app }) => urls.get(app.id)!);
  }

  /** The campaign's files whose article is approved and publishable, withdrawn ones included. */
  private async approved(campaignId: string) {
    const apps = await this.applications(campaignId);
    const articles = await this.articles(apps.map((a) => a.id));
    return apps.flatMap((app) => {
      const item = articles.get(app.id);
      if (item?.status !== 'approved') return [];
      const parsed = articleSchema.safeParse(item.article);
      if (!parsed.success) {
        log.warn('approved article not publishable', { applicationId: app.id, issue: parsed.error.issues[0]?.message });
        return [];
      }
      return [{ app, article: parsed.data, approvedAt: item.approvedAt ?? app.updatedAt }];
    });
  }

  /** The campaign's application records, through gsi1 `CAMPAIGN#<id>#APPS`. */
  private async applications(campaignId: string): Promise<ApplicationRecord[]> {
    return queryAll<ApplicationRecord>(this.db, {
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.campaignApplications(campaignId) },
    });
  }

  /** The `ARTICLE` items of these files (status, article, approval time only), by application id. */
  private async articles(ids: string[]): Promise<Map<string, ArticleItem>> {
    const found = new Map<string, ArticleItem>();
    for (let i = 0; i < ids.length; i += BATCH) {
      let request: Record<string, unknown>[] | undefined = ids.slice(i, i + BATCH).map((id) => keys.article(id));
      for (let attempt = 0; request?.length; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
        if (attempt > 8) throw new Error('BatchGetItem: unprocessed keys after 8 retries');
        const res = await this.db.send(
          new BatchGetCommand({
            RequestItems: {
              [this.table]: {
                Keys: request,
                ProjectionExpression: 'pk, #status, article, approvedAt',
                ExpressionAttributeNames: { '#status': 'status' },
              },
            },
          }),
        );
        for (const item of (res.Responses?.[this.table] ?? []) as ArticleItem[])
          found.set(item.pk.slice('APP#'.length), item);
        request = res.UnprocessedKeys?.[this.table]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return found;
  }

  private async photos(applicationId: string): Promise<Map<number, PhotoRecord>> {
    const res = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :photo)',
        ExpressionAttributeValues: { ':pk': keys.applicationPk(applicationId), ':photo': 'PHOTO#' },
      }),
    );
    return new Map(((res.Items ?? []) as PhotoRecord[]).map((p) => [p.slot, p]));
  }
}

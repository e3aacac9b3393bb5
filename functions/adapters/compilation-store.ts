import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CompilationRecord, CompilationSource, CompilationState } from '../domain/compilation.ts';

export type { CompilationRecord };
import { ApplicationStore } from './application-store.ts';
import { ArticleStore } from './article-store.ts';
import { writeIf } from './conditional-write.ts';
import { keys } from './keys.ts';

const PARALLEL_READS = 8;

export class CompilationStore {
  private readonly applications: ApplicationStore;
  private readonly articles: ArticleStore;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {
    this.applications = new ApplicationStore(db, table);
    this.articles = new ArticleStore(db, table);
  }

  async get(campaignId: string): Promise<CompilationRecord | undefined> {
    const res = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.compilation(campaignId), ConsistentRead: true }),
    );
    if (!res.Item) return undefined;
    const { pk: _pk, sk: _sk, ...record } = res.Item;
    return record as CompilationRecord;
  }

  /** A new generation replaces the previous record (its PDF stays until the bucket's lifecycle removes it). */
  async start(record: CompilationRecord): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.table, Item: { ...keys.compilation(record.campaignId), ...record } }),
    );
  }

  /** Records the outcome of `requestId`; false when a newer generation was asked for meanwhile. */
  async finish(
    campaignId: string,
    requestId: string,
    outcome: Partial<CompilationRecord> & { state: CompilationState },
  ): Promise<boolean> {
    const entries = Object.entries(outcome).filter(([, v]) => v !== undefined);
    return writeIf(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.compilation(campaignId),
          UpdateExpression: `SET ${entries.map((_, i) => `#k${i} = :v${i}`).join(', ')}`,
          ConditionExpression: 'requestId = :request',
          ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#k${i}`, k])),
          ExpressionAttributeValues: {
            ...Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])),
            ':request': requestId,
          },
        }),
      ),
    );
  }

  /**
   * Every file complete at the deadline (the « returned projects »), test files aside, with its
   * photos and its article when approved.
   */
  async sources(campaignId: string): Promise<CompilationSource[]> {
    // A file withdrawn at the enterprise's request is left out of the printed compilation too.
    const complete = (await this.applications.listByCampaign(campaignId)).filter(
      (app) => app.closedStatus === 'complete' && !app.test && !app.withdrawnAt,
    );
    const sources: CompilationSource[] = [];
    let next = 0;
    const worker = async () => {
      while (next < complete.length) {
        const app = complete[next++]!;
        const [parts, article] = await Promise.all([this.applications.load(app.id), this.articles.get(app.id)]);
        sources.push({
          app,
          photos: parts?.photos ?? [],
          article: article?.status === 'approved' ? article.article : undefined,
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, complete.length) }, worker));
    return sources;
  }
}

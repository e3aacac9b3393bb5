import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { phasesBefore, type Campaign, type CampaignPhase } from '../domain/campaign.ts';
import type { CampaignRecord, StepKey } from '../domain/timeline.ts';
import { keys } from './keys.ts';
import { queryAll } from './query-all.ts';
import { isConditionFailure, writeIf } from './conditional-write.ts';

const strip = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...rest } = item;
  return rest as unknown as CampaignRecord;
};

/**
 * Campaigns (one item each, listed through gsi1 `CAMPAIGNS`, newest first). The current one is the
 * newest campaign accepting applications, else the newest opened one. Phase and step writes are
 * conditional: phases only move forward and a step is recorded once.
 */
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
        Limit: 25,
      }),
    );
    const opened = ((res.Items ?? []) as Campaign[]).filter((c) => c.phase !== 'draft');
    return opened.find((c) => c.phase === 'open') ?? opened[0];
  }

  async get(id: string, options: { consistent?: boolean } = {}): Promise<CampaignRecord | undefined> {
    const res = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.campaign(id), ConsistentRead: options.consistent }),
    );
    return res.Item ? strip(res.Item) : undefined;
  }

  /** Every campaign, newest first (a few per year). */
  async list(): Promise<CampaignRecord[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.campaignsIndex },
      ScanIndexForward: false,
    });
    return items.map(strip);
  }

  async create(campaign: CampaignRecord): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.campaign(campaign.id),
          gsi1pk: keys.campaignsIndex,
          gsi1sk: `${campaign.createdAt}#${campaign.id}`,
          ...campaign,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /**
   * Sets attributes under conditions; false when a condition fails (someone else changed it).
   * `where` maps attribute names to expected values (`null`: must be absent); `stepsNotDone` lists
   * steps that must not be recorded yet.
   */
  async update(
    id: string,
    set: Record<string, unknown>,
    where: Record<string, unknown> = {},
    stepsNotDone: StepKey[] = [],
  ): Promise<boolean> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = Object.entries(set).map(([k, v], i) => {
      names[`#s${i}`] = k;
      values[`:s${i}`] = v;
      return `#s${i} = :s${i}`;
    });
    const conditions = ['attribute_exists(pk)'];
    Object.entries(where).forEach(([k, v], i) => {
      names[`#w${i}`] = k;
      if (v === null) conditions.push(`attribute_not_exists(#w${i})`);
      else {
        values[`:w${i}`] = v;
        conditions.push(`#w${i} = :w${i}`);
      }
    });
    stepsNotDone.forEach((step, i) => {
      names[`#n${i}`] = step;
      conditions.push(`attribute_not_exists(steps.#n${i})`);
    });
    return writeIf(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.campaign(id),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      ),
    );
  }

  /**
   * Moves the phase forward to `to` (only from an earlier phase); false if the campaign is already
   * there or beyond: a replayed step never moves a phase back.
   */
  async advancePhase(
    id: string,
    to: CampaignPhase,
    now: string,
    extra: Record<string, unknown> = {},
  ): Promise<boolean> {
    const from = phasesBefore(to);
    const values: Record<string, unknown> = { ':to': to, ':now': now };
    const names: Record<string, string> = { '#phase': 'phase' };
    from.forEach((p, i) => (values[`:f${i}`] = p));
    const sets = Object.entries(extra).map(([k, v], i) => {
      names[`#x${i}`] = k;
      values[`:x${i}`] = v;
      return `#x${i} = :x${i}`;
    });
    return writeIf(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.campaign(id),
          UpdateExpression: `SET #phase = :to, updatedAt = :now${sets.map((s) => `, ${s}`).join('')}`,
          ConditionExpression: `attribute_exists(pk) AND #phase IN (${from.map((_, i) => `:f${i}`).join(', ')})`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      ),
    );
  }

  /** Records that a step is done (once: the first completion time is kept). */
  async markStep(id: string, step: StepKey, at: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.campaign(id),
          UpdateExpression: 'SET steps.#step = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(steps.#step)',
          ExpressionAttributeNames: { '#step': step },
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return;
      // A campaign written without a `steps` map (older items): create it with this step.
      if ((error as { name?: string }).name === 'ValidationException') {
        await this.update(id, { steps: { [step]: at } }, { steps: null }).then((done) => {
          if (!done) return this.markStep(id, step, at);
        });
        return;
      }
      throw error;
    }
  }
}

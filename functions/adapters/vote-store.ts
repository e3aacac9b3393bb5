import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { VOTE_SHARDS, voteShard, type AxisResult, type ConfirmedVote, type Tally } from '../domain/votes.ts';
import { keys } from './keys.ts';
import { queryAll } from './query-all.ts';
import { isConditionFailure, writeIf } from './conditional-write.ts';

/** A vote asked for and not yet confirmed: the only item that holds an address in clear. */
export interface PendingVote {
  campaignId: string;
  initiativeId: string;
  axis: string;
  /** The initiative's public title when the vote was asked (shown on the confirmation page). */
  title?: string;
  /** As typed (trimmed): where the link was sent. Removed when the vote is confirmed. */
  email?: string;
  emailHash: string;
  emailDomain: string;
  ipHash: string;
  /** The initiative's page, to link back to it. */
  page?: string;
  createdAt: string;
  /** Checked against `now()`: DynamoDB's TTL deletes late and never locally. */
  linkExpiresAt: string;
  /** TTL (epoch seconds). */
  expiresAt: number;
  usedAt?: string;
}

/** What the vote needs of an initiative: its campaign, axis and public title, and whether it is published. */
export interface VotableInitiative {
  id: string;
  campaignId: string;
  axis: string;
  title: string;
  company: string;
  region: string;
  approved: boolean;
}

export interface FrozenResults {
  state: 'freezing' | 'frozen';
  frozenAt: string;
  total?: number;
  tallies?: Tally[];
  axes?: AxisResult[];
}

export type ConfirmOutcome = 'confirmed' | 'used' | 'already-voted' | 'limit' | 'closed';

/** Order of the confirmation's transaction items: a cancellation reason at index i names the failed rule. */
const CONFIRM_FAILURES: (ConfirmOutcome | undefined)[] = ['used', 'already-voted', 'closed', 'limit'];
const MAX_ATTEMPTS = 8;
const SHARDS = Array.from({ length: VOTE_SHARDS }, (_, shard) => shard);
const FREEZE_PARALLELISM = 25;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Persistence of the public vote, in the single table. Counting is exact under concurrency: a vote
 * is confirmed by one TransactWriteItems that marks the link used, writes the vote item (once per
 * address and initiative), adds one to the initiative's counter in the vote's shard (unless the
 * freeze marked it) and to the address's counter (below the campaign's maximum): all or nothing.
 * No item is shared by every confirmation (README « Vote du public »).
 */
export class VoteStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * Counts one request in a fixed window; false when `max` are already counted. One conditional ADD:
   * concurrent requests can never pass more than `max`.
   */
  async hit(scope: string, hash: string, window: string, max: number, expiresAt: number): Promise<boolean> {
    return writeIf(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.voteRate(scope, hash, window),
          UpdateExpression: 'ADD #n :one SET expiresAt = if_not_exists(expiresAt, :ttl)',
          ConditionExpression: 'attribute_not_exists(#n) OR #n < :max',
          ExpressionAttributeNames: { '#n': 'requests' },
          ExpressionAttributeValues: { ':one': 1, ':max': max, ':ttl': expiresAt },
        }),
      ),
    );
  }

  /** The initiative as the vote sees it (application record and article), undefined when unknown. */
  async initiative(id: string): Promise<VotableInitiative | undefined> {
    const res = await this.db.send(
      new BatchGetCommand({
        RequestItems: {
          [this.table]: {
            Keys: [keys.application(id), keys.article(id)],
            ProjectionExpression:
              '#sk, #campaign, #fields.#initiative, #fields.#company, #status, #article.#title, withdrawnAt',
            ExpressionAttributeNames: {
              '#sk': 'sk',
              '#campaign': 'campaignId',
              '#fields': 'fields',
              '#initiative': 'initiative',
              '#company': 'company',
              '#status': 'status',
              '#article': 'article',
              '#title': 'title',
            },
          },
        },
      }),
    );
    let items = res.Responses?.[this.table] ?? [];
    if (res.UnprocessedKeys?.[this.table]) {
      // Rare (throttling): read them one by one.
      items = (
        await Promise.all(
          [keys.application(id), keys.article(id)].map((Key) =>
            this.db.send(new GetCommand({ TableName: this.table, Key })).then((r) => r.Item),
          ),
        )
      ).filter((i): i is Record<string, unknown> => Boolean(i));
    }
    const app = items.find((i) => i.sk === 'META') as
      | {
          campaignId: string;
          withdrawnAt?: string;
          fields?: { initiative?: { axis?: string; name?: string }; company?: { name?: string; region?: string } };
        }
      | undefined;
    if (!app) return undefined;
    const article = items.find((i) => i.sk === 'ARTICLE') as
      { status?: string; article?: { title?: string } } | undefined;
    return {
      id,
      campaignId: app.campaignId,
      axis: app.fields?.initiative?.axis ?? '',
      title: article?.article?.title || app.fields?.initiative?.name || 'Initiative',
      company: app.fields?.company?.name ?? '',
      region: app.fields?.company?.region ?? '',
      // Withdrawn from the site at the enterprise's request: no longer open to votes.
      approved: article?.status === 'approved' && !app.withdrawnAt,
    };
  }

  /** Listed on gsi1 under the voter's key: erasing a voter by address finds their links without a scan. */
  async putPending(tokenHash: string, pending: PendingVote): Promise<void> {
    const voter = keys.voter(pending.campaignId, pending.emailHash).pk;
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.votePending(tokenHash),
          ...pending,
          gsi1pk: voter,
          gsi1sk: `${pending.createdAt}#${tokenHash}`,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async pending(tokenHash: string): Promise<PendingVote | undefined> {
    const res = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.votePending(tokenHash), ConsistentRead: true }),
    );
    if (!res.Item) return undefined;
    const { pk: _pk, sk: _sk, ...rest } = res.Item;
    return rest as PendingVote;
  }

  /** Has this address (hash) a confirmed vote for the initiative, and how many votes in the campaign? */
  async voterState(
    campaignId: string,
    initiativeId: string,
    emailHash: string,
  ): Promise<{ voted: boolean; count: number }> {
    const [vote, voter] = await Promise.all([
      this.db.send(
        new GetCommand({
          TableName: this.table,
          Key: keys.vote(campaignId, initiativeId, emailHash),
          ConsistentRead: true,
          ProjectionExpression: 'pk',
        }),
      ),
      this.db.send(
        new GetCommand({ TableName: this.table, Key: keys.voter(campaignId, emailHash), ConsistentRead: true }),
      ),
    ]);
    return { voted: Boolean(vote.Item), count: Number(voter.Item?.votes ?? 0) };
  }

  /** How many initiatives this address (hash) voted for in the campaign. */
  async voterCount(campaignId: string, emailHash: string): Promise<number> {
    const res = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.voter(campaignId, emailHash), ConsistentRead: true }),
    );
    return Number(res.Item?.votes ?? 0);
  }

  /**
   * Confirms a pending vote, all or nothing. Concurrent confirmations of one link: exactly one
   * succeeds, the others find the link used. Transaction conflicts (two votes touching one counter
   * at the same instant) are retried with jittered backoff.
   */
  async confirm(input: {
    tokenHash: string;
    pending: PendingVote;
    maxPerEmail: number;
    at: string;
    retainUntil: number;
  }): Promise<ConfirmOutcome> {
    const { pending, at } = input;
    const items = [
      {
        Update: {
          TableName: this.table,
          Key: keys.votePending(input.tokenHash),
          // The address in clear is dropped as the vote is confirmed.
          UpdateExpression: 'SET usedAt = :at REMOVE email',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
          ExpressionAttributeValues: { ':at': at },
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: {
            ...keys.vote(pending.campaignId, pending.initiativeId, pending.emailHash),
            gsi1pk: keys.campaignVotes(pending.campaignId),
            gsi1sk: `${at}#${pending.initiativeId}#${pending.emailHash}`,
            campaignId: pending.campaignId,
            initiativeId: pending.initiativeId,
            axis: pending.axis,
            emailHash: pending.emailHash,
            emailDomain: pending.emailDomain,
            ipHash: pending.ipHash,
            requestedAt: pending.createdAt,
            confirmedAt: at,
            expiresAt: input.retainUntil,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: this.table,
          Key: keys.voteCount(pending.campaignId, pending.initiativeId, voteShard(pending.emailHash)),
          UpdateExpression: 'ADD votes :one SET initiativeId = :i, axis = :axis, updatedAt = :at',
          ConditionExpression: 'attribute_not_exists(frozen)',
          ExpressionAttributeValues: { ':one': 1, ':i': pending.initiativeId, ':axis': pending.axis, ':at': at },
        },
      },
      {
        Update: {
          TableName: this.table,
          Key: keys.voter(pending.campaignId, pending.emailHash),
          UpdateExpression: 'ADD votes :one SET expiresAt = :ttl',
          ConditionExpression: 'attribute_not_exists(votes) OR votes < :max',
          ExpressionAttributeValues: { ':one': 1, ':max': input.maxPerEmail, ':ttl': input.retainUntil },
        },
      },
    ];
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: items }));
        return 'confirmed';
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
        if (failed >= 0) {
          const outcome = CONFIRM_FAILURES[failed];
          if (outcome) return outcome;
          throw error;
        }
        const retryable = reasons.some(
          (r) =>
            r.Code === 'TransactionConflict' ||
            r.Code === 'ThrottlingError' ||
            r.Code === 'ProvisionedThroughputExceeded',
        );
        if (!retryable || attempt >= MAX_ATTEMPTS) throw error;
        await sleep(Math.random() * Math.min(1000, 25 * 2 ** attempt));
      }
    }
  }

  /** An initiative's votes: its counters in every shard (one BatchGetItem), summed. */
  async count(campaignId: string, initiativeId: string): Promise<number> {
    let pending: Record<string, unknown>[] = SHARDS.map((shard) => keys.voteCount(campaignId, initiativeId, shard));
    let total = 0;
    // Unprocessed keys (throttling) are asked again, as BatchGetItem's contract wants.
    for (let round = 0; pending.length && round < MAX_ATTEMPTS; round++) {
      const res = await this.db.send(
        new BatchGetCommand({
          RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true, ProjectionExpression: 'votes' } },
        }),
      );
      total += (res.Responses?.[this.table] ?? []).reduce((sum, item) => sum + Number(item.votes ?? 0), 0);
      pending = res.UnprocessedKeys?.[this.table]?.Keys ?? [];
    }
    if (pending.length) throw new Error(`vote count of ${initiativeId}: ${pending.length} shards unread`);
    return total;
  }

  /** The live counts of a campaign: one query per shard, summed per initiative. */
  async tallies(campaignId: string): Promise<Tally[]> {
    const shards = await Promise.all(
      SHARDS.map((shard) =>
        queryAll(this.db, {
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :count)',
          ExpressionAttributeValues: { ':pk': keys.voteShardPk(campaignId, shard), ':count': 'COUNT#' },
          ConsistentRead: true,
        }),
      ),
    );
    const tallies = new Map<string, Tally>();
    // A counter the freeze created for an initiative without votes in that shard counts nothing.
    for (const item of shards.flat().filter((i) => Number(i.votes ?? 0) > 0)) {
      const id = String(item.initiativeId);
      const tally = tallies.get(id) ?? { initiativeId: id, axis: String(item.axis ?? ''), votes: 0 };
      tally.votes += Number(item.votes ?? 0);
      tallies.set(id, tally);
    }
    return [...tallies.values()];
  }

  async results(campaignId: string): Promise<FrozenResults | undefined> {
    const res = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.voteResults(campaignId), ConsistentRead: true }),
    );
    if (!res.Item) return undefined;
    const { pk: _pk, sk: _sk, ...rest } = res.Item;
    return rest as FrozenResults;
  }

  /** Every confirmed vote of a campaign, oldest first (what the anomaly view reads: no address). */
  async confirmedVotes(campaignId: string): Promise<ConfirmedVote[]> {
    return queryAll<ConfirmedVote>(this.db, {
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.campaignVotes(campaignId) },
      ProjectionExpression: 'initiativeId, confirmedAt, emailDomain, ipHash, emailHash',
    });
  }

  /**
   * Step 1 of the freeze: the RESULTS item, written once (vote requests are refused from then on).
   * Returns the item as it is now (written by this call or an earlier one).
   */
  async startFreeze(campaignId: string, at: string): Promise<FrozenResults> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.voteResults(campaignId), state: 'freezing', frozenAt: at },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { state: 'freezing', frozenAt: at };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return (await this.results(campaignId))!;
    }
  }

  /**
   * Step 2: marks every counter of these initiatives, in every shard, frozen (creating the missing
   * ones): from each mark on, a confirmation counting there fails. Idempotent, in parallel batches.
   */
  async freezeCounters(campaignId: string, initiativeIds: string[]): Promise<void> {
    const counters = initiativeIds.flatMap((id) => SHARDS.map((shard) => ({ id, shard })));
    for (let i = 0; i < counters.length; i += FREEZE_PARALLELISM) {
      await Promise.all(
        counters.slice(i, i + FREEZE_PARALLELISM).map(({ id, shard }) =>
          this.db.send(
            new UpdateCommand({
              TableName: this.table,
              Key: keys.voteCount(campaignId, id, shard),
              UpdateExpression: 'SET frozen = :true, initiativeId = :i',
              ExpressionAttributeValues: { ':true': true, ':i': id },
            }),
          ),
        ),
      );
    }
  }

  /** Step 3: the totals read after step 2 (final: no vote can be added any more), written once. */
  async completeFreeze(
    campaignId: string,
    results: { total: number; tallies: Tally[]; axes: AxisResult[] },
  ): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.voteResults(campaignId),
          UpdateExpression: 'SET #state = :frozen, #total = :total, tallies = :tallies, axes = :axes',
          ConditionExpression: '#state = :freezing',
          ExpressionAttributeNames: { '#state': 'state', '#total': 'total' },
          ExpressionAttributeValues: {
            ':frozen': 'frozen',
            ':freezing': 'freezing',
            ':total': results.total,
            ':tallies': results.tallies,
            ':axes': results.axes,
          },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error; // completed by a concurrent run: same totals
    }
  }
}

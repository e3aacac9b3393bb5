import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { voteShard } from '../domain/votes.ts';
import { keys } from './keys.ts';
import { queryAll } from './query-all.ts';

export interface VoterErasure {
  /** Vote links asked (pending, or used: they keep the hashes until their TTL). */
  pending: number;
  /** Confirmed votes (`VOTE#…`: the address's hash, its domain, the connection's hash). */
  votes: number;
  /** The address's counter in the campaign. */
  voters: number;
}

const PARALLEL_DELETES = 25;

/**
 * Erases what a campaign's vote holds of one address (its hash): the pending votes (the address in
 * clear until confirmed) with their confirmation emails' records, the confirmed votes and the
 * address's counter. The initiatives' counters and the frozen results are left as they are: a vote
 * counted stays counted (the totals carry nothing personal). Idempotent; no scan:
 * - pending votes are listed on gsi1 under the voter's key (VoteStore.putPending);
 * - a confirmed vote went into the counter of its address's shard, so that shard's counters name
 *   every initiative the address can have voted for, and each `VOTE#<campaign>#<initiative>#<hash>`
 *   is deleted by its key.
 */
export async function eraseVoter(
  db: DynamoDBDocumentClient,
  table: string,
  campaignId: string,
  emailHash: string,
): Promise<VoterErasure> {
  const voter = keys.voter(campaignId, emailHash);
  const [pending, counters] = await Promise.all([
    queryAll<{ pk: string; sk: string }>(db, {
      TableName: table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': voter.pk },
      ProjectionExpression: 'pk, sk',
    }),
    queryAll<{ initiativeId?: string; votes?: number }>(db, {
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :count)',
      ExpressionAttributeValues: { ':pk': keys.voteShardPk(campaignId, voteShard(emailHash)), ':count': 'COUNT#' },
      ProjectionExpression: 'initiativeId, votes',
      ConsistentRead: true,
    }),
  ]);
  // The confirmation email's record is keyed by the link's token hash (functions/api/vote-routes.ts).
  const emails = pending.map((p) => keys.email(`vote:${p.pk.slice('VOTETOKEN#'.length)}`));
  const votes = counters
    .filter((c) => c.initiativeId && Number(c.votes ?? 0) > 0)
    .map((c) => keys.vote(campaignId, c.initiativeId!, emailHash));
  const found = await deleteAll(db, table, [...pending, ...emails, ...votes, voter]);
  return {
    pending: pending.length,
    votes: votes.filter((_, i) => found[pending.length + emails.length + i]).length,
    voters: found.at(-1) ? 1 : 0,
  };
}

/** Deletes each key (absent ones cost a write unit and change nothing); true where an item was there. */
async function deleteAll(
  db: DynamoDBDocumentClient,
  table: string,
  items: { pk: string; sk: string }[],
): Promise<boolean[]> {
  const found: boolean[] = [];
  for (let i = 0; i < items.length; i += PARALLEL_DELETES) {
    const batch = items.slice(i, i + PARALLEL_DELETES);
    const results = await Promise.all(
      batch.map((key) =>
        db.send(new DeleteCommand({ TableName: table, Key: { pk: key.pk, sk: key.sk }, ReturnValues: 'ALL_OLD' })),
      ),
    );
    found.push(...results.map((r) => Boolean(r.Attributes)));
  }
  return found;
}

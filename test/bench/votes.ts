import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { VoteStore } from '../../functions/adapters/vote-store.ts';
import { hashToken, newToken } from '../../functions/domain/tokens.ts';
import { emailDomain, emailHash, ipHash, normaliseEmail, RATE_LIMITS } from '../../functions/domain/votes.ts';
import { startLocalStack } from '../../infra/local/stack.ts';
import { confirmVote, documentClient, requestVote, seedVotingCampaign, voteCounts, type VotingCampaign } from '../support/vote-seed.ts';
import { fmt, percentile, perSecond, pool } from './measure.ts';

/**
 * The public vote on a local stack (`npm run bench`, last section): confirmed votes per second
 * through POST /api/votes/confirm, each one a DynamoDB transaction of five items, with the counts
 * checked exact afterwards. Pending votes are written straight into the table (the request route is
 * limited to RATE_LIMITS.ip.max an hour per connection, and the bench has one); the request route
 * (which also sends the email) is measured on that many requests.
 */

const VOTES = Number(process.env.BENCH_VOTES ?? 300);
const CONCURRENCY = Number(process.env.BENCH_VOTE_CONCURRENCY ?? 8);

interface Run {
  label: string;
  votes: number;
  perSecond: number;
  p50: number;
  p95: number;
  counted: number;
  refused: number;
}

async function pendingVotes(stack: { env: Record<string, string> }, campaign: VotingCampaign, count: number, pick: (i: number) => number, tag: string): Promise<string[]> {
  const db = documentClient(stack);
  const store = new VoteStore(db, stack.env.TABLE_NAME!);
  const now = new Date();
  const tokens = Array.from({ length: count }, () => newToken());
  await pool([...tokens.keys()], 16, async (i) => {
    const token = tokens[i]!;
    const initiative = campaign.initiatives[pick(i)]!;
    const email = normaliseEmail(`bench-${tag}-${i}@example.org`)!;
    await store.putPending(hashToken(token), {
      campaignId: campaign.id,
      initiativeId: initiative.id,
      axis: initiative.axis,
      title: initiative.title,
      email,
      emailHash: emailHash(campaign.id, email),
      emailDomain: emailDomain(email),
      ipHash: ipHash(campaign.id, `198.51.100.${i % 250}`),
      createdAt: now.toISOString(),
      linkExpiresAt: new Date(now.getTime() + 3600_000).toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + 86_400,
    });
  });
  db.destroy();
  return tokens;
}

async function confirmAll(front: string, tokens: string[]): Promise<{ ms: number; latencies: number[]; statuses: number[] }> {
  const latencies: number[] = [];
  const statuses: number[] = [];
  const ms = await pool(tokens, CONCURRENCY, async (token) => {
    const started = performance.now();
    const res = await confirmVote(front, token);
    latencies.push(performance.now() - started);
    statuses.push(res.status);
  });
  return { ms, latencies, statuses };
}

async function total(front: string, campaign: VotingCampaign): Promise<number> {
  const counts = (await voteCounts(front, campaign.id)).body.counts as Record<string, number>;
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** Prints the section; starts and stops its own local stack. */
export async function voteBench(parentDir?: string): Promise<void> {
  console.log(`\n== Votes: confirmations through the public API of a local stack (${VOTES} votes, ${CONCURRENCY} in flight) ==`);
  console.log(`  load average ${fmt(os.loadavg()[0]!, 1)} (1 min) on ${os.availableParallelism()} cores: DynamoDB Local shares them with the handlers`);
  const dir = await mkdtemp(path.join(parentDir ?? os.tmpdir(), 'avenir-bench-votes-'));
  const log = console.log;
  const print = (line: string) => log(line);
  // The in-process handlers log every request on stdout: kept out of the figures.
  console.log = () => undefined;
  try {
    const stack = await startLocalStack({ dataDir: dir, ports: 'auto', quiet: true });
    try {
      const front = stack.urls.front;
      const runs: Run[] = [];
      for (const [label, initiatives, pick] of [
        ['spread over 10 initiatives', 10, (i: number) => i % 10],
        ['all on one initiative (one hot counter)', 1, () => 0],
      ] as const) {
        const campaign = await seedVotingCampaign(stack, { count: initiatives, voting: { maxPerEmail: 3, showCounts: true }, label: `bench ${label}` });
        const tokens = await pendingVotes(stack, campaign, VOTES, pick, String(initiatives));
        const { ms, latencies, statuses } = await confirmAll(front, tokens);
        const ok = statuses.filter((s) => s === 200).length;
        const counted = await total(front, campaign);
        const replays = await confirmAll(front, tokens.slice(0, 50));
        if (counted !== ok || replays.statuses.some((s) => s !== 409) || (await total(front, campaign)) !== counted) {
          throw new Error(`counts not exact: ${ok} confirmed, ${counted} counted`);
        }
        runs.push({ label, votes: tokens.length, perSecond: perSecond(ok, ms), p50: percentile(latencies, 50), p95: percentile(latencies, 95), counted, refused: tokens.length - ok });
      }
      for (const r of runs) {
        print(`  ${r.label}: ${fmt(r.perSecond, 1)} confirmed votes/s; latency p50 ${fmt(r.p50, 0)} ms, p95 ${fmt(r.p95, 0)} ms; counted ${r.counted}/${r.votes} (exact; 50 replays refused)`);
      }

      // The request route: limit checks, reads, the pending item and the email (SES emulator).
      const campaign = await seedVotingCampaign(stack, { count: 3, label: 'bench requests' });
      const latencies: number[] = [];
      const emails = Array.from({ length: RATE_LIMITS.ip.max }, (_, i) => `bench-request-${i}@example.org`);
      const ms = await pool([...emails.keys()], Math.min(CONCURRENCY, 4), async (i) => {
        const started = performance.now();
        const res = await requestVote(front, campaign.initiatives[i % 3]!.id, emails[i]!);
        if (res.status !== 202) throw new Error(`request refused ${res.status}: ${res.body.message}`);
        latencies.push(performance.now() - started);
      });
      print(`  vote requests (POST /api/votes, email sent): ${fmt(perSecond(emails.length, ms), 1)} requests/s over ${emails.length}; latency p50 ${fmt(percentile(latencies, 50), 0)} ms, p95 ${fmt(percentile(latencies, 95), 0)} ms`);
    } finally {
      await stack.stop();
    }
  } catch (error) {
    print(`  not run: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    console.log = log;
    await rm(dir, { recursive: true, force: true });
  }
}

// `npx tsx test/bench/votes.ts`: this section alone.
if (import.meta.url === `file://${process.argv[1]}`) await voteBench();

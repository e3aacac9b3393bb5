import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { VoteStore, type PendingVote } from '../../functions/adapters/vote-store.ts';
import { hashToken, newToken } from '../../functions/domain/tokens.ts';
import { emailDomain, emailHash, ipHash, normaliseEmail, RATE_LIMITS } from '../../functions/domain/votes.ts';
import { startLocalStack } from '../../infra/local/stack.ts';
import {
  confirmVote,
  documentClient,
  inbox,
  requestVote,
  seedVotingCampaign,
  voteCounts,
  type VotingCampaign,
} from '../support/vote-seed.ts';
import { ApplicantClient } from '../support/api-client.ts';
import { openTestCampaign } from '../support/seed.ts';
import { fmt, percentile, perSecond, pool } from './measure.ts';

/**
 * The public vote on a local stack (`npm run bench -- votes`, also the last sections of
 * `npm run bench`): confirmed votes per second through POST /api/votes/confirm (each one a DynamoDB
 * transaction of four items, none shared by all votes), beside DynamoDB Local's raw rate for the
 * very same transactions sent straight to it from this process (the ceiling on this machine), with
 * the exact counts checked afterwards; then the request route's limits as a newsletter day meets
 * them: a thousand addresses behind one connection, one address asking a thousand times, and an
 * email-bombing attempt on the application form.
 */

const VOTES = Number(process.env.BENCH_VOTES ?? 600);
const CONCURRENCY = Number(process.env.BENCH_VOTE_CONCURRENCY ?? 16);
const NAT_REQUESTS = Number(process.env.BENCH_NAT_REQUESTS ?? 1000);
const TARGETS = { ratio: 0.5, votesPerSecond: 200 };

interface Run {
  label: string;
  votes: number;
  perSecond: number;
  rawPerSecond: number;
  p50: number;
  p95: number;
  counted: number;
  refused: number;
}

type Pending = { token: string; pending: PendingVote };

async function pendingVotes(
  stack: { env: Record<string, string> },
  campaign: VotingCampaign,
  count: number,
  pick: (i: number) => number,
  tag: string,
): Promise<Pending[]> {
  const db = documentClient(stack);
  const store = new VoteStore(db, stack.env.TABLE_NAME!);
  const now = new Date();
  const votes: Pending[] = [];
  await pool(
    Array.from({ length: count }, (_, i) => i),
    16,
    async (i) => {
      const token = newToken();
      const initiative = campaign.initiatives[pick(i)]!;
      const email = normaliseEmail(`bench-${tag}-${i}@example.org`)!;
      const pending: PendingVote = {
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
      };
      await store.putPending(hashToken(token), pending);
      votes.push({ token, pending });
    },
  );
  db.destroy();
  return votes;
}

/**
 * The same confirmations (VoteStore.confirm: the route's very transaction) sent straight to
 * DynamoDB Local from this process, with the same concurrency: what the machine allows at best.
 */
async function rawConfirmations(dynamodbUrl: string, table: string, votes: Pending[]): Promise<number> {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: dynamodbUrl,
      region: 'eu-west-3',
      credentials: { accessKeyId: 'raw', secretAccessKey: 'raw' },
    }),
  );
  const store = new VoteStore(db, table);
  const retainUntil = Math.floor(Date.now() / 1000) + 86_400;
  let confirmed = 0;
  const ms = await pool(votes, CONCURRENCY, async ({ token, pending }) => {
    if (
      (await store.confirm({
        tokenHash: hashToken(token),
        pending,
        maxPerEmail: 3,
        at: new Date().toISOString(),
        retainUntil,
      })) === 'confirmed'
    )
      confirmed += 1;
  });
  db.destroy();
  if (confirmed !== votes.length) throw new Error(`raw run: ${confirmed}/${votes.length} confirmed`);
  return perSecond(confirmed, ms);
}

async function confirmAll(
  front: string,
  tokens: string[],
): Promise<{ ms: number; latencies: number[]; statuses: number[] }> {
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
  console.log(
    `\n== Votes: confirmations through the public API of a local stack beside raw DynamoDB Local (${VOTES} votes, ${CONCURRENCY} in flight) ==`,
  );
  console.log(
    `  load average ${fmt(os.loadavg()[0]!, 1)} (1 min) on ${os.availableParallelism()} cores: DynamoDB Local shares them with the handlers`,
  );
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
        const campaign = await seedVotingCampaign(stack, {
          count: initiatives,
          voting: { maxPerEmail: 3, showCounts: true },
          label: `bench ${label}`,
        });
        const votes = await pendingVotes(stack, campaign, VOTES, pick, String(initiatives));
        const tokens = votes.map((v) => v.token);
        // The ceiling first, on a campaign of its own (same shape), so both runs start from empty counters.
        const rawCampaign = await seedVotingCampaign(stack, {
          count: initiatives,
          voting: { maxPerEmail: 3, showCounts: true },
          label: `bench raw ${label}`,
        });
        const rawPerSecond = await rawConfirmations(
          stack.urls.dynamodb,
          stack.env.TABLE_NAME!,
          await pendingVotes(stack, rawCampaign, VOTES, pick, `raw${initiatives}`),
        );
        const { ms, latencies, statuses } = await confirmAll(front, tokens);
        const ok = statuses.filter((s) => s === 200).length;
        const counted = await total(front, campaign);
        const replays = await confirmAll(front, tokens.slice(0, 50));
        if (counted !== ok || replays.statuses.some((s) => s !== 409) || (await total(front, campaign)) !== counted) {
          throw new Error(`counts not exact: ${ok} confirmed, ${counted} counted`);
        }
        runs.push({
          label,
          votes: tokens.length,
          perSecond: perSecond(ok, ms),
          rawPerSecond,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          counted,
          refused: tokens.length - ok,
        });
      }
      for (const r of runs) {
        const ratio = r.perSecond / r.rawPerSecond;
        print(
          `  ${r.label}: ${fmt(r.perSecond, 1)} confirmed votes/s vs raw TransactWriteItems ${fmt(r.rawPerSecond, 1)}/s = ratio ${fmt(ratio)} ` +
            `(targets >= ${TARGETS.ratio} and >= ${TARGETS.votesPerSecond}/s: ${ratio >= TARGETS.ratio && r.perSecond >= TARGETS.votesPerSecond ? 'met' : 'NOT met'}); ` +
            `latency p50 ${fmt(r.p50, 0)} ms, p95 ${fmt(r.p95, 0)} ms; counted ${r.counted}/${r.votes} confirmed (exact; 50 replays refused, none counted)`,
        );
      }

      // An email-bombing attempt: 100 files created for one mailbox (each answer carries its link).
      await openTestCampaign(stack);
      const target = `bench-bombing-${Date.now()}@example.org`;
      const created = await pool(
        Array.from({ length: 100 }, (_, i) => i),
        4,
        () => new ApplicantClient(front).create({ contact: { email: target } }),
      );
      const bombed = await inbox(front, target);
      print(
        `  email bombing: 100 files created for one address in ${fmt(created / 1000, 1)} s -> ${bombed.length} emails to it (target: a handful; ${bombed.length <= 5 ? 'met' : 'NOT met'})`,
      );

      // A newsletter day: a school or a carrier's NAT, a thousand people behind one connection; then one address insisting.
      const campaign = await seedVotingCampaign(stack, { count: 3, label: 'bench requests' });
      const latencies: number[] = [];
      let accepted = 0;
      const ms = await pool(
        Array.from({ length: NAT_REQUESTS }, (_, i) => i),
        CONCURRENCY,
        async (i) => {
          const started = performance.now();
          const res = await requestVote(front, campaign.initiatives[i % 3]!.id, `bench-nat-${i}@example.org`);
          latencies.push(performance.now() - started);
          if (res.status === 202) accepted += 1;
        },
      );
      print(
        `  ${NAT_REQUESTS} vote requests from one connection, distinct addresses: ${accepted} accepted (target: all; ${accepted === NAT_REQUESTS ? 'met' : 'NOT met'}), ` +
          `${fmt(perSecond(NAT_REQUESTS, ms), 1)} requests/s, answer p50 ${fmt(percentile(latencies, 50), 0)} ms, p95 ${fmt(percentile(latencies, 95), 0)} ms (the email is queued, not sent inline)`,
      );
      let insisted = 0;
      await pool(
        Array.from({ length: NAT_REQUESTS }, (_, i) => i),
        CONCURRENCY,
        async () => {
          if ((await requestVote(front, campaign.initiatives[0]!.id, 'bench-insistent@example.org')).status === 202)
            insisted += 1;
        },
      );
      print(
        `  ${NAT_REQUESTS} vote requests for one address: ${insisted} accepted, the rest limited (per address: ${RATE_LIMITS.email.max} an hour; ${insisted <= RATE_LIMITS.email.max ? 'met' : 'NOT met'})`,
      );
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

import { VoteStore, type FrozenResults } from '../adapters/vote-store.ts';
import type { ApplicationStore } from '../adapters/application-store.ts';
import type { CampaignStore } from '../adapters/campaign-store.ts';
import { AXES } from '../domain/axes.ts';
import { resultsByAxis } from '../domain/votes.ts';
import type { Clients } from '../shared/clients.ts';
import { now } from '../shared/clock.ts';
import { appContext, type AppContext } from './context.ts';
import type { Env } from '../shared/env.ts';
import { log } from '../shared/log.ts';

/** What the vote's code needs: the app context's clients, table and campaigns (the timeline's context has them too). */
export interface VoteDeps {
  clients: Pick<Clients, 'dynamo'>;
  env: Pick<Env, 'TABLE_NAME'>;
  campaigns: Pick<CampaignStore, 'get'>;
  applications: Pick<ApplicationStore, 'listByCampaign'>;
}

export interface VoteContext extends AppContext {
  votes: VoteStore;
}

let context: VoteContext | undefined;
/** The app context plus the vote store, built once per cold start. */
export function voteContext(): VoteContext {
  if (!context) {
    const app = appContext();
    context = { ...app, votes: new VoteStore(app.clients.dynamo, app.env.TABLE_NAME) };
  }
  return context;
}

/**
 * Freezes a campaign's results, for the timeline's close-voting task (idempotent: replayed, it
 * returns the results written the first time). First the RESULTS item is written once (new vote
 * requests are refused from then on), then every counter of the campaign is marked frozen, each
 * initiative in each shard: a confirmation that commits later fails on its own counter, so the
 * totals read next are final. No item is shared by all confirmations (README « Vote du public »).
 */
export async function freezeVotes(ctx: VoteDeps, campaignId: string): Promise<FrozenResults> {
  const store = new VoteStore(ctx.clients.dynamo, ctx.env.TABLE_NAME);
  const started = await store.startFreeze(campaignId, now().toISOString());
  if (started.state === 'frozen') return started;
  const campaign = await ctx.campaigns.get(campaignId, { consistent: true });
  // Every file of the campaign: a superset of the initiatives anyone could vote for.
  await store.freezeCounters(
    campaignId,
    (await ctx.applications.listByCampaign(campaignId)).map((a) => a.id),
  );
  const tallies = (await store.tallies(campaignId)).sort((a, b) => a.initiativeId.localeCompare(b.initiativeId));
  const axes = resultsByAxis(tallies, campaign?.axes.length ? campaign.axes : AXES);
  const total = tallies.reduce((sum, t) => sum + t.votes, 0);
  await store.completeFreeze(campaignId, { total, tallies, axes });
  const results = (await store.results(campaignId))!;
  log.info('votes frozen', { campaignId, total: results.total, frozenAt: results.frozenAt });
  return results;
}

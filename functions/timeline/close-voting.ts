import { now } from '../shared/clock.ts';
import { log } from '../shared/log.ts';
import { freezeVotes } from '../services/votes.ts';
import { loadCampaign, type TimelineEvent } from './context.ts';
import { publishSite } from './publish-site.ts';
import { notifyWinners } from './winners.ts';
import type { AppContext } from '../services/context.ts';

/**
 * `CloseVoting`: results are frozen (`frozenAt`), the campaign is `closed`, the site shows the
 * winners (`/resultats/`), then each winner's enterprise and the team are emailed (once per key).
 */
export async function closeVoting(ctx: AppContext, event: TimelineEvent) {
  const campaign = await loadCampaign(ctx, event);
  if (campaign.steps?.closeVoting) return { skipped: 'already done' };
  // The vote's RESULTS item and frozen counters first: from then on no confirmation can count
  // (functions/services/votes.ts). The campaign is frozen as of RESULTS' own time, not after the
  // counters' marking (a few seconds with many files).
  const results = await freezeVotes(ctx, campaign.id);
  const at = results.frozenAt;
  const moved = await ctx.campaigns.advancePhase(campaign.id, 'closed', now().toISOString(), { frozenAt: at });
  // The showcase shows the vote as closed and its results; the emails link to them, so they come after.
  await publishSite(campaign.id, 'launched');
  const emails = await notifyWinners(ctx, campaign, results, new Date(at));
  await ctx.campaigns.markStep(campaign.id, 'closeVoting', at);
  log.info('voting closed', { campaignId: campaign.id, frozen: moved, votes: results.total, emails });
  return { frozenAt: moved ? at : (await ctx.campaigns.get(campaign.id, { consistent: true }))?.frozenAt };
}

import { now } from '../shared/clock.ts';
import { log } from '../shared/log.ts';
import { loadCampaign, type TimelineContext, type TimelineEvent } from './context.ts';

/** `CloseVoting`: results are frozen (`frozenAt`) and the campaign is `closed`. */
export async function closeVoting(ctx: TimelineContext, event: TimelineEvent) {
  const campaign = await loadCampaign(ctx, event);
  if (campaign.steps?.closeVoting) return { skipped: 'already done' };
  const at = now().toISOString();
  const moved = await ctx.campaigns.advancePhase(campaign.id, 'closed', at, { frozenAt: at });
  await ctx.campaigns.markStep(campaign.id, 'closeVoting', at);
  log.info('voting closed', { campaignId: campaign.id, frozen: moved });
  return { frozenAt: moved ? at : (await ctx.campaigns.get(campaign.id, { consistent: true }))?.frozenAt };
}

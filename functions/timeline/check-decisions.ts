import { undecided } from '../domain/timeline.ts';
import { log } from '../shared/log.ts';
import { loadCampaign, type TimelineEvent } from './context.ts';
import type { AppContext } from '../services/context.ts';

/** `CheckDecisions` (notification date): are all complete files decided? Nothing is sent before they are. */
export async function checkDecisions(ctx: AppContext, event: TimelineEvent) {
  const campaign = await loadCampaign(ctx, event);
  if (campaign.steps?.notify) return { allDecided: true, undecided: 0, complete: 0, skipped: 'already notified' };
  const apps = await ctx.applications.listByCampaign(campaign.id);
  const complete = apps.filter((a) => a.closedStatus === 'complete').length;
  const missing = undecided(apps).length;
  log.info('decisions checked', { campaignId: campaign.id, complete, undecided: missing });
  return { allDecided: missing === 0, undecided: missing, complete };
}

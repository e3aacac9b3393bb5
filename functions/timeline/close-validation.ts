import { awaitingArticleApproval } from '../domain/timeline.ts';
import { now } from '../shared/clock.ts';
import { log } from '../shared/log.ts';
import { loadCampaign, type TimelineEvent } from './context.ts';
import { alertUnapprovedArticles } from './unapproved-alert.ts';
import type { AppContext } from '../services/context.ts';

/**
 * `CloseValidation` (the validation end): from now on only articles already approved will be
 * published. The team is told which selected files stay offline (their enterprises will not get
 * the launch email), before the launch.
 */
export async function closeValidation(ctx: AppContext, event: TimelineEvent) {
  const campaign = await loadCampaign(ctx, event);
  if (campaign.steps?.closeValidation) return { skipped: 'already done' };
  const at = now();
  const apps = await ctx.applications.listByCampaign(campaign.id);
  const notApproved = awaitingArticleApproval(apps).length;
  await alertUnapprovedArticles(ctx, campaign, apps, { occasion: 'close-validation', closed: true, now: at });
  await ctx.campaigns.markStep(campaign.id, 'closeValidation', at.toISOString());
  log.info('validation closed', { campaignId: campaign.id, notApproved });
  return { notApproved };
}

import { computePlan, type TimelinePlan } from '../domain/timeline.ts';
import { now } from '../shared/clock.ts';
import { log } from '../shared/log.ts';
import { loadCampaign, type TimelineEvent } from './context.ts';
import { publishSite } from './publish-site.ts';
import type { AppContext } from '../services/context.ts';

/** `Plan`: the instants the state machine waits on, computed from the campaign's current dates. */
export async function plan(ctx: AppContext, event: TimelineEvent): Promise<TimelinePlan> {
  const campaign = await loadCampaign(ctx, event);
  if (campaign.phase === 'draft') throw new Error(`campaign ${campaign.id} is not open`);
  const result = computePlan(campaign, now());
  // Opening puts the call and the link to the form on the public site. The phase decides what is
  // published: a timeline restarted after the launch (dates changed, execution lost) keeps the showcase.
  await publishSite(campaign.id);
  log.info('timeline planned', {
    campaignId: campaign.id,
    reminders: result.reminders.length,
    skippedReminders: result.skippedReminders.join(','),
    validationReminders: result.validationReminders.length,
  });
  return result;
}

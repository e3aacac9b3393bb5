import { launchEmail } from '../domain/timeline-emails.ts';
import { now } from '../shared/clock.ts';
import { log } from '../shared/log.ts';
import { applicant, forEachLimit, loadCampaign, type TimelineEvent } from './context.ts';
import { publishSite } from './publish-site.ts';
import type { AppContext } from '../shared/context.ts';

/**
 * `Launch`: the phase becomes `launched`, the public site is published with the approved articles,
 * then each selected participant is told their initiative is online.
 */
export async function launch(ctx: AppContext, event: TimelineEvent) {
  const campaign = await loadCampaign(ctx, event);
  if (campaign.steps?.launch) return { skipped: 'already done' };
  const at = now();
  await ctx.campaigns.advancePhase(campaign.id, 'launched', at.toISOString());
  await publishSite(campaign.id, 'launched');
  const selected = (await ctx.applications.listByCampaign(campaign.id)).filter((a) => a.decision?.outcome === 'selected' && a.decisionSentAt);
  let sent = 0;
  await forEachLimit(selected, 8, async (app) => {
    const emailed = await ctx.mailer.sendOnce({
      idempotencyKey: `${app.id}#launch`,
      to: app.contactEmail,
      kind: 'launch',
      applicationId: app.id,
      now: at.toISOString(),
      compose: () => launchEmail({ ...applicant(app), siteUrl: `${ctx.env.SITE_URL}/` }),
    });
    if (emailed) {
      sent += 1;
      await ctx.applications.addHistory(app.id, at.toISOString(), { type: 'email', kind: 'launch' });
    }
  });
  await ctx.campaigns.markStep(campaign.id, 'launch', at.toISOString());
  log.info('campaign launched', { campaignId: campaign.id, selected: selected.length, sent });
  return { selected: selected.length, sent };
}

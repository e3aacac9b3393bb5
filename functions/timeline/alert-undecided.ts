import { formatParisDateTime } from '../domain/campaign.ts';
import { nextDecisionCheck, undecided } from '../domain/timeline.ts';
import { undecidedAlertEmail } from '../domain/timeline-emails.ts';
import { now } from '../shared/clock.ts';
import { log } from '../shared/log.ts';
import { loadCampaign, type TimelineEvent } from './context.ts';
import type { AppContext } from '../services/context.ts';

/**
 * `AlertUndecided`: some complete files have no decision at the notification date. The team is
 * told (once per check), nothing is sent to applicants, and the next check time is returned: the
 * state machine writes it to `$.plan.notification` and waits for it.
 */
export async function alertUndecided(ctx: AppContext, event: TimelineEvent): Promise<string> {
  const campaign = await loadCampaign(ctx, event);
  const at = now();
  const next = nextDecisionCheck(event.dueAt, at);
  const apps = await ctx.applications.listByCampaign(campaign.id);
  const missing = undecided(apps).length;
  const complete = apps.filter((a) => a.closedStatus === 'complete').length;
  await ctx.mailer.sendOnce({
    idempotencyKey: `${campaign.id}#undecided#${event.dueAt ?? at.toISOString()}`,
    to: ctx.env.ADMIN_EMAIL,
    kind: 'undecided-alert',
    now: at.toISOString(),
    compose: () =>
      undecidedAlertEmail({
        campaignTitle: campaign.title,
        undecided: missing,
        complete,
        nextCheckLabel: formatParisDateTime(next),
        consoleUrl: `${ctx.env.SITE_URL}/admin/`,
      }),
  });
  log.warn('decisions missing at notification', {
    campaignId: campaign.id,
    undecided: missing,
    complete,
    nextCheck: next,
  });
  return next;
}

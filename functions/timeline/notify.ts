import { formatParisDate } from '../domain/campaign.ts';
import { undecided } from '../domain/timeline.ts';
import { notSelectedEmail, selectedEmail } from '../domain/timeline-emails.ts';
import { now } from '../shared/clock.ts';
import { log } from '../shared/log.ts';
import { applicant, forEachLimit, loadCampaign, type TimelineEvent } from './context.ts';
import type { AppContext } from '../services/context.ts';
import { emailHistory } from '../domain/history.ts';

/**
 * `NotifyDecisions`: every decision at once. The phase moves to `validation` first (the console
 * stops accepting decisions), then each decision is frozen (`decisionSentAt`) and emailed once.
 */
export async function notify(ctx: AppContext, event: TimelineEvent) {
  const campaign = await loadCampaign(ctx, event);
  if (campaign.steps?.notify) return { skipped: 'already done' };
  const at = now();
  const apps = await ctx.applications.listByCampaign(campaign.id);
  const missing = undecided(apps);
  // CheckDecisions let the execution through: a file without decision now means a bug, not a wait.
  if (missing.length) throw new Error(`notify: ${missing.length} complete file(s) of ${campaign.id} without decision`);

  await ctx.campaigns.advancePhase(campaign.id, 'validation', at.toISOString());
  const counts = { selected: 0, notSelected: 0, sent: 0 };
  await forEachLimit(
    apps.filter((a) => a.closedStatus === 'complete'),
    8,
    async (record) => {
      const app = await ctx.applications.freezeDecision(record.id, at.toISOString());
      if (!app?.decision) return;
      const selected = app.decision.outcome === 'selected';
      counts[selected ? 'selected' : 'notSelected'] += 1;
      const emailed = await ctx.mailer.sendOnce({
        idempotencyKey: `${app.id}#decision`,
        to: app.contactEmail,
        kind: selected ? 'decision-selected' : 'decision-not-selected',
        applicationId: app.id,
        now: at.toISOString(),
        compose: () =>
          selected
            ? selectedEmail({
                ...applicant(app),
                comment: app.decision!.comment,
                validationEndLabel: formatParisDate(campaign.dates.validationEnd),
                launchLabel: formatParisDate(campaign.dates.launch),
              })
            : notSelectedEmail({ ...applicant(app), comment: app.decision!.comment }),
      });
      if (emailed) {
        counts.sent += 1;
        await ctx.applications.addHistory(
          app.id,
          at.toISOString(),
          emailHistory('decision', { outcome: app.decision.outcome }),
        );
      }
    },
  );
  await ctx.campaigns.markStep(campaign.id, 'notify', at.toISOString());
  log.info('decisions sent', { campaignId: campaign.id, ...counts });
  return counts;
}

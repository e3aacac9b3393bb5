import { closingInstant, formatParisDateTime } from '../domain/campaign.ts';
import { reminderEmail } from '../domain/timeline-emails.ts';
import { now } from '../shared/clock.ts';
import { completenessOf } from '../services/evaluate.ts';
import { log } from '../shared/log.ts';
import { issueResumeUrl } from '../services/resume-link.ts';
import { applicant, forEachLimit, loadCampaign, type TimelineEvent } from './context.ts';
import type { AppContext } from '../services/context.ts';
import { emailHistory } from '../domain/history.ts';

/**
 * `SendReminder` (N days before the deadline): every file not complete yet gets the list of what it
 * still lacks, with a fresh private link; complete files get nothing. Once per file and offset.
 */
export async function remind(ctx: AppContext, event: TimelineEvent) {
  const offset = event.offset;
  if (!offset) throw new Error('remind: offset missing');
  const campaign = await loadCampaign(ctx, event);
  const step = `remind:${offset}` as const;
  if (campaign.steps?.[step]) return { offset, skipped: 'already done' };
  const at = now();
  if (campaign.phase !== 'open' || at.getTime() >= closingInstant(campaign).getTime())
    return { offset, skipped: 'applications closed' };

  const apps = await ctx.applications.listByCampaign(campaign.id);
  let complete = 0;
  let sent = 0;
  await forEachLimit(apps, 8, async (record) => {
    const parts = await ctx.applications.load(record.id);
    if (!parts) return;
    const result = completenessOf(parts, campaign);
    if (result.status === 'complete') {
      complete += 1;
      return;
    }
    const { app } = parts;
    const emailed = await ctx.mailer.sendOnce({
      idempotencyKey: `${campaign.id}#remind#${offset}#${app.id}`,
      to: app.contactEmail,
      kind: 'reminder',
      applicationId: app.id,
      now: at.toISOString(),
      compose: async () =>
        reminderEmail({
          ...applicant(app),
          resumeUrl: await issueResumeUrl(ctx, app.id, campaign, at),
          deadlineLabel: formatParisDateTime(campaign.dates.deadline),
          daysLeft: offset,
          missing: result.missing,
          submitted: app.submitted,
        }),
    });
    if (emailed) {
      sent += 1;
      await ctx.applications.addHistory(app.id, at.toISOString(), emailHistory('reminder', { offset }));
    }
  });
  await ctx.campaigns.markStep(campaign.id, step, at.toISOString());
  log.info('reminders sent', { campaignId: campaign.id, offset, applications: apps.length, complete, sent });
  return { offset, applications: apps.length, complete, sent };
}

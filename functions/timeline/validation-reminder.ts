import { formatParisDate } from '../domain/campaign.ts';
import { awaitingArticleApproval, computePlan, STALE_REMINDER_MS } from '../domain/timeline.ts';
import { validationReminderEmail } from '../domain/timeline-emails.ts';
import { now } from '../shared/clock.ts';
import { log } from '../shared/log.ts';
import { applicant, forEachLimit, loadCampaign, type TimelineEvent } from './context.ts';
import type { AppContext } from '../shared/context.ts';

/**
 * `SendValidationReminder` (weekly between the decisions and the validation end): each selected
 * file whose article is not approved yet is reminded, once per week. A reminder that comes more
 * than a few days late (the decisions were held up) is skipped: the next weekly one follows.
 */
export async function validationReminder(ctx: AppContext, event: TimelineEvent) {
  const dueAt = event.dueAt;
  if (!dueAt) throw new Error('validation-reminder: dueAt missing');
  const campaign = await loadCampaign(ctx, event);
  const step = `validation-remind:${new Date(dueAt).toISOString().replace('.000', '')}` as const;
  if (campaign.steps?.[step]) return { skipped: 'already done' };
  if (!campaign.steps?.notify) return { skipped: 'decisions not sent yet' };
  const at = now();
  if (campaign.steps.closeValidation || at.getTime() >= Date.parse(computePlan(campaign, at).closeValidation)) return { skipped: 'validation closed' };
  if (at.getTime() - Date.parse(dueAt) > STALE_REMINDER_MS) return { skipped: 'late' };

  const targets = awaitingArticleApproval(await ctx.applications.listByCampaign(campaign.id));
  let sent = 0;
  await forEachLimit(targets, 8, async (app) => {
    const full = await ctx.applications.load(app.id);
    if (!full) return;
    const emailed = await ctx.mailer.sendOnce({
      idempotencyKey: `${campaign.id}#validation#${step.slice('validation-remind:'.length)}#${app.id}`,
      to: full.app.contactEmail,
      kind: 'validation-reminder',
      applicationId: app.id,
      now: at.toISOString(),
      compose: () => validationReminderEmail({ ...applicant(full.app), validationEndLabel: formatParisDate(campaign.dates.validationEnd) }),
    });
    if (emailed) {
      sent += 1;
      await ctx.applications.addHistory(app.id, at.toISOString(), { type: 'email', kind: 'validation-reminder' });
    }
  });
  await ctx.campaigns.markStep(campaign.id, step, at.toISOString());
  log.info('validation reminders sent', { campaignId: campaign.id, awaiting: targets.length, sent });
  return { awaiting: targets.length, sent };
}

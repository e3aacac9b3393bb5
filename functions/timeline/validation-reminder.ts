import { validationTokenExpiry, validationUrl } from '../domain/article-workflow.ts';
import { formatParisDate } from '../domain/campaign.ts';
import { hashToken, newToken } from '../domain/tokens.ts';
import { awaitingEnterpriseAnswer, computePlan, STALE_REMINDER_MS } from '../domain/timeline.ts';
import { validationReminderEmail } from '../domain/timeline-emails.ts';
import { articleContext } from '../services/article-context.ts';
import { now } from '../shared/clock.ts';
import { log } from '../shared/log.ts';
import { applicant, forEachLimit, loadCampaign, type TimelineEvent } from './context.ts';
import { alertUnapprovedArticles } from './unapproved-alert.ts';
import type { AppContext } from '../services/context.ts';
import { emailHistory } from '../domain/history.ts';

/**
 * `SendValidationReminder` (weekly between the decisions and the validation end): each selected
 * file whose article was sent and is not approved yet is reminded, once per week, with its private
 * validation link. A file with no article sent has nothing to read: no reminder (the team is told,
 * below). A reminder that comes more than a few days late (the decisions were held up) is skipped:
 * the next weekly one follows. With the last one, the team gets the list of selected files still
 * without an approved article.
 */
export async function validationReminder(ctx: AppContext, event: TimelineEvent) {
  const dueAt = event.dueAt;
  if (!dueAt) throw new Error('validation-reminder: dueAt missing');
  const campaign = await loadCampaign(ctx, event);
  const step = `validation-remind:${new Date(dueAt).toISOString().replace('.000', '')}` as const;
  if (campaign.steps?.[step]) return { skipped: 'already done' };
  if (!campaign.steps?.notify) return { skipped: 'decisions not sent yet' };
  const at = now();
  const plan = computePlan(campaign, at);
  if (campaign.steps.closeValidation || at.getTime() >= Date.parse(plan.closeValidation))
    return { skipped: 'validation closed' };
  if (at.getTime() - Date.parse(dueAt) > STALE_REMINDER_MS) return { skipped: 'late' };

  const articles = articleContext(ctx).articles;
  const apps = await ctx.applications.listByCampaign(campaign.id);
  const targets = awaitingEnterpriseAnswer(apps);
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
      compose: async () => {
        // Links are stored hashed: a reminder issues a new one, as each « send » does; the older links stay valid.
        const token = newToken();
        await articles.addToken(hashToken(token), app.id, validationTokenExpiry(campaign), at.toISOString());
        return validationReminderEmail({
          ...applicant(full.app),
          validationUrl: validationUrl(ctx.env.SITE_URL, token),
          validationEndLabel: formatParisDate(campaign.dates.validationEnd),
          changesRequested: full.app.articleStatus === 'changes-requested',
        });
      },
    });
    if (emailed) {
      sent += 1;
      await ctx.applications.addHistory(app.id, at.toISOString(), emailHistory('validation-reminder'));
    }
  });
  // The last weekly reminder: no other one is planned before the validation end.
  const last = plan.validationReminders.every((r) => Date.parse(r.at) <= Date.parse(dueAt));
  const unapproved = last
    ? await alertUnapprovedArticles(ctx, campaign, apps, { occasion: step, closed: false, now: at })
    : undefined;
  await ctx.campaigns.markStep(campaign.id, step, at.toISOString());
  log.info('validation reminders sent', { campaignId: campaign.id, awaiting: targets.length, sent, last, unapproved });
  return { awaiting: targets.length, sent, ...(last ? { unapproved } : {}) };
}

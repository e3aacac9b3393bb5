import type { ApplicationParts } from '../adapters/application-store.ts';
import { closingInstant, formatParisDateTime } from '../domain/campaign.ts';
import type { Completeness } from '../domain/completeness.ts';
import { notProcessedEmail } from '../domain/timeline-emails.ts';
import { now } from '../shared/clock.ts';
import { completenessOf } from '../services/evaluate.ts';
import { log } from '../shared/log.ts';
import { applicant, FilesStillProcessing, forEachLimit, loadCampaign, type TimelineEvent } from './context.ts';
import { publishSite } from './publish-site.ts';
import type { AppContext } from '../services/context.ts';
import { emailHistory } from '../domain/history.ts';

/** A file still « being checked » this long after its last change is judged as it stands. */
const PROCESSING_GRACE_MS = 10 * 60 * 1000;

/**
 * `CloseApplications` (the first second after the deadline): the phase becomes `review`, so the
 * form and uploads refuse every change; each file's status is frozen (`closedStatus`) and every
 * file not complete, drafts included, is told it will not be processed. Files uploaded just before
 * the deadline and still being checked are waited for (the task throws and is retried).
 */
export async function close(ctx: AppContext, event: TimelineEvent) {
  const campaign = await loadCampaign(ctx, event);
  if (campaign.steps?.close) return { skipped: 'already done' };
  const at = now();
  if (at.getTime() < closingInstant(campaign).getTime())
    throw new Error(`close: the deadline of ${campaign.id} has not passed yet`);

  const apps = await ctx.applications.listByCampaign(campaign.id);
  const evaluated: { parts: ApplicationParts; result: Completeness }[] = [];
  await forEachLimit(apps, 8, async (record) => {
    const parts = await ctx.applications.load(record.id);
    if (parts) evaluated.push({ parts, result: completenessOf(parts, campaign) });
  });
  const processing = evaluated.filter(
    ({ parts, result }) => result.pending && at.getTime() - Date.parse(parts.app.updatedAt) < PROCESSING_GRACE_MS,
  );
  if (processing.length)
    throw new FilesStillProcessing(`files still being checked in ${campaign.id} (${processing.length})`);

  await ctx.campaigns.advancePhase(campaign.id, 'review', at.toISOString());
  let complete = 0;
  let told = 0;
  await forEachLimit(evaluated, 8, async ({ parts: { app }, result }) => {
    await ctx.applications.setClosedStatus(app.id, result.status);
    if (result.status === 'complete') {
      complete += 1;
      return;
    }
    const emailed = await ctx.mailer.sendOnce({
      idempotencyKey: `${app.id}#not-processed`,
      to: app.contactEmail,
      kind: 'not-processed',
      applicationId: app.id,
      now: at.toISOString(),
      compose: () =>
        notProcessedEmail({
          ...applicant(app),
          deadlineLabel: formatParisDateTime(campaign.dates.deadline),
          missing: result.missing,
          submitted: app.submitted,
        }),
    });
    if (emailed) {
      told += 1;
      await ctx.applications.addHistory(app.id, at.toISOString(), emailHistory('not-processed'));
    }
  });
  // The holding page loses its link to the form.
  await publishSite(campaign.id, 'holding');
  await ctx.campaigns.markStep(campaign.id, 'close', at.toISOString());
  log.info('applications closed', {
    campaignId: campaign.id,
    applications: evaluated.length,
    complete,
    notProcessed: told,
  });
  return { applications: evaluated.length, complete, notProcessed: told };
}

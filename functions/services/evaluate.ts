import type { Campaign } from '../domain/campaign.ts';
import { formatParisDate, formatParisDateTime } from '../domain/campaign.ts';
import { completenessNotice, evaluateCompleteness, type Completeness } from '../domain/completeness.ts';
import type { ApplicationParts } from '../adapters/application-store.ts';
import { log } from '../shared/log.ts';
import { recordMetric } from '../shared/metrics.ts';
import type { AppContext } from './context.ts';
import { issueResumeUrl } from './resume-link.ts';
import { now } from '../shared/clock.ts';

export function completenessOf(parts: ApplicationParts, campaign: Campaign): Completeness {
  return evaluateCompleteness({
    fields: parts.app.fields,
    photos: parts.photos.filter((p) => p.state).map((p) => ({ slot: p.slot, state: p.state!, message: p.message })),
    release: parts.release,
    photoCount: campaign.photoCount,
    submitted: parts.app.submitted,
  });
}

export interface Evaluation {
  parts: ApplicationParts;
  result: Completeness;
  /** False when a newer evaluation of the file was already recorded. */
  recorded: boolean;
}

/**
 * Runs after every change of a file (field edit, photo, release, photo removal, submission): reads it
 * consistently and records the verdict (status, what is missing) unless a newer one exists, so that
 * the form and the console show it at once. It emails nobody: emails about completeness wait for the
 * applicant's « J'envoie mon dossier » (`evaluateAndNotify`) or the timeline's reminders.
 * `campaign` is the file's, which every caller has just read (a file never changes campaign).
 */
export async function evaluate(
  ctx: AppContext,
  applicationId: string,
  campaign: Campaign,
): Promise<Evaluation | undefined> {
  const parts = await ctx.applications.load(applicationId);
  if (!parts) return undefined;
  const result = completenessOf(parts, campaign);
  const recorded = await ctx.applications.recordEvaluation(applicationId, parts.app.revision, result);
  if (!recorded.written) {
    log.info('evaluation superseded', { applicationId, revision: parts.app.revision });
    return { parts, result, recorded: false };
  }
  if (recorded.previousStatus !== result.status) {
    log.info('status changed', {
      applicationId,
      from: recorded.previousStatus,
      to: result.status,
      revision: parts.app.revision,
    });
    await ctx.applications.addHistory(
      applicationId,
      now().toISOString(),
      { type: 'status', from: recorded.previousStatus ?? 'draft', to: result.status },
      parts.app.expiresAt,
    );
    if (result.status === 'complete' && !parts.app.test) recordMetric('ApplicationCompleted');
  }
  return { parts, result, recorded: true };
}

/**
 * « J'envoie mon dossier »: evaluates the file as sent, then emails the applicant the verdict when it
 * differs from what they were last told (`completenessNotice`: « complet » once per return to
 * complete, « pièces manquantes » never twice for the same list), each email once per key
 * (`<appId>#complete#<n>`, `<appId>#missing#<n>`, n its rank among the file's emails about
 * completeness).
 */
export async function evaluateAndNotify(
  ctx: AppContext,
  applicationId: string,
  campaign: Campaign,
): Promise<Completeness | undefined> {
  let evaluation = await evaluate(ctx, applicationId, campaign);
  // A newer change was evaluated meanwhile (a photo just processed): tell the file as it is now.
  for (let attempt = 0; evaluation && !evaluation.recorded && attempt < 2; attempt += 1) {
    evaluation = await evaluate(ctx, applicationId, campaign);
  }
  if (!evaluation) return undefined;
  const { parts, result } = evaluation;
  // A test file (npm run smoke) emails nobody.
  if (!parts.app.submitted || parts.app.test) return result;

  const { app } = parts;
  const notice = completenessNotice(result, await ctx.applications.history(app.id));
  if (!notice) {
    log.info('verdict already told', {
      applicationId,
      submitCount: app.submitCount,
      complete: result.complete,
      pending: result.pending,
    });
    return result;
  }
  const common = {
    firstName: app.fields.contact?.firstName,
    initiativeName: app.fields.initiative?.name,
    deadlineLabel: formatParisDateTime(campaign.dates.deadline),
  };
  const at = now();
  const sent = await ctx.mailer.sendOnce({
    idempotencyKey: `${app.id}#${notice.kind}#${notice.sequence}`,
    to: app.contactEmail,
    kind: notice.kind,
    applicationId: app.id,
    now: at.toISOString(),
    compose: async () => {
      // Loaded when a verdict is first told (once or twice per file): the photo and release
      // functions, which evaluate after each file, send nothing else and skip the template engine.
      const { completeEmail, missingEmail } = await import('../domain/emails.ts');
      const resumeUrl = await issueResumeUrl(ctx, app.id, campaign, at);
      return result.complete
        ? completeEmail({ ...common, resumeUrl, notificationLabel: formatParisDate(campaign.dates.notification) })
        : missingEmail({ ...common, resumeUrl, missing: result.missing });
    },
  });
  if (sent)
    await ctx.applications.addHistory(
      app.id,
      at.toISOString(),
      { type: 'email', kind: notice.kind, verdict: notice.verdict },
      app.expiresAt,
    );
  return result;
}

import type { Campaign } from '../domain/campaign.ts';
import { formatParisDate, formatParisDateTime } from '../domain/campaign.ts';
import { evaluateCompleteness, type Completeness } from '../domain/completeness.ts';
import { completeEmail, missingEmail } from '../domain/emails.ts';
import type { ApplicationParts } from '../adapters/application-store.ts';
import { log } from './log.ts';
import type { AppContext } from './context.ts';
import { issueResumeUrl } from './resume-link.ts';
import { now } from './clock.ts';

export function completenessOf(parts: ApplicationParts, campaign: Campaign): Completeness {
  return evaluateCompleteness({
    fields: parts.app.fields,
    photos: parts.photos.filter((p) => p.state).map((p) => ({ slot: p.slot, state: p.state!, message: p.message })),
    release: parts.release,
    photoCount: campaign.photoCount,
    submitted: parts.app.submitted,
  });
}

/**
 * Runs after every change of a file (field edit, photo, release, submission): reads it consistently,
 * records the verdict unless a newer one exists, then emails the applicant once: « dossier complet »
 * once ever, « pièces manquantes » once per submission, and neither while a file is still being checked.
 * `campaign` is the file's, which every caller has just read (a file never changes campaign).
 */
export async function evaluateAndNotify(ctx: AppContext, applicationId: string, campaign: Campaign): Promise<Completeness | undefined> {
  const parts = await ctx.applications.load(applicationId);
  if (!parts) return undefined;
  const result = completenessOf(parts, campaign);
  const recorded = await ctx.applications.recordEvaluation(applicationId, parts.app.revision, result);
  if (!recorded.written) {
    log.info('evaluation superseded', { applicationId, revision: parts.app.revision });
    return result;
  }
  if (recorded.previousStatus !== result.status) {
    log.info('status changed', { applicationId, from: recorded.previousStatus, to: result.status, revision: parts.app.revision });
    await ctx.applications.addHistory(
      applicationId,
      now().toISOString(),
      { type: 'status', from: recorded.previousStatus ?? 'draft', to: result.status },
      parts.app.expiresAt,
    );
  }
  // A test file (npm run smoke) emails nobody.
  if (!parts.app.submitted || result.pending || parts.app.test) return result;

  const { app } = parts;
  const common = {
    firstName: app.fields.contact?.firstName,
    initiativeName: app.fields.initiative?.name,
    deadlineLabel: formatParisDateTime(campaign.dates.deadline),
  };
  const at = now();
  const kind = result.complete ? 'complete' : 'missing';
  const sent = await ctx.mailer.sendOnce({
    idempotencyKey: result.complete ? `${app.id}#complete#1` : `${app.id}#missing#${app.submitCount}`,
    to: app.contactEmail,
    kind,
    applicationId: app.id,
    now: at.toISOString(),
    compose: async () => {
      const resumeUrl = await issueResumeUrl(ctx, app.id, campaign, at);
      return result.complete
        ? completeEmail({ ...common, resumeUrl, notificationLabel: formatParisDate(campaign.dates.notification) })
        : missingEmail({ ...common, resumeUrl, missing: result.missing });
    },
  });
  if (sent) await ctx.applications.addHistory(app.id, at.toISOString(), { type: 'email', kind });
  return result;
}

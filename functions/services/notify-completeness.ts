import type { Campaign } from '../domain/campaign.ts';
import { formatParisDate, formatParisDateTime } from '../domain/campaign.ts';
import { completenessNotice, type Completeness } from '../domain/completeness.ts';
import { now } from '../shared/clock.ts';
import { log } from '../shared/log.ts';
import type { AppContext } from './context.ts';
import { evaluate } from './evaluate.ts';
import { issueResumeUrl } from './resume-link.ts';
import { emailHistory } from '../domain/history.ts';

// Apart from evaluate.ts, which every function that changes a file (photo, release, timeline…) imports:
// only the API's submission tells the verdict, and only it loads the summary's PDF code (pdf-lib, S3).

/**
 * « J'envoie mon dossier »: evaluates the file as sent, then emails the applicant the verdict when it
 * differs from what they were last told (`completenessNotice`: « complet » once per return to
 * complete, « pièces manquantes » never twice for the same list), each email once per key
 * (`<appId>#complete#<n>`, `<appId>#missing#<n>`, n its rank among the file's emails about
 * completeness). « Complet » gives the file's reference and attaches its summary (PDF).
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
      // Loaded when a verdict is first told (once or twice per file), not at every cold start of the API.
      const { completeEmail, missingEmail } = await import('../domain/emails.ts');
      const resumeUrl = await issueResumeUrl(ctx, app.id, campaign, at);
      if (!result.complete) return missingEmail({ ...common, resumeUrl, missing: result.missing });
      if (!app.reference) throw new Error(`application ${app.id} complete without a reference`);
      // pdf-lib and its font likewise: the summary is drawn for this email only.
      const { storeFileSummary } = await import('./file-summary.ts');
      const summary = await storeFileSummary(
        parts,
        campaign,
        { uploads: ctx.env.UPLOADS_BUCKET, media: ctx.env.MEDIA_BUCKET },
        { reference: app.reference, sequence: notice.sequence, at },
      );
      return {
        ...completeEmail({
          ...common,
          reference: app.reference,
          resumeUrl,
          notificationLabel: formatParisDate(campaign.dates.notification),
        }),
        attachments: [summary],
      };
    },
  });
  if (sent)
    await ctx.applications.addHistory(
      app.id,
      at.toISOString(),
      emailHistory(notice.kind, { verdict: notice.verdict }),
      app.expiresAt,
    );
  return result;
}

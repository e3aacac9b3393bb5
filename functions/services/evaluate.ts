import type { Campaign } from '../domain/campaign.ts';
import { editionYear } from '../domain/campaign.ts';
import { formatFileReference } from '../domain/file-reference.ts';
import { FileReferences } from '../adapters/file-references.ts';
import { evaluateCompleteness, type Completeness } from '../domain/completeness.ts';
import type { ApplicationParts } from '../adapters/application-store.ts';
import { log } from '../shared/log.ts';
import { recordMetric } from '../shared/metrics.ts';
import type { AppContext } from './context.ts';
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
  /** The file as evaluated, with its reference once it is complete. */
  parts: ApplicationParts;
  result: Completeness;
  /** False when a newer evaluation of the file was already recorded. */
  recorded: boolean;
}

/**
 * Runs after every change of a file (field edit, photo, release, photo removal, submission): reads it
 * consistently and records the verdict (status, what is missing) unless a newer one exists, so that
 * the form and the console show it at once. It emails nobody: emails about completeness wait for the
 * applicant's « J'envoie mon dossier » (`evaluateAndNotify`, notify-completeness.ts) or the timeline's reminders.
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
  return { parts: await withReference(ctx, parts, result, campaign), result, recorded: true };
}

/**
 * The file's reference, taken the first time it is complete (FileReferences: once per file, whatever
 * the retries and duplicate events) and kept after. A test file takes none: it would use up a rank.
 */
async function withReference(
  ctx: AppContext,
  parts: ApplicationParts,
  result: Completeness,
  campaign: Campaign,
): Promise<ApplicationParts> {
  const { app } = parts;
  if (app.reference || result.status !== 'complete' || app.test) return parts;
  const reference = await new FileReferences(ctx.clients.dynamo, ctx.env.TABLE_NAME).assign(
    app.id,
    campaign.id,
    (rank) => formatFileReference(editionYear(campaign), rank),
  );
  if (!reference) return parts;
  log.info('reference taken', { applicationId: app.id, reference });
  return { ...parts, app: { ...app, reference } };
}

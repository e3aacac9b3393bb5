import * as z from 'zod/mini';
import { FunctionInvoker } from '../adapters/function-invoker.ts';
import type { SitePhase } from '../domain/site/index.ts';
// Types only: the publication's code (and the built apps it needs) lives in the publish bundle.
import type { PublishResult } from '../publish/publish.ts';
import { log } from '../shared/log.ts';
import { lambdaClient } from '../shared/clients/lambda.ts';

/**
 * The timeline keeps the public site in step with the campaign: the holding page when it opens and
 * closes (with, then without, the link to the form), the showcase at launch and at the vote's close.
 * It invokes the publish function rather than publishing in process: only that function's bundle
 * carries the built apps, and a publication without them would delete them from the site. Publishing
 * is idempotent (only changed files are written), so a retried task is harmless.
 */

const envSchema = z.object({
  /** The publish function's ARN or name (infra/stack.ts). */
  PUBLISH_FUNCTION: z
    .string()
    .check(z.minLength(1, 'PUBLISH_FUNCTION\u00a0: ARN ou nom de la fonction de publication attendu')),
});
let functionName: string | undefined;
const publishFunction = () => (functionName ??= envSchema.parse(process.env).PUBLISH_FUNCTION);

/**
 * The publish function failed (its error, or a refusal for missing apps). Thrown out of the task so
 * the state machine retries it (States.TaskFailed), then reports it to the team.
 */
export class PublishFailed extends Error {
  override name = 'PublishFailed';
}

/** One synchronous invocation of the publish function; its error becomes a thrown PublishFailed. */
async function invokePublish(
  publish: Pick<FunctionInvoker, 'call'>,
  campaignId: string | undefined,
  mode?: SitePhase,
): Promise<PublishResult> {
  const { text, functionError } = await publish.call({ campaignId, mode });
  if (functionError) {
    // Lambda's error payload: {errorType, errorMessage, trace}.
    const error = (() => {
      try {
        return JSON.parse(text) as { errorType?: string; errorMessage?: string };
      } catch {
        return { errorMessage: text };
      }
    })();
    log.error('site publication failed', {
      campaignId,
      mode,
      functionError,
      errorType: error.errorType,
      errorMessage: error.errorMessage?.slice(0, 500),
    });
    throw new PublishFailed(
      `La publication du site a échoué (${error.errorType ?? functionError})\u00a0: ${error.errorMessage ?? 'sans message'}`,
    );
  }
  return JSON.parse(text) as PublishResult;
}

/**
 * `mode` absent: the publish function takes it from the campaign's phase; `campaignId` absent: the
 * current campaign (an erasure or a withdrawal republishes the site as it stands).
 */
export async function publishSite(campaignId: string | undefined, mode?: SitePhase): Promise<void> {
  const result = await invokePublish(new FunctionInvoker(lambdaClient(), publishFunction()), campaignId, mode);
  log.info('site published', {
    campaignId,
    mode: result.mode,
    files: result.files,
    written: result.written.length,
    deleted: result.deleted.length,
    invalidated: result.invalidated.length,
    initiatives: result.initiatives,
  });
}

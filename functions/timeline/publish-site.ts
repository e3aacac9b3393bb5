import { InvokeCommand, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { z } from 'zod';
import type { SitePhase } from '../domain/site/index.ts';
// Types only: the publication's code (and the built apps it needs) lives in the publish bundle.
import type { PublishResult } from '../publish/publish.ts';
import { appContext } from '../shared/context.ts';
import { log } from '../shared/log.ts';

/**
 * The timeline keeps the public site in step with the campaign: the holding page when it opens and
 * closes (with, then without, the link to the form), the showcase at launch and at the vote's close.
 * It invokes the publish function rather than publishing in process: only that function's bundle
 * carries the built apps, and a publication without them would delete them from the site. Publishing
 * is idempotent (only changed files are written), so a retried task is harmless.
 */

const envSchema = z.object({
  /** The publish function's ARN or name (infra/stack.ts). */
  PUBLISH_FUNCTION: z.string().min(1, 'PUBLISH_FUNCTION : ARN ou nom de la fonction de publication attendu'),
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

/** What the timeline needs of a Lambda client (LambdaClient; a fake in tests). */
export interface PublishInvoker {
  send(command: InvokeCommand): Promise<Pick<InvokeCommandOutput, 'FunctionError' | 'Payload'>>;
}

/** One synchronous invocation of the publish function; its error becomes a thrown PublishFailed. */
export async function invokePublish(
  lambda: PublishInvoker,
  name: string,
  campaignId: string | undefined,
  mode?: SitePhase,
): Promise<PublishResult> {
  const response = await lambda.send(
    new InvokeCommand({
      FunctionName: name,
      InvocationType: 'RequestResponse',
      Payload: new TextEncoder().encode(JSON.stringify({ campaignId, mode })),
    }),
  );
  const text = response.Payload ? new TextDecoder().decode(response.Payload) : '';
  if (response.FunctionError) {
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
      functionError: response.FunctionError,
      errorType: error.errorType,
      errorMessage: error.errorMessage?.slice(0, 500),
    });
    throw new PublishFailed(
      `La publication du site a échoué (${error.errorType ?? response.FunctionError}) : ${error.errorMessage ?? 'sans message'}`,
    );
  }
  return JSON.parse(text) as PublishResult;
}

/**
 * `mode` absent: the publish function takes it from the campaign's phase; `campaignId` absent: the
 * current campaign (an erasure or a withdrawal republishes the site as it stands).
 */
export async function publishSite(campaignId: string | undefined, mode?: SitePhase): Promise<void> {
  const result = await invokePublish(appContext().clients.lambda, publishFunction(), campaignId, mode);
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

import * as z from 'zod/mini';

/**
 * A message of the failed-events queue: Lambda's on-failure destination record of an asynchronous
 * invocation that failed every retry (an S3 event for the photo or release check, a compilation…).
 * Replaying it is invoking the same function with the same payload: every handler is idempotent.
 */
const failureRecordSchema = z.object({
  requestContext: z.object({
    functionArn: z.string().check(z.minLength(1)),
    approximateInvokeCount: z.optional(z.number()),
  }),
  requestPayload: z.unknown(),
  responsePayload: z.nullish(z.object({ errorType: z.optional(z.string()), errorMessage: z.optional(z.string()) })),
});

export interface Replay {
  /** The function's ARN, without the version Lambda appends (`:$LATEST`). */
  functionArn: string;
  payload: unknown;
  /** What failed last time, for the summary (never the payload: it may name a file). */
  lastError: string;
}

/** The replay a failed-events message asks for, or undefined for a message that is not such a record. */
export function replayOf(body: string): Replay | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const record = failureRecordSchema.safeParse(parsed);
  if (!record.success) return undefined;
  const arn = record.data.requestContext.functionArn.split(':');
  return {
    functionArn: arn.slice(0, 7).join(':'),
    payload: record.data.requestPayload,
    lastError: record.data.responsePayload?.errorType ?? 'Error',
  };
}

/** The function's name in an ARN (`arn:aws:lambda:<region>:<account>:function:<name>`). */
export const functionNameOf = (functionArn: string) => functionArn.split(':')[6] ?? functionArn;

export interface RedriveSummary {
  /** Failed invocations run again successfully (removed from the queue). */
  replayed: number;
  /** Run again and failed again: left in the queue, visible again after its visibility timeout. */
  failedAgain: number;
  /** Messages the redrive cannot replay (not a failure record, or a function it may not invoke): left. */
  skipped: number;
  /** Emails moved back from the mail dead-letter queue to the mail queue. */
  emailsRequeued: number;
}

/** The console's and `npm run redrive`'s sentence for a summary. */
export function redriveSentence(summary: RedriveSummary): string {
  const parts = [
    `${summary.replayed} traitement${summary.replayed > 1 ? 's' : ''} rejoué${summary.replayed > 1 ? 's' : ''} avec succès`,
    `${summary.emailsRequeued} e-mail${summary.emailsRequeued > 1 ? 's' : ''} remis en file d’envoi`,
  ];
  if (summary.failedAgain) parts.push(`${summary.failedAgain} en échec à nouveau (voir les journaux)`);
  if (summary.skipped) parts.push(`${summary.skipped} ignoré${summary.skipped > 1 ? 's' : ''} (message inconnu)`);
  return `${parts.join(', ')}.`;
}

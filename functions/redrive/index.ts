import * as z from 'zod/mini';
import { FailedEvents } from '../adapters/failed-events.ts';
import { redriveSentence, type RedriveSummary } from '../domain/failed-event.ts';
import { lambdaClient } from '../shared/clients/lambda.ts';
import { sqsClient } from '../shared/clients/sqs.ts';
import { withLambdaLogs } from '../shared/log.ts';

const envSchema = z.object({
  FAILED_EVENTS_QUEUE_URL: z.url(),
  MAIL_DEAD_LETTERS_QUEUE_URL: z.url(),
  MAIL_QUEUE_URL: z.url(),
  /** Comma-separated names of the functions whose failed invocations may be replayed. */
  REPLAYABLE_FUNCTIONS: z.string().check(z.minLength(1)),
});

/** Leaves time to answer before the function's own timeout (infra/stack.ts: 5 minutes). */
const BUDGET_MS = 4 * 60_000;

let failedEvents: FailedEvents | undefined;
function queues(): FailedEvents {
  if (!failedEvents) {
    const e = envSchema.parse(process.env);
    failedEvents = new FailedEvents(
      sqsClient(),
      lambdaClient(),
      {
        failedEvents: e.FAILED_EVENTS_QUEUE_URL,
        mailDeadLetters: e.MAIL_DEAD_LETTERS_QUEUE_URL,
        mail: e.MAIL_QUEUE_URL,
      },
      new Set(e.REPLAYABLE_FUNCTIONS.split(',')),
    );
  }
  return failedEvents;
}

/**
 * Replays what failed after a fix (`npm run redrive`, or « Relancer » in the console): the failed
 * invocations of the failed-events queue run again, the dead-lettered emails go back to the mail
 * queue. `{ "count": true }` only counts them (the console's dashboard).
 */
export const handler = withLambdaLogs(
  'redrive',
  async (
    event: { count?: boolean } | null,
  ): Promise<(RedriveSummary & { message: string }) | { failedEvents: number; mailDeadLetters: number }> => {
    if (event?.count) return queues().counts();
    const summary = await queues().redrive(BUDGET_MS);
    return { ...summary, message: redriveSentence(summary) };
  },
);

import * as z from 'zod/mini';
import { FunctionInvoker } from '../adapters/function-invoker.ts';
import { json, type RouteContext } from '../shared/http.ts';
import { requireAdmin } from './require-admin.ts';
import { lambdaClient } from '../shared/clients/lambda.ts';

/**
 * Failures waiting for a person, in the console: how many, and « Relancer » once the cause is fixed.
 * Both go through the redrive function (functions/redrive), which alone reads those queues: the
 * count synchronously (one call per queue), the replay asynchronously (it may take minutes, more
 * than an API request may).
 */
const envSchema = z.object({
  REDRIVE_FUNCTION: z.string().check(z.minLength(1, 'REDRIVE_FUNCTION\u00a0: ARN de la fonction de relance attendu')),
});

const redrive = () => new FunctionInvoker(lambdaClient(), envSchema.parse(process.env).REDRIVE_FUNCTION);

/** GET /api/admin/failed-events → `{failedEvents, mailDeadLetters}`. */
export async function getFailedEvents({ event }: RouteContext) {
  requireAdmin(event);
  const answer = await redrive().call({ count: true });
  const counts = JSON.parse(answer.text) as { failedEvents: number; mailDeadLetters: number };
  if (answer.functionError) throw new Error(`redrive count failed: ${answer.functionError}`);
  return json(200, counts);
}

/** POST /api/admin/failed-events/redrive → 202: the replay runs in the background. */
export async function redriveFailedEvents({ event }: RouteContext) {
  requireAdmin(event);
  await redrive().start({});
  return json(202, {
    message:
      'Relance demandée\u00a0: les traitements en échec sont rejoués et les e-mails remis en file. Rechargez le tableau de bord dans quelques minutes.',
  });
}

import { InvokeCommand } from '@aws-sdk/client-lambda';
import { z } from 'zod';
import { appContext } from '../shared/context.ts';
import { json, type RouteContext } from '../shared/http.ts';
import { requireAdmin } from './require-admin.ts';

/**
 * Failures waiting for a person, in the console: how many, and « Relancer » once the cause is fixed.
 * Both go through the redrive function (functions/redrive), which alone reads those queues: the
 * count synchronously (one call per queue), the replay asynchronously (it may take minutes, more
 * than an API request may).
 */
const envSchema = z.object({
  REDRIVE_FUNCTION: z.string().min(1, 'REDRIVE_FUNCTION : ARN de la fonction de relance attendu'),
});

const invoke = (payload: unknown, InvocationType: 'RequestResponse' | 'Event') =>
  appContext().clients.lambda.send(
    new InvokeCommand({
      FunctionName: envSchema.parse(process.env).REDRIVE_FUNCTION,
      InvocationType,
      Payload: new TextEncoder().encode(JSON.stringify(payload)),
    }),
  );

/** GET /api/admin/failed-events → `{failedEvents, mailDeadLetters}`. */
export async function getFailedEvents({ event }: RouteContext) {
  requireAdmin(event);
  const answer = await invoke({ count: true }, 'RequestResponse');
  const counts = JSON.parse(new TextDecoder().decode(answer.Payload)) as {
    failedEvents: number;
    mailDeadLetters: number;
  };
  if (answer.FunctionError) throw new Error(`redrive count failed: ${answer.FunctionError}`);
  return json(200, counts);
}

/** POST /api/admin/failed-events/redrive → 202: the replay runs in the background. */
export async function redriveFailedEvents({ event }: RouteContext) {
  requireAdmin(event);
  await invoke({}, 'Event');
  return json(202, {
    message:
      'Relance demandée : les traitements en échec sont rejoués et les e-mails remis en file. Rechargez le tableau de bord dans quelques minutes.',
  });
}

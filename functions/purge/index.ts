import * as z from 'zod/mini';
import { now } from '../shared/clock.ts';
import { appContext } from '../services/context.ts';
import { withLambdaLogs } from '../shared/log.ts';
import { purge } from './purge.ts';

/**
 * The purge Lambda, run once a day by an EventBridge rule (infra/stack.ts); locally by the simulated
 * clock (infra/local/schedules.ts). The scheduled event's `time` is the instant it was due: what is
 * purged depends on it only, so a late or repeated run does the same.
 */
const eventSchema = z.looseObject({ time: z.optional(z.iso.datetime({ offset: true })) });

export const handler = withLambdaLogs(
  'purge',
  async (raw: unknown) => {
    const event = eventSchema.parse(raw ?? {});
    const asOf = event.time ? new Date(Math.min(Date.parse(event.time), now().getTime())) : now();
    return purge(appContext(), asOf);
  },
  { correlate: () => ({ correlation_id: `purge-${now().toISOString().slice(0, 10)}` }) },
);

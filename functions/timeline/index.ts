import { log } from '../shared/log.ts';
import { alertUndecided } from './alert-undecided.ts';
import { checkDecisions } from './check-decisions.ts';
import { close } from './close.ts';
import { closeValidation } from './close-validation.ts';
import { closeVoting } from './close-voting.ts';
import { timelineEventSchema, type TimelineAction, type TimelineEvent } from './context.ts';
import { launch } from './launch.ts';
import { notify } from './notify.ts';
import { plan } from './plan.ts';
import { remind } from './remind.ts';
import { reportFailure } from './report-failure.ts';
import { validationReminder } from './validation-reminder.ts';
import { appContext, type AppContext } from '../shared/context.ts';

const ACTIONS: Record<TimelineAction, (ctx: AppContext, event: TimelineEvent) => Promise<unknown>> = {
  plan,
  remind,
  close,
  'check-decisions': checkDecisions,
  'alert-undecided': alertUndecided,
  notify,
  'validation-reminder': validationReminder,
  'close-validation': closeValidation,
  launch,
  'close-voting': closeVoting,
  'report-failure': reportFailure,
};

/**
 * The campaign timeline's tasks, invoked by the state machine (infra/constructs/timeline.ts) with
 * `{action, campaignId, datesVersion, dueAt?, …}`. Every action is idempotent: replayed, it sends
 * no email twice (Mailer.sendOnce) and never moves a phase back (conditional writes). Returns plain
 * JSON (the state machine uses the payload as is).
 */
export async function handler(raw: unknown): Promise<unknown> {
  const event = timelineEventSchema.parse(raw);
  const started = Date.now();
  const result = await ACTIONS[event.action](appContext(), event);
  log.info('timeline task', { action: event.action, campaignId: event.campaignId, datesVersion: event.datesVersion, dueAt: event.dueAt, ms: Date.now() - started });
  return result;
}

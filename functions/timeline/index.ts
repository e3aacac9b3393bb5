import { executionName } from '../domain/campaign.ts';
import { log, withLambdaLogs, type Correlation } from '../shared/log.ts';
import { lazy } from '../shared/lazy.ts';
import { timelineEventSchema, type TimelineAction, type TimelineEvent } from './context.ts';
import { appContext, type AppContext } from '../services/context.ts';

// Each task's module loads on its first call: an invocation runs one task, and a cold start compiles
// that task's libraries only (the launch's site publication, the emails' templates…).
const ACTIONS: Record<TimelineAction, (ctx: AppContext, event: TimelineEvent) => Promise<unknown>> = {
  plan: lazy(() => import('./plan.ts'), 'plan'),
  remind: lazy(() => import('./remind.ts'), 'remind'),
  close: lazy(() => import('./close.ts'), 'close'),
  'check-decisions': lazy(() => import('./check-decisions.ts'), 'checkDecisions'),
  'alert-undecided': lazy(() => import('./alert-undecided.ts'), 'alertUndecided'),
  notify: lazy(() => import('./notify.ts'), 'notify'),
  'validation-reminder': lazy(() => import('./validation-reminder.ts'), 'validationReminder'),
  'close-validation': lazy(() => import('./close-validation.ts'), 'closeValidation'),
  launch: lazy(() => import('./launch.ts'), 'launch'),
  'close-voting': lazy(() => import('./close-voting.ts'), 'closeVoting'),
  'report-failure': lazy(() => import('./report-failure.ts'), 'reportFailure'),
};

/**
 * The campaign timeline's tasks, invoked by the state machine (infra/constructs/timeline.ts) with
 * `{action, campaignId, datesVersion, dueAt?, …}`. Every action is idempotent: replayed, it sends
 * no email twice (Mailer.sendOnce) and never moves a phase back (conditional writes). Returns plain
 * JSON (the state machine uses the payload as is).
 */
export const handler = withLambdaLogs(
  'timeline',
  async (raw: unknown): Promise<unknown> => {
    const event = timelineEventSchema.parse(raw);
    const started = Date.now();
    const result = await ACTIONS[event.action](appContext(), event);
    log.info('timeline task', {
      action: event.action,
      campaignId: event.campaignId,
      datesVersion: event.datesVersion,
      dueAt: event.dueAt,
      ms: Date.now() - started,
    });
    return result;
  },
  // A superseded execution ends as planned; files still being checked make the state machine retry.
  { correlate: timelineCorrelation, expectedErrors: ['Superseded', 'FilesStillProcessing'] },
);

/**
 * The correlation ids of a task's log lines: its execution's name (passed by the state machine to
 * some tasks, else `<campaignId>-v<datesVersion>` as executions are named), campaign and action.
 */
export function timelineCorrelation(raw: unknown): Correlation {
  const event = (raw ?? {}) as { action?: unknown; campaignId?: unknown; datesVersion?: unknown; execution?: unknown };
  const campaignId = typeof event.campaignId === 'string' ? event.campaignId : undefined;
  const versioned =
    campaignId && typeof event.datesVersion === 'number' ? executionName(campaignId, event.datesVersion) : undefined;
  const execution = typeof event.execution === 'string' ? event.execution : versioned;
  return {
    correlation_id: execution ?? campaignId,
    execution,
    campaignId,
    action: typeof event.action === 'string' ? event.action : undefined,
  };
}

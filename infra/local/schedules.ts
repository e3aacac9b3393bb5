import type { LocalClock } from './clock.ts';
import type { Logger } from './log.ts';
import type { CfnTemplate, LocalFunction } from './template.ts';

/**
 * EventBridge schedules of the template (`AWS::Events::Rule` with a `cron(…)` expression targeting one
 * of the app's functions: the daily purge), run by the simulated clock as AWS runs them by the real one.
 *
 * When the clock moves forward (`npm run clock`, a test, or time flowing), a rule whose occurrence
 * fell in between is invoked once, with the scheduled event AWS sends and the instant of its latest
 * occurrence as `time`, after the timeline's tasks due on the way. Occurrences in between are not
 * replayed one by one (walking a year would run the purge 365 times): the purge's outcome depends
 * only on `time`, so one run at the latest occurrence leaves what the daily runs would have left.
 * Only daily expressions (`cron(M H * * ? *)`) are understood; any other refuses to start the stack,
 * rather than being run at the wrong times.
 */

export interface LocalSchedule {
  ruleId: string;
  expression: string;
  entry: string;
  /** UTC hour and minute of the daily occurrence. */
  hour: number;
  minute: number;
}

const DAILY = /^cron\((\d{1,2}) (\d{1,2}) \* \* \? \*\)$/;

export function schedulesOf(template: CfnTemplate, functions: LocalFunction[]): LocalSchedule[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Events::Rule' && typeof r.Properties?.ScheduleExpression === 'string')
    .flatMap(([ruleId, r]) => {
      const expression = r.Properties!.ScheduleExpression as string;
      const targets = (r.Properties!.Targets ?? []) as { Arn?: { 'Fn::GetAtt'?: [string, string] } }[];
      const cron = DAILY.exec(expression);
      if (!cron)
        throw new Error(
          `Règle ${ruleId} : planification « ${expression} » non prise en charge localement (seulement cron(M H * * ? *)).`,
        );
      return targets.map((target) => {
        const fnId = target.Arn?.['Fn::GetAtt']?.[0];
        const fn = functions.find((f) => f.logicalId === fnId);
        if (!fn) throw new Error(`Règle ${ruleId} : cible inconnue ${JSON.stringify(target.Arn)}`);
        return { ruleId, expression, entry: fn.entry, minute: Number(cron[1]), hour: Number(cron[2]) };
      });
    });
}

/** The latest daily occurrence at or before `at` (UTC). */
export function latestOccurrence(schedule: Pick<LocalSchedule, 'hour' | 'minute'>, at: Date): Date {
  const day = new Date(
    Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), schedule.hour, schedule.minute),
  );
  return day.getTime() <= at.getTime() ? day : new Date(day.getTime() - 24 * 3600 * 1000);
}

/** EventBridge's scheduled event, as a rule's Lambda target receives it. */
export function scheduledEvent(schedule: LocalSchedule, time: Date, region: string, accountId: string) {
  return {
    version: '0',
    id: crypto.randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: accountId,
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [`arn:aws:events:${region}:${accountId}:rule/${schedule.ruleId}`],
    detail: {},
  };
}

export class LocalScheduler {
  private readonly lastRun = new Map<LocalSchedule, number>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly options: {
      schedules: LocalSchedule[];
      clock: LocalClock;
      invoke: (entry: string, event: unknown) => Promise<unknown>;
      region: string;
      accountId: string;
      log: Logger;
    },
  ) {
    // Occurrences before the stack started are not run (as on AWS, a rule never runs for the past).
    for (const schedule of options.schedules) this.lastRun.set(schedule, options.clock.now().getTime());
    options.clock.onMoved(async (now, how) => {
      // Back to the real time (a test done with the future): the schedules start afresh from there.
      if (how === 'reset') for (const schedule of options.schedules) this.lastRun.set(schedule, now.getTime());
      else await this.runDue(now);
      this.armTimer();
    });
    this.armTimer();
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  /** Runs each schedule whose occurrence fell since its last run, once, at its latest occurrence. */
  private async runDue(now: Date): Promise<void> {
    for (const schedule of this.options.schedules) {
      const occurrence = latestOccurrence(schedule, now);
      if (occurrence.getTime() <= this.lastRun.get(schedule)!) continue;
      this.lastRun.set(schedule, occurrence.getTime());
      try {
        await this.options.invoke(
          schedule.entry,
          scheduledEvent(schedule, occurrence, this.options.region, this.options.accountId),
        );
      } catch (error) {
        // As EventBridge's target retries then gives up: logged, the next day runs again.
        this.options.log.error('scheduled invocation failed', {
          rule: schedule.ruleId,
          entry: schedule.entry,
          error: String(error),
        });
      }
    }
  }

  /** The (flowing) simulated time reaches the next occurrence by itself: advance the clock then. */
  private armTimer(): void {
    clearTimeout(this.timer);
    const now = this.options.clock.now().getTime();
    const next = Math.min(
      ...this.options.schedules.map((s) => latestOccurrence(s, new Date(now)).getTime() + 24 * 3600 * 1000),
    );
    if (!Number.isFinite(next)) return;
    this.timer = setTimeout(
      () => void this.options.clock.advance(this.options.clock.now()).catch(() => undefined),
      Math.min(next - now + 1000, 2 ** 31 - 1),
    );
    this.timer.unref();
  }
}

import { DateTime } from 'luxon';
import { now as sharedNow, setClockOffset } from '../../functions/shared/clock.ts';
import type { Logger } from './log.ts';
import { readState, updateState } from './state.ts';

/**
 * The simulated clock of the local stack: an offset added to the system time, applied to every
 * handler through functions/shared/clock.ts (handlers all read `now()` there) and kept in
 * `<dataDir>/state.json`, so a restart finds the same simulated date (time keeps flowing).
 *
 * The timeline's Wait states are overridden to 0 ms locally; each task that follows a Wait carries
 * `dueAt` and is held here until the simulated clock reaches it. `advance(to)` moves time forward
 * only, releasing the due tasks one at a time, in order, each at its own instant (the clock is set
 * to the task's `dueAt` while it runs), so a whole campaign plays in seconds as it would in months.
 * Held tasks also wake up by themselves when the (flowing) simulated time reaches them.
 */

export interface HeldTask {
  executionArn: string;
  execution: string;
  campaignId?: string;
  state: string;
  action?: string;
  dueAt: string;
}

export interface TaskRun extends Omit<HeldTask, 'dueAt'> {
  dueAt?: string;
  /** Simulated time the task started. */
  at: string;
  outcome: 'ok' | 'error';
  result?: unknown;
  error?: string;
}

export interface AdvanceReport {
  now: string;
  offsetMs: number;
  ran: TaskRun[];
  /** Tasks still held, earliest first. */
  upcoming: HeldTask[];
}

interface Ticket {
  seq: number;
  dueMs: number;
  task: HeldTask;
  release(): void;
  cancel(error: Error): void;
  /** Settled by the task's runner once it has run (or failed). */
  finished: Promise<void>;
  finish(): void;
}

/** setTimeout's limit (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class LocalClock {
  private offsetMs: number;
  private readonly tickets: Ticket[] = [];
  private readonly journal: TaskRun[] = [];
  private seq = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private wake?: NodeJS.Timeout;
  private settle: () => Promise<void> = async () => {};
  private readonly moved: ((now: Date, how: 'forward' | 'reset') => Promise<void>)[] = [];

  private constructor(
    private readonly dataDir: string,
    offsetMs: number,
    private readonly log: Logger,
  ) {
    this.offsetMs = offsetMs;
    setClockOffset(offsetMs);
  }

  /** The clock as persisted in `<dataDir>/state.json` (real time when there is none). */
  static async load(dataDir: string, log: Logger): Promise<LocalClock> {
    const state = await readState(dataDir);
    return new LocalClock(dataDir, Number(state.clock?.offsetMs ?? 0), log);
  }

  now(): Date {
    return sharedNow();
  }

  /** How to wait until every execution is either held here or finished (given by the Step Functions emulator). */
  onSettle(settle: () => Promise<void>): void {
    this.settle = settle;
  }

  /**
   * Runs after each move of the clock: forward once the tasks due on the way ran, or back to the real
   * time (local schedules: infra/local/schedules.ts).
   */
  onMoved(hook: (now: Date, how: 'forward' | 'reset') => Promise<void>): void {
    this.moved.push(hook);
  }

  /** Tasks held, earliest first. */
  held(): HeldTask[] {
    return [...this.tickets].sort((a, b) => a.dueMs - b.dueMs || a.seq - b.seq).map((t) => t.task);
  }

  /** Journal of the tasks run, oldest first (the emulator records each one here). */
  record(run: TaskRun): void {
    this.journal.push(run);
    if (this.journal.length > 1000) this.journal.splice(0, this.journal.length - 1000);
  }

  recent(): TaskRun[] {
    return [...this.journal];
  }

  /**
   * Resolves when the simulated time reaches `task.dueAt` (at once if it has), with a callback to
   * call once the task has run. Rejects if the task is cancelled (its execution stopped).
   */
  async waitFor(task: HeldTask): Promise<() => void> {
    const dueMs = Date.parse(task.dueAt);
    if (dueMs <= this.now().getTime()) return () => {};
    let release!: () => void;
    let cancel!: (error: Error) => void;
    const released = new Promise<void>((resolve, reject) => {
      release = resolve;
      cancel = reject;
    });
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const ticket: Ticket = { seq: this.seq++, dueMs, task, release, cancel, finished, finish };
    this.tickets.push(ticket);
    this.scheduleWake();
    await released;
    return finish;
  }

  /** Cancels the held tasks of an execution (stopped, or the stack stopping). */
  cancel(executionArn: string | undefined, error: Error): void {
    for (const ticket of [...this.tickets]) {
      if (executionArn && ticket.task.executionArn !== executionArn) continue;
      this.tickets.splice(this.tickets.indexOf(ticket), 1);
      ticket.cancel(error);
      ticket.finish();
    }
    this.scheduleWake();
  }

  /**
   * Moves the simulated time forward to `to` (never back), running the tasks that fall due on the
   * way, in order. `campaignId` limits the release to one campaign's tasks (tests that share a stack).
   */
  advance(to: Date, options: { campaignId?: string } = {}): Promise<AdvanceReport> {
    return this.serial(async () => {
      const target = to.getTime();
      const current = this.now().getTime();
      if (Number.isNaN(target)) throw new Error('Date invalide.');
      if (target < current - 1000) {
        throw new Error(`L'horloge simulée ne recule pas : il est déjà ${paris(new Date(current))} (heure de Paris).`);
      }
      const mark = this.journal.length;
      for (;;) {
        await this.settle();
        const due = this.tickets
          .filter((t) => t.dueMs <= target && (!options.campaignId || t.task.campaignId === options.campaignId))
          .sort((a, b) => a.dueMs - b.dueMs || a.seq - b.seq)[0];
        if (!due) break;
        if (due.dueMs > this.now().getTime()) this.setOffset(due.dueMs - Date.now());
        this.tickets.splice(this.tickets.indexOf(due), 1);
        due.release();
        await due.finished;
      }
      if (target > this.now().getTime()) this.setOffset(target - Date.now());
      await this.settle();
      for (const hook of this.moved) await hook(this.now(), 'forward');
      await this.persist();
      this.scheduleWake();
      return this.report(mark);
    });
  }

  /** Back to the real time (tests that borrowed the clock); held tasks stay held until they are due again. */
  reset(): Promise<AdvanceReport> {
    return this.serial(async () => {
      this.setOffset(0);
      for (const hook of this.moved) await hook(this.now(), 'reset');
      await this.persist();
      this.scheduleWake();
      return this.report(this.journal.length);
    });
  }

  stop(): void {
    clearTimeout(this.wake);
    this.wake = undefined;
  }

  private report(mark: number): AdvanceReport {
    return {
      now: this.now().toISOString(),
      offsetMs: this.offsetMs,
      ran: this.journal.slice(mark),
      upcoming: this.held(),
    };
  }

  private setOffset(offsetMs: number): void {
    this.offsetMs = Math.round(offsetMs);
    setClockOffset(this.offsetMs);
  }

  private async persist(): Promise<void> {
    await updateState(this.dataDir, { clock: { offsetMs: this.offsetMs, now: this.now().toISOString() } });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The (flowing) simulated time reaches held tasks by itself: wake up for the earliest. */
  private scheduleWake(): void {
    clearTimeout(this.wake);
    this.wake = undefined;
    const earliest = Math.min(...this.tickets.map((t) => t.dueMs));
    if (!Number.isFinite(earliest)) return;
    const delay = Math.min(Math.max(earliest - this.now().getTime(), 0), MAX_TIMER_MS);
    this.wake = setTimeout(() => {
      this.advance(this.now()).then(
        (report) =>
          report.ran.length &&
          this.log.info('simulated time reached held tasks', {
            ran: report.ran.map((r) => `${r.state} ${r.campaignId ?? ''}`).join(', '),
          }),
        (error: unknown) => this.log.error('wake-up failed', { error: String(error) }),
      );
    }, delay);
    this.wake.unref();
  }
}

export const paris = (date: Date) =>
  DateTime.fromJSDate(date, { zone: 'Europe/Paris' }).setLocale('fr').toFormat("d LLLL yyyy 'à' HH:mm:ss");

/**
 * `2028-03-01T09:00` (Paris time when no offset is given), a full ISO instant, or `+3d` / `+12h` /
 * `+30m` from the current simulated time.
 */
export function parseClockTarget(text: string, current: Date): Date {
  const relative = /^\+(\d+)([dhm])$/.exec(text.trim());
  if (relative) {
    const unit = { d: 'days', h: 'hours', m: 'minutes' }[relative[2] as 'd' | 'h' | 'm'];
    return DateTime.fromJSDate(current)
      .plus({ [unit]: Number(relative[1]) })
      .toJSDate();
  }
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text.trim());
  const dt = DateTime.fromISO(text.trim(), hasZone ? { setZone: true } : { zone: 'Europe/Paris' });
  if (!dt.isValid)
    throw new Error(`Date illisible : « ${text} » (exemples : 2028-03-01T09:00, 2028-02-29T23:59:59, +3d).`);
  return dt.toJSDate();
}

export interface LocalRouteResult {
  status: number;
  body: unknown;
}

/**
 * `/_local/clock` on the local front: GET says the simulated time and the held tasks; POST
 * `{to}` moves time forward (ISO instant, Paris local time, or `+3d`), optionally only for one
 * campaign's tasks (`{to, campaignId}`); POST `{reset: true}` goes back to the real time (tests).
 */
export function clockRoute(
  clock: LocalClock,
): (request: { method: string; body: Buffer }) => Promise<LocalRouteResult> {
  return async ({ method, body }) => {
    if (method === 'GET')
      return {
        status: 200,
        body: { now: clock.now().toISOString(), upcoming: clock.held(), recent: clock.recent().slice(-20) },
      };
    if (method !== 'POST') return { status: 405, body: { message: 'GET ou POST' } };
    let request: { to?: unknown; campaignId?: unknown; reset?: unknown };
    try {
      request = body.length ? (JSON.parse(body.toString('utf8')) as typeof request) : {};
    } catch {
      return { status: 400, body: { message: 'JSON attendu : {"to": "2028-03-01T09:00"}' } };
    }
    try {
      if (request.reset === true) return { status: 200, body: await clock.reset() };
      if (typeof request.to !== 'string')
        return {
          status: 400,
          body: { message: 'Indiquez « to » : {"to": "2028-03-01T09:00"} (heure de Paris) ou {"to": "+3d"}.' },
        };
      const campaignId = typeof request.campaignId === 'string' ? request.campaignId : undefined;
      return { status: 200, body: await clock.advance(parseClockTarget(request.to, clock.now()), { campaignId }) };
    } catch (error) {
      return { status: 400, body: { message: error instanceof Error ? error.message : String(error) } };
    }
  };
}

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setClockOffset } from '../../functions/shared/clock.ts';
import { LocalClock, parseClockTarget } from '../../infra/local/clock.ts';
import type { LambdaRuntime } from '../../infra/local/lambda-runtime.ts';
import { createLogger } from '../../infra/local/log.ts';
import { LocalStepFunctions, SfnError, stateMachinesOf } from '../../infra/local/stepfunctions.ts';
import type { CfnTemplate } from '../../infra/local/template.ts';
import { synthesizedTimelineAsl } from '../support/timeline-asl.ts';

/**
 * The local Step Functions engine and its simulated clock, on the synthesized timeline ASL with a
 * fake timeline function: Waits take no time, tasks wait for the clock, in order, each at its time.
 */

const DAY = 86_400_000;
const base = Math.ceil(Date.now() / DAY) * DAY + 10 * DAY; // a midnight UTC comfortably ahead
let origin = base;
const at = (days: number) => new Date(origin + days * DAY).toISOString().replace('.000', '');
const template = (definition: unknown): CfnTemplate => ({
  Resources: {
    Timeline: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: { StateMachineName: 'Test-Timeline', DefinitionString: JSON.stringify(definition) },
    },
  },
});
const names = { region: 'eu-west-3', accountId: '111111111111' };

let dataDir: string;
let clock: LocalClock;
let engine: LocalStepFunctions;
const calls: { action: string; now: string; dueAt?: string }[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'timeline-local-'));
  const log = createLogger('test', { quiet: true });
  clock = await LocalClock.load(dataDir, log);
  let checks = 0;
  const runtime = {
    invoke: async (_entry: string, event: { action: string; dueAt?: string }) => {
      calls.push({ action: event.action, now: clock.now().toISOString(), dueAt: event.dueAt });
      switch (event.action) {
        case 'plan':
          return {
            reminders: [{ at: at(1), offset: 3 }],
            skippedReminders: [14],
            close: at(2),
            notification: at(3),
            validationReminders: [{ at: at(4) }],
            closeValidation: at(5),
            launch: at(6),
            closeVoting: at(7),
          };
        case 'check-decisions':
          checks += 1;
          return { allDecided: checks > 1 };
        case 'alert-undecided':
          return at(3.5);
        default:
          return { done: event.action };
      }
    },
  } as unknown as LambdaRuntime;
  engine = new LocalStepFunctions({
    machines: stateMachinesOf(template(synthesizedTimelineAsl()), (v) => v, names),
    functions: [
      { logicalId: 'Fn', entry: 'timeline', environment: {}, timeoutSeconds: 300, memoryMb: 512, maxRetryAttempts: 2 },
    ],
    runtime,
    clock,
    log,
  });
});

afterAll(async () => {
  await engine.stopAll();
  clock.stop();
  setClockOffset(0);
  await rm(dataDir, { recursive: true, force: true });
});

describe('local Step Functions', () => {
  it('refuses a machine that uses JSONata or variables (the emulator would ignore them)', () => {
    const asl = synthesizedTimelineAsl();
    (asl.States.Plan as Record<string, unknown>).Assign = { x: 1 };
    expect(() => stateMachinesOf(template(asl), (v) => v, names)).toThrow(/Assign.*JSONPath/);
  });

  it('runs until the first held task: Waits take no time, tasks wait for the clock', async () => {
    const execution = engine.start({
      stateMachineArn: 'arn:aws:states:eu-west-3:111111111111:stateMachine:Test-Timeline',
      name: 'c1-v1',
      input: JSON.stringify({ campaignId: 'c1', datesVersion: 1 }),
    });
    await engine.settle();
    expect(execution.status).toBe('RUNNING');
    expect(calls.map((c) => c.action)).toEqual(['plan']);
    expect(clock.held()).toEqual([expect.objectContaining({ state: 'SendReminder', dueAt: at(1), campaignId: 'c1' })]);
    // Same name and input: the running execution; another input: refused, as AWS does.
    expect(
      engine.start({
        stateMachineArn: 'Test-Timeline',
        name: 'c1-v1',
        input: JSON.stringify({ campaignId: 'c1', datesVersion: 1 }),
      }),
    ).toBe(execution);
    expect(() => engine.start({ stateMachineArn: 'Test-Timeline', name: 'c1-v1', input: '{}' })).toThrow(SfnError);
  });

  it('moves time forward running each due task at its own time, in order, and never back', async () => {
    const report = await clock.advance(new Date(base + 10 * DAY));
    expect(report.ran.map((r) => r.state)).toEqual([
      'SendReminder',
      'CloseApplications',
      'CheckDecisions',
      'AlertUndecided',
      'CheckDecisions',
      'NotifyDecisions',
      'SendValidationReminder',
      'CloseValidation',
      'Launch',
      'CloseVoting',
    ]);
    // Each held task ran when the simulated clock showed its dueAt (the alert follows its check at once).
    for (const call of calls.filter((c) => c.dueAt && c.action !== 'alert-undecided' && c.action !== 'notify')) {
      expect(Date.parse(call.now) - Date.parse(call.dueAt!), call.action).toBeLessThan(1000);
      expect(Date.parse(call.now)).toBeGreaterThanOrEqual(Date.parse(call.dueAt!));
    }
    expect(calls.find((c) => c.action === 'alert-undecided')!.dueAt).toBe(at(3));
    expect(calls.filter((c) => c.action === 'check-decisions').map((c) => c.dueAt)).toEqual([at(3), at(3.5)]);
    expect(engine.describe('arn:aws:states:eu-west-3:111111111111:execution:Test-Timeline:c1-v1').status).toBe(
      'SUCCEEDED',
    );
    expect(Math.abs(clock.now().getTime() - (base + 10 * DAY))).toBeLessThan(1000);
    const state = JSON.parse(await readFile(path.join(dataDir, 'state.json'), 'utf8')) as {
      clock: { offsetMs: number };
    };
    expect(Math.abs(state.clock.offsetMs - (base + 10 * DAY - Date.now()))).toBeLessThan(2000);
    await expect(clock.advance(new Date(base))).rejects.toThrow(/ne recule pas/);
  });

  it('stops an execution: its held task never runs', async () => {
    const before = calls.length;
    origin = base + 20 * DAY;
    const execution = engine.start({
      stateMachineArn: 'Test-Timeline',
      name: 'c2-v1',
      input: JSON.stringify({ campaignId: 'c2', datesVersion: 1 }),
    });
    await engine.settle();
    expect(clock.held().map((h) => h.campaignId)).toEqual(['c2']);
    engine.stop(execution.executionArn);
    await execution.done;
    expect(execution.status).toBe('ABORTED');
    expect(clock.held()).toEqual([]);
    await clock.advance(new Date(base + 30 * DAY));
    expect(calls.slice(before).map((c) => c.action)).toEqual(['plan']);
  });

  it('reads Paris local times, ISO instants and relative steps', () => {
    const now = new Date('2028-02-29T12:00:00Z');
    expect(parseClockTarget('2028-02-29T23:59:59', now).toISOString()).toBe('2028-02-29T22:59:59.000Z');
    expect(parseClockTarget('2028-07-01T00:00', now).toISOString()).toBe('2028-06-30T22:00:00.000Z');
    expect(parseClockTarget('2028-03-01T00:00:00Z', now).toISOString()).toBe('2028-03-01T00:00:00.000Z');
    expect(parseClockTarget('+3d', now).toISOString()).toBe('2028-03-03T12:00:00.000Z');
    expect(() => parseClockTarget('demain', now)).toThrow(/illisible/);
  });
});

import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { walkStates } from '../../infra/local/stepfunctions.ts';
import { synthesizedTimelineAsl } from '../support/timeline-asl.ts';

/**
 * The timeline ASL must stay JSONPath: aws-local-stepfunctions silently ignores JSONata and
 * `Assign`, so a machine using them would run differently locally and on AWS.
 */

/** Every place where JSONata or variables appear, as JSON paths: keys and string values alike. */
function forbiddenFeatures(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => forbiddenFeatures(v, `${path}[${i}]`));
  if (typeof value === 'string')
    return /jsonata/i.test(value) || /^\{%.*%\}$/s.test(value.trim()) ? [`${path} = ${value}`] : [];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => [
    ...(key === 'QueryLanguage' || key === 'Assign' || /jsonata/i.test(key) ? [`${path}.${key}`] : []),
    ...forbiddenFeatures(v, `${path}.${key}`),
  ]);
}

let asl: { StartAt: string; States: Record<string, Record<string, unknown> & { Type: string }> };

beforeAll(() => {
  asl = synthesizedTimelineAsl();
});

describe('the synthesized timeline ASL', () => {
  it('has no QueryLanguage, JSONata or Assign anywhere', () => {
    expect(forbiddenFeatures(asl)).toEqual([]);
  });

  it('is valid ASL for asl-validator (what the local stack checks before running it)', () => {
    const validate = createRequire(import.meta.url)('asl-validator') as (d: unknown) => {
      isValid: boolean;
      errorsText: () => string;
    };
    const verdict = validate(structuredClone(asl));
    expect(verdict.errorsText()).toBe('');
    expect(verdict.isValid).toBe(true);
  });

  it('the guard itself catches them (nested in a Map, as a key or an expression)', () => {
    const poisoned = structuredClone(asl);
    (
      poisoned.States.Reminders!.ItemProcessor as { States: Record<string, Record<string, unknown>> }
    ).States.SendReminder!.Assign = { x: 1 };
    poisoned.States.Plan!.Arguments = '{% $states.input %}';
    (poisoned as Record<string, unknown>).QueryLanguage = 'JSONata';
    expect(forbiddenFeatures(poisoned)).toEqual([
      '$.States.Plan.Arguments = {% $states.input %}',
      '$.States.Reminders.ItemProcessor.States.SendReminder.Assign',
      '$.QueryLanguage',
      '$.QueryLanguage = JSONata',
    ]);
  });

  it('waits on timestamp paths only, and every task after a Wait receives that same path as dueAt', () => {
    const states = new Map<string, Record<string, unknown> & { Type: string }>();
    walkStates(asl as never, (name, state) => states.set(name, state as never));
    const waits = [...states].filter(([, s]) => s.Type === 'Wait');
    expect(waits.map(([n]) => n).sort()).toEqual([
      'WaitDeadline',
      'WaitLaunch',
      'WaitNotification',
      'WaitReminder',
      'WaitValidationEnd',
      'WaitValidationReminder',
      'WaitVotingClose',
    ]);
    for (const [name, wait] of waits) {
      expect(
        Object.keys(wait).filter((k) => ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'].includes(k)),
        name,
      ).toEqual(['TimestampPath']);
      const next = states.get(String(wait.Next))!;
      expect(next.Type, name).toBe('Task');
      expect((next.Parameters as Record<string, unknown>)['dueAt.$'], `${name} → ${String(wait.Next)}`).toBe(
        wait.TimestampPath,
      );
    }
  });

  it('retries Lambda errors with backoff, never retries a superseded execution, and reports failures once', () => {
    const states = new Map<string, Record<string, unknown> & { Type: string }>();
    walkStates(asl as never, (name, state) => states.set(name, state as never));
    for (const [name, state] of [...states].filter(([, s]) => s.Type === 'Task')) {
      const retry = state.Retry as { ErrorEquals: string[]; MaxAttempts: number; BackoffRate?: number }[];
      expect(retry[0], name).toEqual({ ErrorEquals: ['Superseded'], MaxAttempts: 0 });
      expect(
        retry.find((r) => r.ErrorEquals.includes('States.TaskFailed')),
        name,
      ).toMatchObject({ MaxAttempts: 4, BackoffRate: 2 });
      expect(state.Resource, name).toMatch(/^arn:aws:lambda:/);
    }
    const topLevel = Object.entries(asl.States).filter(([, s]) => s.Type === 'Task' || s.Type === 'Map');
    for (const [name, state] of topLevel.filter(([n]) => n !== 'ReportFailure')) {
      expect(state.Catch, name).toEqual([
        { ErrorEquals: ['Superseded'], Next: 'Superseded' },
        { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'ReportFailure' },
      ]);
    }
    expect(asl.States.ReportFailure!.Next).toBe('Failed');
    expect(asl.States.Reminders).toMatchObject({
      MaxConcurrency: 1,
      ItemsPath: '$.plan.reminders',
      ItemSelector: expect.objectContaining({ 'campaignId.$': '$.campaignId' }),
    });
    expect(asl.States.AlertUndecided).toMatchObject({ ResultPath: '$.plan.notification', Next: 'WaitNotification' });
    expect(asl.States.AllDecided).toMatchObject({
      Type: 'Choice',
      Default: 'AlertUndecided',
      Choices: [{ Variable: '$.decisions.allDecided', BooleanEquals: true, Next: 'NotifyDecisions' }],
    });
  });
});

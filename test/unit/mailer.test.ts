import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { MessageRejected } from '@aws-sdk/client-ses';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SESClient } from '@aws-sdk/client-ses';
import { describe, expect, it, vi } from 'vitest';
import { EMAIL_LEASE_MS, EmailInFlight, Mailer } from '../../functions/adapters/mailer.ts';

/**
 * The Mailer's lease logic against an in-memory table that evaluates the condition and update
 * expressions it sends (the subset it uses), and a scripted SES. Integration counterparts on the
 * local stack: test/integration/faults.test.ts.
 */

type Item = Record<string, unknown>;
type Input = {
  TableName: string;
  Key?: Item;
  Item?: Item;
  ConditionExpression?: string;
  UpdateExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
};

/** Tokens of the expressions: names, placeholders, operators, parentheses, commas. */
const tokenize = (text: string) => text.match(/<=|>=|<>|[=<>(),+]|[#:]?[A-Za-z_][A-Za-z0-9_]*/g) ?? [];

class FakeTable {
  readonly items = new Map<string, Item>();
  /** Errors to throw at the next calls of an operation (`update` whose expression contains a text). */
  readonly failures: { when: (op: string, input: Input) => boolean; error: Error; times: number }[] = [];
  calls: string[] = [];

  client = {
    send: (command: { constructor: { name: string }; input: Input }) =>
      this.send(command.constructor.name, command.input),
  } as unknown as DynamoDBDocumentClient;

  private async send(op: string, input: Input): Promise<unknown> {
    await Promise.resolve();
    this.calls.push(op);
    const failure = this.failures.find((f) => f.times > 0 && f.when(op, input));
    if (failure) {
      failure.times -= 1;
      throw failure.error;
    }
    const key = JSON.stringify(input.Key ?? { pk: input.Item!.pk, sk: input.Item!.sk });
    const current = this.items.get(key);
    if (op === 'GetCommand') return { Item: current && structuredClone(current) };
    if (input.ConditionExpression && !this.condition(input.ConditionExpression, current, input)) {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    }
    if (op === 'PutCommand') this.items.set(key, structuredClone(input.Item!));
    else if (op === 'UpdateCommand') this.items.set(key, this.update(input, { ...(current ?? input.Key) }));
    else throw new Error(`unexpected ${op}`);
    return {};
  }

  private operand(token: string, item: Item | undefined, input: Input): unknown {
    if (token.startsWith(':')) return input.ExpressionAttributeValues![token];
    const name = token.startsWith('#') ? input.ExpressionAttributeNames![token]! : token;
    return item?.[name];
  }

  private condition(expression: string, item: Item | undefined, input: Input): boolean {
    const tokens = tokenize(expression);
    let i = 0;
    const primary = (): boolean => {
      const token = tokens[i++]!;
      if (token === '(') {
        const value = or();
        i += 1; // ')'
        return value;
      }
      if (token === 'attribute_exists' || token === 'attribute_not_exists') {
        const name = tokens[i + 1]!;
        i += 3;
        const exists = this.operand(name, item, input) !== undefined;
        return token === 'attribute_exists' ? exists : !exists;
      }
      const left = this.operand(token, item, input) as number;
      const op = tokens[i++]!;
      const right = this.operand(tokens[i++]!, item, input) as number;
      if (left === undefined) return false;
      return {
        '=': left === right,
        '<>': left !== right,
        '<': left < right,
        '<=': left <= right,
        '>': left > right,
        '>=': left >= right,
      }[op]!;
    };
    const and = (): boolean => {
      let value = primary();
      while (tokens[i] === 'AND') {
        i += 1;
        value = primary() && value;
      }
      return value;
    };
    const or = (): boolean => {
      let value = and();
      while (tokens[i] === 'OR') {
        i += 1;
        value = and() || value;
      }
      return value;
    };
    return or();
  }

  private update(input: Input, item: Item): Item {
    const name = (token: string) => (token.startsWith('#') ? input.ExpressionAttributeNames![token]! : token);
    const [, set = '', remove = ''] = /^SET (.*?)(?: REMOVE (.*))?$/.exec(input.UpdateExpression!)!;
    const tokens = tokenize(set);
    let i = 0;
    const term = (): number | unknown => {
      const token = tokens[i++]!;
      if (token === 'if_not_exists') {
        const path = tokens[i + 1]!;
        const fallback = tokens[i + 3]!;
        i += 5;
        return item[name(path)] ?? input.ExpressionAttributeValues![fallback];
      }
      return this.operand(token, item, input);
    };
    while (i < tokens.length) {
      const target = name(tokens[i]!);
      i += 2; // name '='
      let value = term();
      while (tokens[i] === '+') {
        i += 1;
        value = (value as number) + (term() as number);
      }
      item[target] = value;
      if (tokens[i] === ',') i += 1;
    }
    for (const token of remove
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean))
      delete item[name(token)];
    return item;
  }
}

/** SES that answers from a script (a MessageId, an error, or a promise the test settles). */
class FakeSes {
  readonly sent: string[] = [];
  readonly script: (Error | Promise<void>)[] = [];
  client = {
    send: async (command: { input: { Destination: { ToAddresses: string[] } } }) => {
      const next = this.script.shift();
      if (next instanceof Error) throw next;
      if (next) await next;
      this.sent.push(command.input.Destination.ToAddresses[0]!);
      return { MessageId: `m-${this.sent.length}` };
    },
  } as unknown as SESClient;
}

const awsError = (name: string, status: number) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

function setup(options: { markSentAttempts?: number; inFlightWaitMs?: number } = {}) {
  const table = new FakeTable();
  const ses = new FakeSes();
  let clock = Date.parse('2027-03-01T09:00:00Z');
  const mailer = new Mailer(table.client, ses.client, 'T', 'from@example.org', {
    clock: () => new Date(clock),
    // Waiting passes simulated time (and lets the other promises of the test run).
    sleep: async (ms) => {
      clock += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
    ...options,
  });
  const compose = vi.fn(() => ({ subject: 'Dossier complet', html: '<p>ok</p>', text: 'ok' }));
  const send = () =>
    mailer.sendOnce({
      idempotencyKey: 'app#complete#1',
      to: 'claire@example.org',
      compose,
      kind: 'complete',
      applicationId: 'app',
      now: new Date(clock).toISOString(),
    });
  const record = () => table.items.get(JSON.stringify({ pk: 'EMAIL#app#complete#1', sk: 'EMAIL' }));
  return { table, ses, mailer, compose, send, record, advance: (ms: number) => (clock += ms) };
}

describe('Mailer.sendOnce', () => {
  it('sends once and records the MessageId; a replay composes and sends nothing', async () => {
    const t = setup();
    expect(await t.send()).toBe(true);
    expect(await t.send()).toBe(false);
    expect(t.ses.sent).toHaveLength(1);
    expect(t.compose).toHaveBeenCalledTimes(1);
    expect(t.record()).toMatchObject({ state: 'sent', messageId: 'm-1' });
    expect(t.record()).not.toHaveProperty('leaseUntil');
  });

  it('releases the lease when SES throttles, so the retry sends at once', async () => {
    const t = setup();
    t.ses.script.push(awsError('Throttling', 400));
    await expect(t.send()).rejects.toMatchObject({ name: 'Throttling' });
    expect(t.record()).toMatchObject({ state: 'sending', leaseUntil: 0 });
    expect(await t.send()).toBe(true);
    expect(t.ses.sent).toHaveLength(1);
    expect(t.record()).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('keeps the lease when the outcome is unknown (500): no resend within it, one send after it', async () => {
    const t = setup({ inFlightWaitMs: 1000 });
    t.ses.script.push(awsError('InternalFailure', 500));
    await expect(t.send()).rejects.toMatchObject({ name: 'InternalFailure' });
    await expect(t.send()).rejects.toBeInstanceOf(EmailInFlight);
    expect(t.ses.sent).toHaveLength(0);
    t.advance(EMAIL_LEASE_MS);
    expect(await t.send()).toBe(true);
    expect(t.ses.sent).toHaveLength(1);
    expect(await t.send()).toBe(false);
  });

  it('takes over a record left `sending` by a crash once its lease expired, never a `sent` one', async () => {
    const t = setup();
    t.table.items.set(JSON.stringify({ pk: 'EMAIL#app#complete#1', sk: 'EMAIL' }), {
      pk: 'EMAIL#app#complete#1',
      sk: 'EMAIL',
      state: 'sending',
    });
    expect(await t.send()).toBe(true); // written before leases: its holder is long gone
    t.advance(10 * EMAIL_LEASE_MS);
    expect(await t.send()).toBe(false);
    expect(t.ses.sent).toHaveLength(1);
  });

  it('retries recording `sent` and never deletes the record nor sends again when that fails', async () => {
    const t = setup();
    t.table.failures.push({
      when: (op, input) => op === 'UpdateCommand' && /:sent/.test(input.UpdateExpression ?? ''),
      error: awsError('ThrottlingException', 400),
      times: 2,
    });
    expect(await t.send()).toBe(true);
    expect(t.record()).toMatchObject({ state: 'sent', messageId: 'm-1' });
    t.advance(10 * EMAIL_LEASE_MS);
    expect(await t.send()).toBe(false);
    expect(t.ses.sent).toHaveLength(1);
    expect(t.table.calls).not.toContain('DeleteCommand');
  });

  it('when recording `sent` keeps failing, reports the email sent (no error that would make the caller retry) and keeps the record', async () => {
    const t = setup({ markSentAttempts: 3 });
    t.table.failures.push({
      when: (op, input) => op === 'UpdateCommand' && /:sent/.test(input.UpdateExpression ?? ''),
      error: awsError('InternalServerError', 500),
      times: 3,
    });
    expect(await t.send()).toBe(true);
    // The remaining window (see the Mailer's comment): still `sending` under its lease.
    expect(t.record()).toMatchObject({ state: 'sending' });
    await expect(t.send()).rejects.toBeInstanceOf(EmailInFlight);
    expect(t.ses.sent).toHaveLength(1);
  });

  it('records a message SES refused as `failed` with the reason and does not try it again', async () => {
    const t = setup();
    t.ses.script.push(
      new MessageRejected({ message: 'Email address is not verified.', $metadata: { httpStatusCode: 400 } }),
    );
    expect(await t.send()).toBe(false);
    expect(t.record()).toMatchObject({
      state: 'failed',
      errorCode: 'MessageRejected',
      reason: 'Email address is not verified.',
    });
    t.advance(10 * EMAIL_LEASE_MS);
    expect(await t.send()).toBe(false);
    expect(t.compose).toHaveBeenCalledTimes(1);
    expect(t.ses.sent).toHaveLength(0);
  });

  it('gives the lease back when composing fails', async () => {
    const t = setup();
    t.compose.mockImplementationOnce(() => {
      throw new Error('token write failed');
    });
    await expect(t.send()).rejects.toThrow('token write failed');
    expect(await t.send()).toBe(true);
    expect(t.ses.sent).toHaveLength(1);
  });

  it('two concurrent calls (a double click): one sends, the other waits for it and sends nothing', async () => {
    const t = setup();
    let answer!: () => void;
    t.ses.script.push(new Promise<void>((resolve) => (answer = resolve)));
    const first = t.send();
    await new Promise((resolve) => setImmediate(resolve));
    const second = t.send();
    // The second call found the live lease (it read the record) before SES answers the first.
    while (!t.table.calls.includes('GetCommand')) await new Promise((resolve) => setImmediate(resolve));
    answer();
    expect(await Promise.all([first, second])).toEqual([true, false]);
    expect(t.ses.sent).toHaveLength(1);
  });
});

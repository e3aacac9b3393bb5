import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import sample from '../../events/ses-bounce.json' with { type: 'json' };
import { marksUndeliverable, parseSesEvent, undeliverableHash } from '../../functions/domain/mail-events.ts';
import { BUSINESS_METRICS } from '../../functions/domain/metric-names.ts';
import { functionOutput, stubFunctionEnv } from '../support/function-output.ts';

/**
 * SES bounce and complaint events (functions/domain/mail-events.ts), and the business metrics a
 * handler writes in embedded metric format (functions/shared/metrics.ts), read from its output as
 * CloudWatch Logs gets it: the real mail-events handler, DynamoDB on a closed port.
 */

type SesMessage = Record<string, unknown> & { bounce: Record<string, unknown>; mail: Record<string, unknown> };
const message = (): SesMessage => JSON.parse(sample.Records[0]!.Sns.Message) as SesMessage;
/** The sample SNS event carrying `ses` as its message. */
const snsEvent = (ses: unknown) => ({
  Records: [{ ...sample.Records[0]!, Sns: { ...sample.Records[0]!.Sns, Message: JSON.stringify(ses) } }],
});
const complaint = () => {
  const { bounce: _, ...rest } = message();
  return {
    ...rest,
    eventType: 'Complaint',
    complaint: {
      complainedRecipients: [{ emailAddress: 'Plainte@Example.com' }],
      timestamp: '2028-03-03T08:00:00.000Z',
      complaintFeedbackType: 'abuse',
    },
  };
};

describe('SES events', () => {
  it('reads a permanent bounce from the sample: its recipients, when, and that it marks them', () => {
    const event = parseSesEvent(message())!;
    expect(event).toEqual({
      kind: 'bounce',
      bounceType: 'Permanent',
      bounceSubType: 'General',
      messageId: 'EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000',
      recipients: ['recipient@example.com'],
      at: '2028-03-02T09:41:02.669Z',
    });
    expect(marksUndeliverable(event)).toBe(true);
  });

  it('marks on complaints, not on transient bounces; ignores other events', () => {
    expect(marksUndeliverable(parseSesEvent(complaint())!)).toBe(true);
    const transient = message();
    transient.bounce.bounceType = 'Transient';
    transient.bounce.bounceSubType = 'MailboxFull';
    expect(marksUndeliverable(parseSesEvent(transient)!)).toBe(false);
    const undetermined = message();
    undetermined.bounce.bounceType = 'Undetermined';
    expect(marksUndeliverable(parseSesEvent(undetermined)!)).toBe(false);
    expect(parseSesEvent({ ...message(), eventType: 'Delivery', bounce: undefined, delivery: {} })).toBeUndefined();
    // An identity's feedback notification names the type notificationType.
    const { eventType: _, ...notification } = message();
    expect(parseSesEvent({ ...notification, notificationType: 'Bounce' })?.kind).toBe('bounce');
  });

  it('refuses what is not an SES event', () => {
    expect(() => parseSesEvent({ eventType: 'Bounce', mail: { messageId: 'x' } })).toThrow(/bounce object/);
    expect(() => parseSesEvent({ eventType: 'Bounce' })).toThrow();
    const badDate = message();
    badDate.bounce.timestamp = 'hier';
    expect(() => parseSesEvent(badDate)).toThrow();
  });

  it('keys an address by a hash of its lowercase form, never the address', () => {
    const hash = undeliverableHash('Jean.Dupont@Example.org ');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(undeliverableHash('jean.dupont@example.org')).toBe(hash);
    // Exactly the reported address: another mailbox's bounce marks nothing else.
    expect(undeliverableHash('jean.dupont+avenir@example.org')).not.toBe(hash);
  });
});

describe('business metrics in embedded metric format', () => {
  let output = '';
  const lines = async (fn: () => Promise<unknown>) => {
    const written = await functionOutput(fn);
    output = written.text;
    return written.lines;
  };
  const emf = (logged: Record<string, unknown>[]) => logged.filter((l) => l._aws);

  beforeAll(() => {
    stubFunctionEnv();
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'Avenir-test');
  });
  afterEach(() => vi.restoreAllMocks());

  it('a transient bounce: one EMF line with EmailBounced in the stack’s namespace, the function as only dimension, no address', async () => {
    const { handler } = await import('../../functions/mail-events/index.ts');
    const transient = message();
    transient.bounce.bounceType = 'Transient';
    const logged = await lines(() => handler(snsEvent(transient) as never));
    const [line, ...others] = emf(logged);
    expect(others).toEqual([]);
    expect(line).toEqual({
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [
          {
            Namespace: 'Avenir-test',
            Dimensions: [['service']],
            Metrics: [{ Name: 'EmailBounced', Unit: BUSINESS_METRICS.EmailBounced.unit }],
          },
        ],
      },
      service: 'mail-events',
      EmailBounced: 1,
    });
    expect(Math.abs((line!._aws as { Timestamp: number }).Timestamp - Date.now())).toBeLessThan(60_000);
    expect(logged.find((l) => l.message === 'mail event')).toMatchObject({
      kind: 'bounce',
      bounceType: 'Transient',
      marked: false,
      recipients: 1,
    });
    expect(output).not.toContain('recipient@example.com');
  });

  it('writes what was counted even when the invocation then fails (the table is unreachable)', async () => {
    const { handler } = await import('../../functions/mail-events/index.ts');
    let failed: unknown;
    const logged = await lines(() =>
      handler(snsEvent(complaint()) as never).catch((error: unknown) => (failed = error)),
    );
    expect(failed).toBeInstanceOf(Error);
    expect(emf(logged)).toEqual([expect.objectContaining({ service: 'mail-events', EmailComplained: 1 })]);
    expect(logged.find((l) => l.message === 'invocation failed')).toMatchObject({ level: 'ERROR' });
    expect(output.toLowerCase()).not.toContain('plainte@example.com');
  });

  it('an invocation that counted nothing writes no metrics line and no warning', async () => {
    const { handler } = await import('../../functions/mail-events/index.ts');
    const logged = await lines(() => handler(snsEvent({ ...message(), eventType: 'Delivery' }) as never));
    expect(emf(logged)).toEqual([]);
    expect(logged.filter((l) => l.level === 'WARN' || /No application metrics/.test(String(l.message)))).toEqual([]);
  });
});

import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SendEmailCommand, SendRawEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import { randomUUID } from 'node:crypto';
import type { Email } from '../domain/emails.ts';
import { now } from '../shared/clock.ts';
import { log } from '../shared/log.ts';
import { writeIf } from './conditional-write.ts';
import { keys } from './keys.ts';
import type { OutgoingEmail } from './raw-email.ts';

/**
 * How long an attempt owns an email it is sending. Longer than the send may take (SEND_TIMEOUT_MS
 * plus composing), so a live attempt is never overtaken; short enough that Lambda's second async
 * retry (about 1 + 2 minutes after a failure) finds it expired after a crash.
 */
export const EMAIL_LEASE_MS = 2 * 60_000;
/** The SES call is abandoned after this, so an attempt never sends after its lease lapsed. */
const SEND_TIMEOUT_MS = 30_000;
const POLL_MS = 250;

/** Another attempt is sending this email right now (or died doing so, lease not yet expired): retry later. */
export class EmailInFlight extends Error {
  override name = 'EmailInFlight';
}

/** SES refusals about the message itself: sending it again unchanged would be refused again. */
const REFUSED = new Set(['MessageRejected', 'InvalidParameterValue']);

/**
 * What an SES error says about the message: `refused` (never sent, never will be), `not-sent`
 * (SES turned the request away: throttling, 503, any other 4xx; safe to send again), `unknown`
 * (500, network error, timeout: SES may have accepted it; we cannot tell).
 */
function sesOutcome(error: unknown): 'refused' | 'not-sent' | 'unknown' {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } };
  const status = e.$metadata?.httpStatusCode;
  if (e.name && REFUSED.has(e.name)) return 'refused';
  if (e.$retryable?.throttling || e.name === 'Throttling' || e.name === 'ThrottlingException') return 'not-sent';
  if (status === 503 || (status !== undefined && status >= 400 && status < 500)) return 'not-sent';
  return 'unknown';
}

export interface MailerOptions {
  /** Defaults to the shared clock (shifted by the local stack's simulated time). */
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** How long a call waits for another attempt's send in flight before throwing EmailInFlight. */
  inFlightWaitMs?: number;
  /** Attempts at recording `sent` once SES accepted the message (each with the SDK's own retries). */
  markSentAttempts?: number;
}

type Claim = { owner: string; leaseUntil: number } | { done: 'sent' | 'failed' };

/**
 * One email to send once: the Mailer's (SES, `E` with its attachments' bytes) and the MailQueue's
 * (SQS, attachments by reference) common request.
 */
export interface SendOnceInput<E extends Email = OutgoingEmail> {
  /** Application + kind + version: the same key is never sent twice. */
  idempotencyKey: string;
  to: string;
  compose: () => Promise<E> | E;
  applicationId?: string;
  kind: string;
  /** When it was asked for (ISO), kept on the send record. */
  now: string;
}

/**
 * The attributes every send record starts with, whoever writes it first (the queue's producer as
 * `queued`, or the sender as `sending`): listed with the file's other outside items, so that
 * erasing the file deletes the record too.
 */
export function emailRecordBase(idempotencyKey: string, input: { kind: string; applicationId?: string; now: string }) {
  const key = keys.email(idempotencyKey);
  return {
    ...key,
    kind: input.kind,
    applicationId: input.applicationId,
    at: input.now,
    ...(input.applicationId && { gsi1pk: keys.fileOutside(input.applicationId), gsi1sk: key.pk }),
  };
}

/**
 * Sends each email once per idempotency key (application + kind + version), through a record
 * `EMAIL#<key>` that goes `sending` (with an owner and a lease) → `sent` (SES's MessageId) or
 * `failed` (SES refused the message: never retried).
 *
 * - Only the holder of a live lease sends. A call that finds a live lease waits a little for the
 *   outcome (a double click), then throws EmailInFlight so that its caller's retry comes back; one
 *   that finds an expired lease (its holder crashed) takes it over with a conditional update.
 * - Once SES returned a MessageId the email is never sent again: recording `sent` is a separate step,
 *   retried, and its failure is logged, never turned into a deletion or an error that would resend.
 * - SES throttling (or any answer saying the request was not taken) releases the lease at once, so
 *   the retry sends; a refusal of the message is recorded `failed` with its reason.
 *
 * Remaining window, honestly: if SES accepted the message but we never learnt it (the answer lost
 * to a timeout, a reset connection or a 500, the process killed before recording it; the SDK's own
 * retry of a call whose answer was lost), or if DynamoDB refused every attempt at recording `sent`,
 * the record stays `sending` and the first attempt after its lease sends the email again. With a
 * non-idempotent SendEmail this cannot be closed entirely; we chose at-least-once over losing it.
 */
export class Mailer {
  private readonly clock: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly inFlightWaitMs: number;
  private readonly markSentAttempts: number;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly ses: SESClient,
    private readonly table: string,
    private readonly from: string,
    options: MailerOptions = {},
  ) {
    this.clock = options.clock ?? now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.inFlightWaitMs = options.inFlightWaitMs ?? 3000;
    this.markSentAttempts = options.markSentAttempts ?? 5;
  }

  /**
   * `compose` runs only when this call holds the lease, so links with fresh tokens are made only for
   * emails that go out. True when this call sent it; false when it was sent before or SES refused it.
   */
  async sendOnce(input: SendOnceInput): Promise<boolean> {
    const key = keys.email(input.idempotencyKey);
    const ids = { kind: input.kind, applicationId: input.applicationId };
    const claim = await this.claim(key, input);
    if ('done' in claim) {
      log.info(claim.done === 'sent' ? 'email already sent' : 'email refused before, not sent again', ids);
      return false;
    }
    const { owner, leaseUntil } = claim;

    let email: OutgoingEmail;
    try {
      email = await input.compose();
    } catch (error) {
      await this.release(key, owner);
      throw error;
    }
    if (this.clock().getTime() + SEND_TIMEOUT_MS > leaseUntil) {
      // Composing took so long that the send could outlast the lease: another attempt may take over.
      await this.release(key, owner);
      throw new EmailInFlight(`lease of ${input.idempotencyKey} too short to send safely`);
    }

    let messageId: string;
    try {
      messageId = await this.send(input.to, email);
    } catch (error) {
      const outcome = sesOutcome(error);
      const code = error instanceof Error ? error.name : 'Error';
      const reason = error instanceof Error ? error.message : String(error);
      if (outcome === 'refused') {
        log.error('email refused by SES', { ...ids, code, reason });
        await this.markFailed(key, owner, code, reason);
        return false;
      }
      if (outcome === 'not-sent') {
        log.warn('email not sent, lease released for the retry', { ...ids, code });
        await this.release(key, owner);
      } else {
        // SES may have accepted it: keep the lease, the first attempt after it sends (see above).
        log.warn('email outcome unknown, lease kept until it expires', {
          ...ids,
          code,
          leaseUntil: new Date(leaseUntil).toISOString(),
        });
      }
      throw error;
    }

    await this.markSent(key, messageId, ids);
    log.info('email sent', { ...ids, messageId });
    return true;
  }

  /**
   * One call to SES: SendEmail, or SendRawEmail with the MIME message when the email has attachments
   * (SendEmail takes none). SES refuses a raw message over 10 MB: the producers attach less.
   */
  private async send(to: string, email: OutgoingEmail): Promise<string> {
    const options = { abortSignal: AbortSignal.timeout(SEND_TIMEOUT_MS) };
    if (email.attachments?.length) {
      // nodemailer's MIME composer loads for these emails only (the « dossier complet », a release's copy).
      const { rawEmail } = await import('./raw-email.ts');
      const res = await this.ses.send(
        new SendRawEmailCommand({
          Source: this.from,
          Destinations: [to],
          RawMessage: { Data: await rawEmail(this.from, to, email) },
        }),
        options,
      );
      return res.MessageId ?? '';
    }
    const res = await this.ses.send(
      new SendEmailCommand({
        Source: this.from,
        Destination: { ToAddresses: [to] },
        Message: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
        },
      }),
      options,
    );
    return res.MessageId ?? '';
  }

  /** The lease on a new record, or on one whose holder's lease expired; or the final state already recorded. */
  private async claim(
    key: { pk: string; sk: string },
    input: { kind: string; applicationId?: string; now: string; idempotencyKey: string },
  ): Promise<Claim> {
    const owner = randomUUID();
    let waited = 0;
    for (let round = 0; round < 50; round += 1) {
      const at = this.clock().getTime();
      const leaseUntil = at + EMAIL_LEASE_MS;
      const created = await writeIf(() =>
        this.db.send(
          new PutCommand({
            TableName: this.table,
            Item: { ...emailRecordBase(input.idempotencyKey, input), state: 'sending', owner, leaseUntil, attempts: 1 },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      if (created) return { owner, leaseUntil };

      const record = (await this.db.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true })))
        .Item;
      if (!record) continue;
      if (record.state === 'sent' || record.state === 'failed') return { done: record.state };
      // `queued` (by the mail queue's producer: nobody sends it yet), or `sending` whose lease ran
      // out; a record written before leases existed has none: its holder is long gone.
      const lease = record.state === 'queued' || typeof record.leaseUntil !== 'number' ? 0 : record.leaseUntil;
      if (lease <= at) {
        const taken = await writeIf(() =>
          this.db.send(
            new UpdateCommand({
              TableName: this.table,
              Key: key,
              UpdateExpression:
                'SET #state = :sending, #owner = :owner, #lease = :lease, #attempts = if_not_exists(#attempts, :zero) + :one',
              ConditionExpression:
                '#state = :queued OR (#state = :sending AND (attribute_not_exists(#lease) OR #lease <= :now))',
              ExpressionAttributeNames: {
                '#owner': 'owner',
                '#lease': 'leaseUntil',
                '#attempts': 'attempts',
                '#state': 'state',
              },
              ExpressionAttributeValues: {
                ':owner': owner,
                ':lease': leaseUntil,
                ':zero': 0,
                ':one': 1,
                ':sending': 'sending',
                ':queued': 'queued',
                ':now': at,
              },
            }),
          ),
        );
        if (taken) {
          if (record.state === 'sending')
            log.info('email lease taken over', {
              kind: input.kind,
              applicationId: input.applicationId,
              attempts: Number(record.attempts ?? 1) + 1,
            });
          return { owner, leaseUntil };
        }
        continue; // another attempt moved it first: look again
      }
      if (waited >= this.inFlightWaitMs) break;
      const pause = Math.min(POLL_MS, this.inFlightWaitMs - waited, lease - at);
      await this.sleep(pause);
      waited += pause;
    }
    throw new EmailInFlight(`email ${input.idempotencyKey} is being sent by another attempt`);
  }

  /** Gives the email back to the next attempt (nothing was sent). A failure here only delays it to the lease's end. */
  private async release(key: { pk: string; sk: string }, owner: string): Promise<void> {
    await writeIf(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression: 'SET #lease = :zero REMOVE #owner',
          ConditionExpression: '#state = :sending AND #owner = :owner',
          ExpressionAttributeNames: { '#lease': 'leaseUntil', '#owner': 'owner', '#state': 'state' },
          ExpressionAttributeValues: { ':zero': 0, ':owner': owner, ':sending': 'sending' },
        }),
      ),
    ).catch((error: unknown) =>
      log.warn('email lease not released, it will expire', { pk: key.pk, error: String(error) }),
    );
  }

  /**
   * Records SES's MessageId. Unconditional (whoever sent it, it went out) and retried: while the record
   * is `sending`, an attempt after the lease would send again. Never throws: an error here would make
   * the caller retry, which is exactly what must not resend.
   */
  private async markSent(
    key: { pk: string; sk: string },
    messageId: string,
    ids: { kind: string; applicationId?: string },
  ): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: key,
            UpdateExpression: 'SET #state = :sent, #messageId = :messageId, #sentAt = :at REMOVE #lease, #owner',
            ExpressionAttributeNames: {
              '#state': 'state',
              '#messageId': 'messageId',
              '#sentAt': 'sentAt',
              '#lease': 'leaseUntil',
              '#owner': 'owner',
            },
            ExpressionAttributeValues: { ':sent': 'sent', ':messageId': messageId, ':at': this.clock().toISOString() },
          }),
        );
        return;
      } catch (error) {
        if (attempt >= this.markSentAttempts) {
          // The one case left where a later attempt (after the lease) would send it again.
          log.error('email sent but not recorded as sent', { ...ids, pk: key.pk, messageId, error: String(error) });
          return;
        }
        await this.sleep(200 * 2 ** (attempt - 1));
      }
    }
  }

  private async markFailed(
    key: { pk: string; sk: string },
    owner: string,
    code: string,
    reason: string,
  ): Promise<void> {
    await writeIf(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression:
            'SET #state = :failed, #code = :code, #reason = :reason, #failedAt = :at REMOVE #lease, #owner',
          ConditionExpression: '#state = :sending AND #owner = :owner',
          ExpressionAttributeNames: {
            '#state': 'state',
            '#code': 'errorCode',
            '#reason': 'reason',
            '#failedAt': 'failedAt',
            '#lease': 'leaseUntil',
            '#owner': 'owner',
          },
          ExpressionAttributeValues: {
            ':failed': 'failed',
            ':code': code,
            ':reason': reason.slice(0, 1000),
            ':at': this.clock().toISOString(),
            ':owner': owner,
            ':sending': 'sending',
          },
        }),
      ),
    ).catch((error: unknown) =>
      log.error('email refusal not recorded, the next attempt after the lease will try again', {
        pk: key.pk,
        error: String(error),
      }),
    );
  }
}

import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { isErased } from '../adapters/erasure-store.ts';
import { EmailInFlight, Mailer } from '../adapters/mailer.ts';
import type { OutgoingEmail } from '../adapters/raw-email.ts';
import { UndeliverableStore } from '../adapters/undeliverable-store.ts';
import { queuedEmailSchema, type QueuedEmail } from '../domain/queued-email.ts';
import { appContext } from '../services/context.ts';
import { log, logError, withCorrelation, withLambdaLogs } from '../shared/log.ts';
import { recordMetric } from '../shared/metrics.ts';
import { createPacer } from './pacer.ts';
import { sesClient } from '../shared/clients/ses.ts';

/** Throttled sends are retried here first (SES refuses the excess within a second), then by the queue. */
const THROTTLE_RETRY_DELAYS_MS = [1000, 2000, 4000];

let mailer: Mailer | undefined;
let undeliverable: UndeliverableStore | undefined;
const pace = createPacer(Number(process.env.MAIL_SENDS_PER_SECOND ?? 1));

const isThrottling = (error: unknown) => {
  const e = error as { name?: string; $retryable?: { throttling?: boolean } };
  return Boolean(e.$retryable?.throttling) || e.name === 'Throttling' || e.name === 'ThrottlingException';
};

/**
 * The mail queue's consumer (SQS event source, batches of 10, two pollers): sends each message
 * once at this poller's share of SES's rate. A message that could not be sent (SES throttling past
 * the retries here, another attempt holding its lease, an unknown outcome) is reported as a batch
 * item failure: the queue delivers it again after its visibility timeout, and after five receives
 * moves it to the dead-letter queue (alarmed). A sent or refused key is never sent again.
 */
export const handler = withLambdaLogs('mail', async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const ctx = appContext();
  mailer ??= new Mailer(ctx.clients.dynamo, sesClient(), ctx.env.TABLE_NAME, ctx.env.MAIL_FROM);
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const delivered = await withCorrelation({ messageId: record.messageId }, () => deliver(mailer!, record));
    if (!delivered) batchItemFailures.push({ itemIdentifier: record.messageId });
  }
  return { batchItemFailures };
});

/**
 * Why a queued email must not go out any more: its file was erased since (right to erasure, purge,
 * draft deleted: nothing personal may be sent from it), or SES reported the address undeliverable
 * (a permanent bounce or a complaint: writing again would hurt the account's reputation).
 */
async function skipReason(message: QueuedEmail): Promise<string | undefined> {
  const ctx = appContext();
  if (message.applicationId && (await isErased(ctx.clients.dynamo, ctx.env.TABLE_NAME, message.applicationId)))
    return 'file erased';
  undeliverable ??= new UndeliverableStore(ctx.clients.dynamo, ctx.env.TABLE_NAME);
  if (await undeliverable.isUndeliverable(message.to)) return 'address undeliverable';
  return undefined;
}

/**
 * The queued email with its attachments' bytes, only when this attempt holds the send's lease. Few
 * emails carry a file (the receipt, the release's copy): the S3 client loads for them, not at every cold start.
 */
async function withAttachments(message: QueuedEmail): Promise<OutgoingEmail> {
  const { attachments, ...email } = message.email;
  if (!attachments?.length) return email;
  const { readAttachments } = await import('./attachments.ts');
  return { ...email, attachments: await readAttachments(attachments) };
}

/** False when the message must come back (not sent, not final). */
async function deliver(mailer: Mailer, record: SQSRecord): Promise<boolean> {
  let message: QueuedEmail;
  try {
    message = queuedEmailSchema.parse(JSON.parse(record.body));
  } catch (error) {
    // Cannot succeed on any retry: it goes to the dead-letter queue, where the alarm shows it.
    log.error('malformed mail message', { error: logError(error) });
    return false;
  }
  const ids = {
    kind: message.kind,
    applicationId: message.applicationId,
    receiveCount: record.attributes.ApproximateReceiveCount,
  };
  return withCorrelation({ applicationId: message.applicationId }, async () => {
    const skip = await skipReason(message);
    if (skip) {
      log.info(`email dropped: ${skip}`, ids);
      return true;
    }
    for (let attempt = 0; ; attempt += 1) {
      await pace();
      try {
        const sent = await mailer.sendOnce({
          ...message,
          now: message.queuedAt,
          compose: () => withAttachments(message),
        });
        if (sent) recordMetric('EmailSent');
        return true;
      } catch (error) {
        if (isThrottling(error) && attempt < THROTTLE_RETRY_DELAYS_MS.length) {
          await new Promise((resolve) => setTimeout(resolve, THROTTLE_RETRY_DELAYS_MS[attempt]));
          continue;
        }
        const inFlight = error instanceof EmailInFlight;
        log.warn(
          inFlight ? 'email held by another attempt, delivered again later' : 'email not sent, delivered again later',
          { ...ids, error: logError(error) },
        );
        return false;
      }
    }
  });
}

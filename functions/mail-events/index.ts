import type { SNSEvent } from 'aws-lambda';
import { marksUndeliverable, parseSesEvent, snsEventSchema } from '../domain/mail-events.ts';
import { undeliverableExpiresAt } from '../domain/retention.ts';
import { UndeliverableStore } from '../adapters/undeliverable-store.ts';
import { dynamoClient } from '../shared/clients/dynamo.ts';
import { env } from '../shared/env.ts';
import { log, withCorrelation, withLambdaLogs } from '../shared/log.ts';
import { recordMetric } from '../shared/metrics.ts';

let store: UndeliverableStore | undefined;
/** Only the table: this function sends nothing and reads no bucket. */
const undeliverable = () => (store ??= new UndeliverableStore(dynamoClient(), env().TABLE_NAME));

/**
 * SNS subscription to the SES configuration set's bounce and complaint events: counts them
 * (EmailBounced, EmailComplained) and marks each recipient of a permanent bounce or a complaint as
 * undeliverable (functions/domain/mail-events.ts), so that nothing more is sent there and the console
 * shows it on the file. Idempotent: a redelivered event writes nothing new.
 */
export const handler = withLambdaLogs(
  'mail-events',
  async (raw: SNSEvent): Promise<void> => {
    const event = snsEventSchema.parse(raw);
    for (const record of event.Records) {
      await withCorrelation({ snsMessageId: record.Sns.MessageId }, async () => {
        const mail = parseSesEvent(JSON.parse(record.Sns.Message));
        if (!mail) {
          log.info('mail event ignored (neither a bounce nor a complaint)');
          return;
        }
        recordMetric(mail.kind === 'bounce' ? 'EmailBounced' : 'EmailComplained', mail.recipients.length);
        const mark = marksUndeliverable(mail);
        if (mark)
          for (const address of mail.recipients)
            // Forgotten after RETENTION_POLICY.undeliverableMonths (the privacy page says so).
            await undeliverable().markUndeliverable(
              address,
              { kind: mail.kind, at: mail.at },
              undeliverableExpiresAt(mail.at),
            );
        // Counts and SES's ids only: the addresses stay out of the logs.
        log.info('mail event', {
          kind: mail.kind,
          bounceType: mail.bounceType,
          bounceSubType: mail.bounceSubType,
          sesMessageId: mail.messageId,
          recipients: mail.recipients.length,
          marked: mark,
        });
      });
    }
  },
  { correlate: (raw: SNSEvent) => ({ correlation_id: raw.Records?.[0]?.Sns?.MessageId }) },
);

import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Email } from '../domain/emails.ts';
import type { QueuedEmail } from '../domain/queued-email.ts';
import { log } from '../shared/log.ts';
import { emailOutcome } from './mailer.ts';

/**
 * The handlers' way to send an email: composed here, queued, sent by functions/mail at SES's rate,
 * once per idempotency key (the consumer's Mailer.sendOnce record). Queuing the same key twice (a
 * double click, a retried task) is harmless: the second message finds the email sent and is dropped.
 * A key already sent (or refused) is not composed again, so no fresh private link is minted for it.
 */
export class MailQueue {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly sqs: SQSClient,
    private readonly table: string,
    private readonly queueUrl: string | undefined,
  ) {}

  /** True when the email was queued; false when it was sent (or refused) before. */
  async sendOnce(input: {
    idempotencyKey: string;
    to: string;
    compose: () => Promise<Email> | Email;
    applicationId?: string;
    kind: string;
    now: string;
  }): Promise<boolean> {
    if (!this.queueUrl) throw new Error('MAIL_QUEUE_URL manque : cette fonction ne peut pas envoyer d’e-mail (MailQueue.allowQueueing dans la pile)');
    const ids = { kind: input.kind, applicationId: input.applicationId };
    const outcome = await emailOutcome(this.db, this.table, input.idempotencyKey);
    if (outcome) {
      log.info(outcome === 'sent' ? 'email already sent' : 'email refused before, not sent again', ids);
      return false;
    }
    const message: QueuedEmail = {
      idempotencyKey: input.idempotencyKey,
      to: input.to,
      kind: input.kind,
      applicationId: input.applicationId,
      queuedAt: input.now,
      email: await input.compose(),
    };
    const { MessageId } = await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(message) }));
    log.info('email queued', { ...ids, messageId: MessageId });
    return true;
  }
}

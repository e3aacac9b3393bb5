import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { QueuedEmail, QueuedEmailContent } from '../domain/queued-email.ts';
import { now } from '../shared/clock.ts';
import { log } from '../shared/log.ts';
import { writeIf } from './conditional-write.ts';
import { keys } from './keys.ts';
import { emailRecordBase, type SendOnceInput } from './mailer.ts';

/**
 * A `queued` record older than this whose email never went out is queued again: its producer may
 * have died between the record and the message. Far above the queue's usual wait (seconds), and a
 * message queued twice is still sent once (the consumer's record).
 */
export const REQUEUE_AFTER_MS = 15 * 60_000;

/**
 * The handlers' way to send an email: composed here, queued, sent by functions/mail at SES's rate,
 * once per idempotency key. The key's send record is written `queued` first, conditionally: of two
 * simultaneous attempts (a double click, a retried task) one queues it and says so, the other is
 * told it is already on its way; a key already sent (or refused) is not composed again, so no fresh
 * private link is minted for it. The consumer (Mailer.sendOnce) takes the record from `queued`.
 */
export class MailQueue {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly sqs: SQSClient,
    private readonly table: string,
    private readonly queueUrl: string | undefined,
  ) {}

  /**
   * True when this call queued the email; false when it was queued, sent or refused before. Its
   * attachments travel as keys of the uploads bucket (an SQS message holds at most 256 KB).
   */
  async sendOnce(input: SendOnceInput<QueuedEmailContent>): Promise<boolean> {
    if (!this.queueUrl)
      throw new Error(
        'MAIL_QUEUE_URL manque\u00a0: cette fonction ne peut pas envoyer d’e-mail (MailQueue.allowQueueing dans la pile)',
      );
    const ids = { kind: input.kind, applicationId: input.applicationId };
    const queuedAt = now().getTime();
    if (!(await this.claim(input, queuedAt))) {
      log.info('email already queued or sent', ids);
      return false;
    }
    try {
      const message: QueuedEmail = {
        idempotencyKey: input.idempotencyKey,
        to: input.to,
        kind: input.kind,
        applicationId: input.applicationId,
        queuedAt: input.now,
        email: await input.compose(),
      };
      const { MessageId } = await this.sqs.send(
        new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(message) }),
      );
      log.info('email queued', { ...ids, messageId: MessageId });
      return true;
    } catch (error) {
      // Nothing was queued: the next attempt (the caller's retry) must be able to queue it.
      await writeIf(() =>
        this.db.send(
          new DeleteCommand({
            TableName: this.table,
            Key: keys.email(input.idempotencyKey),
            ConditionExpression: '#state = :queued AND queuedAt = :mine',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':queued': 'queued', ':mine': queuedAt },
          }),
        ),
      ).catch((cleanup: unknown) =>
        log.warn('queued mark not removed, requeued after its delay', { ...ids, error: String(cleanup) }),
      );
      throw error;
    }
  }

  /** The right to queue the key: a new `queued` record, or one left `queued` too long ago. */
  private async claim(
    input: { idempotencyKey: string; kind: string; applicationId?: string; now: string },
    queuedAt: number,
  ): Promise<boolean> {
    const key = keys.email(input.idempotencyKey);
    const created = await writeIf(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...emailRecordBase(input.idempotencyKey, input), state: 'queued', queuedAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    if (created) return true;
    const record = (await this.db.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }))).Item;
    if (record?.state !== 'queued' || Number(record.queuedAt ?? 0) > queuedAt - REQUEUE_AFTER_MS) return false;
    return writeIf(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression: 'SET queuedAt = :mine',
          ConditionExpression: '#state = :queued AND queuedAt = :seen',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':queued': 'queued', ':mine': queuedAt, ':seen': record.queuedAt },
        }),
      ),
    );
  }
}

import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import type { Email } from '../domain/emails.ts';
import { log } from '../shared/log.ts';
import { isConditionFailure } from './conditional-write.ts';
import { keys } from './keys.ts';

/**
 * Sends each email at most once per idempotency key (application + kind + version): a conditional
 * record is written before sending. If SES fails the record is removed and the error rethrown so the
 * caller's retry sends it; if the process dies after sending, the record stays and nobody gets it twice.
 */
export class Mailer {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly ses: SESClient,
    private readonly table: string,
    private readonly from: string,
  ) {}

  /** `compose` runs only when this key was never sent, so links with fresh tokens are made only for emails that go out. */
  async sendOnce(input: {
    idempotencyKey: string;
    to: string;
    compose: () => Promise<Email> | Email;
    applicationId?: string;
    kind: string;
    now: string;
  }): Promise<boolean> {
    const key = keys.email(input.idempotencyKey);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...key, state: 'sending', kind: input.kind, applicationId: input.applicationId, at: input.now },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) {
        log.info('email already sent', { kind: input.kind, applicationId: input.applicationId });
        return false;
      }
      throw error;
    }
    try {
      const email = await input.compose();
      const res = await this.ses.send(
        new SendEmailCommand({
          Source: this.from,
          Destination: { ToAddresses: [input.to] },
          Message: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
          },
        }),
      );
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression: 'SET #state = :sent, messageId = :id',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sent': 'sent', ':id': res.MessageId ?? '' },
        }),
      );
      log.info('email sent', { kind: input.kind, applicationId: input.applicationId, messageId: res.MessageId });
      return true;
    } catch (error) {
      await this.db.send(new DeleteCommand({ TableName: this.table, Key: key }));
      throw error;
    }
  }
}

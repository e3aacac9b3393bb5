import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { functionNameOf, replayOf, type RedriveSummary } from '../domain/failed-event.ts';
import { log } from '../shared/log.ts';

export interface FailedQueues {
  /** Lambda's on-failure destination of the functions (infra/stack.ts FailedEvents). */
  failedEvents: string;
  /** The mail queue's dead-letter queue, and the queue its messages go back to. */
  mailDeadLetters: string;
  mail: string;
}

/**
 * The queues where failures wait for a person: how many messages each holds, and the redrive that
 * replays them after a fix. Replays are idempotent by the handlers' design (an S3 event recorded
 * twice changes nothing, an email key is sent once), so a redrive run twice does no harm.
 */
export class FailedEvents {
  constructor(
    private readonly sqs: SQSClient,
    private readonly lambda: LambdaClient,
    private readonly queues: FailedQueues,
    /** Functions a replay may invoke (the role's grant says the same). */
    private readonly replayable: Set<string>,
  ) {}

  async counts(): Promise<{ failedEvents: number; mailDeadLetters: number }> {
    const count = async (QueueUrl: string) => {
      const { Attributes = {} } = await this.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return (
        Number(Attributes.ApproximateNumberOfMessages ?? 0) +
        Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0)
      );
    };
    const [failedEvents, mailDeadLetters] = await Promise.all([
      count(this.queues.failedEvents),
      count(this.queues.mailDeadLetters),
    ]);
    return { failedEvents, mailDeadLetters };
  }

  /**
   * One pass over both queues, within `budgetMs`: each received message is handled once (a message
   * left in the queue stays invisible until its visibility timeout, so it is not met twice).
   */
  async redrive(budgetMs: number): Promise<RedriveSummary> {
    const summary: RedriveSummary = { replayed: 0, failedAgain: 0, skipped: 0, emailsRequeued: 0 };
    const until = Date.now() + budgetMs;
    await this.drain(this.queues.failedEvents, until, async (message) => {
      const replay = replayOf(message.Body ?? '');
      if (!replay || !this.replayable.has(functionNameOf(replay.functionArn))) {
        summary.skipped += 1;
        return false;
      }
      const answer = await this.lambda.send(
        new InvokeCommand({
          FunctionName: replay.functionArn,
          InvocationType: 'RequestResponse',
          Payload: new TextEncoder().encode(JSON.stringify(replay.payload)),
        }),
      );
      if (answer.FunctionError) {
        log.warn('replay failed again', {
          function: functionNameOf(replay.functionArn),
          previousError: replay.lastError,
        });
        summary.failedAgain += 1;
        return false;
      }
      summary.replayed += 1;
      return true;
    });
    await this.drain(this.queues.mailDeadLetters, until, async (message) => {
      await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queues.mail, MessageBody: message.Body ?? '' }));
      summary.emailsRequeued += 1;
      return true;
    });
    log.info('redrive done', { ...summary });
    return summary;
  }

  /** Receives until the queue answers empty or time is up; deletes each message `handle` says is done. */
  private async drain(QueueUrl: string, until: number, handle: (message: Message) => Promise<boolean>): Promise<void> {
    while (Date.now() < until) {
      const { Messages = [] } = await this.sqs.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      if (Messages.length === 0) return;
      for (const message of Messages) {
        if (await handle(message))
          await this.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle! }));
      }
    }
  }
}

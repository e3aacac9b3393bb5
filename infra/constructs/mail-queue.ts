import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AppFunction } from './app-function.ts';

/** Lambda's SQS pollers for the consumer: AWS's minimum for MaximumConcurrency. */
export const MAIL_CONSUMER_CONCURRENCY = 2;
const CONSUMER_TIMEOUT = Duration.seconds(60);

export interface MailQueueProps {
  environment: Record<string, string>;
  failedEvents: sqs.IQueue;
  table: dynamodb.ITable;
  /** Grants the consumer what SES checks on a send (the identity and its configuration set). */
  allowSending: (fn: AppFunction) => void;
  /** SES's account send rate (emails per second), shared by the consumer's pollers. */
  sendRate: number;
}

/**
 * Every automated email goes through one queue, sent by one consumer at SES's send rate: « all
 * decisions at once », the reminders and a spike of vote links wait in the queue instead of being
 * throttled, and a public request never waits on SES. The consumer sends each message once
 * (Mailer.sendOnce's record), retries a throttled send, and gives up on a message only after
 * maxReceiveCount receives: it then lands in the dead-letter queue, which an alarm watches.
 */
export class MailQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetters: sqs.Queue;
  readonly consumer: AppFunction;

  constructor(scope: Construct, id: string, props: MailQueueProps) {
    super(scope, id);
    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      // AWS's advice for a queue behind Lambda: at least six times the function's timeout.
      visibilityTimeout: Duration.seconds(CONSUMER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 5 },
    });
    this.consumer = new AppFunction(this, 'Consumer', {
      entry: 'mail',
      description: 'Envoi des e-mails en file, au débit autorisé par SES',
      environment: {
        ...props.environment,
        // Each poller's share of the account's rate: together they never exceed it.
        MAIL_SENDS_PER_SECOND: String(props.sendRate / MAIL_CONSUMER_CONCURRENCY),
      },
      failedEvents: props.failedEvents,
      timeout: CONSUMER_TIMEOUT,
    });
    this.consumer.useTable(props.table, 'readWrite');
    props.allowSending(this.consumer);
    this.consumer.fn.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        maxConcurrency: MAIL_CONSUMER_CONCURRENCY,
        reportBatchItemFailures: true,
      }),
    );
  }

  /** Lets a function queue emails (it no longer talks to SES). */
  allowQueueing(fn: AppFunction): void {
    fn.allow(['sqs:SendMessage'], [this.queue.queueArn]);
    fn.fn.addEnvironment('MAIL_QUEUE_URL', this.queue.queueUrl);
  }
}

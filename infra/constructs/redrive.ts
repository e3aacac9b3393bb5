import { Duration } from 'aws-cdk-lib';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AppFunction } from './app-function.ts';
import type { MailQueue } from './mail-queue.ts';

export interface RedriveProps {
  environment: Record<string, string>;
  failedEvents: sqs.IQueue;
  mail: MailQueue;
  /** Its fixed name: `npm run redrive -- --aws` invokes it by name (infra/redrive.ts). */
  functionName: string;
}

/**
 * Replays failures after a fix: the failed-events queue's invocations (run again, with the same
 * payload) and the mail dead-letter queue's emails (back to the mail queue). Invoked by
 * `npm run redrive` and by the console (« Relancer »); counts for the console's dashboard.
 */
export class Redrive extends Construct {
  readonly function: AppFunction;

  constructor(scope: Construct, id: string, props: RedriveProps) {
    super(scope, id);
    this.function = new AppFunction(this, 'Function', {
      entry: 'redrive',
      description: 'Rejoue les traitements en échec et remet en file les e-mails non envoyés',
      environment: {
        ...props.environment,
        FAILED_EVENTS_QUEUE_URL: props.failedEvents.queueUrl,
        MAIL_DEAD_LETTERS_QUEUE_URL: props.mail.deadLetters.queueUrl,
        MAIL_QUEUE_URL: props.mail.queue.queueUrl,
      },
      failedEvents: props.failedEvents,
      functionName: props.functionName,
      timeout: Duration.minutes(5),
    });
    this.function.allow(
      ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
      [props.failedEvents.queueArn, props.mail.deadLetters.queueArn],
    );
    this.function.allow(['sqs:SendMessage'], [props.mail.queue.queueArn]);
  }

  /** The functions whose failed asynchronous invocations it may replay (invoke grant + its list). */
  replays(functions: AppFunction[]): void {
    this.function.allow(
      ['lambda:InvokeFunction'],
      functions.map((f) => f.fn.functionArn),
    );
    this.function.fn.addEnvironment('REPLAYABLE_FUNCTIONS', functions.map((f) => f.fn.functionName).join(','));
  }
}

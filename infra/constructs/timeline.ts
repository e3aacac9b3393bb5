import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { acknowledge, nagResourceName } from '../nag.ts';
import { AppFunction } from './app-function.ts';
import { logRetention } from './retention.ts';

/**
 * The campaign timeline: one Standard execution per campaign (and dates version), from the
 * opening to the voting close. JSONPath only, Lambda tasks, Waits on timestamps taken from the plan
 * the first task computes. No JSONata and no `Assign` (aws-local-stepfunctions silently ignores
 * both, and a unit test walks the ASL to keep them out). Every task that follows a Wait receives
 * `dueAt`, the very path that Wait used: locally the task is held until the simulated clock gets
 * there (infra/local/stepfunctions.ts), and every task is idempotent (functions/timeline/).
 */

const P = sfn.JsonPath;

/** Errors of Lambda itself (throttling, service), plus the function's own failures. */
const TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'States.TaskFailed',
];

/** Builds the ASL (exported so the unit tests can synthesize it without the whole stack). */
export function timelineDefinition(scope: Construct, fn: lambda.IFunction): sfn.IChainable {
  const task = (
    id: string,
    action: string,
    options: { extra?: Record<string, unknown>; resultPath?: string; comment?: string } = {},
  ) => {
    const state = new tasks.LambdaInvoke(scope, id, {
      lambdaFunction: fn,
      // The function's own JSON is the result (no {Payload: …} envelope): the same ASL runs locally.
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      payload: sfn.TaskInput.fromObject({
        action,
        campaignId: P.stringAt('$.campaignId'),
        datesVersion: P.numberAt('$.datesVersion'),
        ...options.extra,
      }),
      resultPath: options.resultPath ?? P.DISCARD,
      comment: options.comment,
    });
    // Retriers are scanned in order: a superseded execution is never retried; files still being
    // checked at the close are waited for; anything else is retried a few times with backoff.
    state.addRetry({ errors: ['Superseded'], maxAttempts: 0 });
    state.addRetry({
      errors: ['FilesStillProcessing'],
      interval: Duration.seconds(30),
      maxAttempts: 6,
      backoffRate: 1.5,
    });
    state.addRetry({
      errors: TRANSIENT_ERRORS,
      interval: Duration.seconds(5),
      maxAttempts: 4,
      backoffRate: 2,
      jitterStrategy: sfn.JitterType.FULL,
    });
    return state;
  };
  const wait = (id: string, path: string, comment: string) =>
    new sfn.Wait(scope, id, { time: sfn.WaitTime.timestampPath(path), comment });

  const failed = new sfn.Fail(scope, 'Failed', { errorPath: '$.error.Error', causePath: '$.error.Cause' });
  const reportFailure = task('ReportFailure', 'report-failure', {
    extra: { error: P.objectAt('$.error'), execution: P.stringAt('$$.Execution.Name') },
    comment: 'Emails the team once, then the execution fails.',
  }).next(failed);
  const superseded = new sfn.Succeed(scope, 'Superseded', {
    comment: 'The dates changed: a newer execution of this campaign carries on.',
  });
  const guarded = <T extends tasks.LambdaInvoke | sfn.Map>(state: T): T => {
    state.addCatch(superseded, { errors: ['Superseded'] });
    state.addCatch(reportFailure, { errors: ['States.ALL'], resultPath: '$.error' });
    return state;
  };

  const plan = guarded(task('Plan', 'plan', { resultPath: '$.plan', comment: 'The instants to wait for, in UTC.' }));

  /** One plan date after the other (`$.plan.<list>`), each item waiting for its own `at`. */
  const eachDate = (id: string, itemsPath: string, item: Record<string, unknown> = {}) =>
    guarded(
      new sfn.Map(scope, id, {
        itemsPath,
        itemSelector: {
          campaignId: P.stringAt('$.campaignId'),
          datesVersion: P.numberAt('$.datesVersion'),
          at: P.stringAt('$$.Map.Item.Value.at'),
          ...item,
        },
        maxConcurrency: 1,
        resultPath: P.DISCARD,
      }),
    );

  const reminders = eachDate('Reminders', '$.plan.reminders', { offset: P.numberAt('$$.Map.Item.Value.offset') });
  reminders.itemProcessor(
    wait('WaitReminder', '$.at', 'N days before the deadline, 09:00 Paris.').next(
      task('SendReminder', 'remind', { extra: { offset: P.numberAt('$.offset'), dueAt: P.stringAt('$.at') } }),
    ),
  );

  const waitNotification = wait(
    'WaitNotification',
    '$.plan.notification',
    'The notification date, then each re-check.',
  );
  const checkDecisions = guarded(
    task('CheckDecisions', 'check-decisions', {
      extra: { dueAt: P.stringAt('$.plan.notification') },
      resultPath: '$.decisions',
    }),
  );
  const notifyDecisions = guarded(
    task('NotifyDecisions', 'notify', {
      extra: { dueAt: P.stringAt('$.plan.notification') },
      comment: 'Every decision at once.',
    }),
  );
  const alertUndecided = guarded(
    task('AlertUndecided', 'alert-undecided', {
      extra: { dueAt: P.stringAt('$.plan.notification') },
      resultPath: '$.plan.notification',
      comment: 'Tells the team; returns the next check time.',
    }),
  );

  const validationReminders = eachDate('ValidationReminders', '$.plan.validationReminders');
  validationReminders.itemProcessor(
    wait('WaitValidationReminder', '$.at', 'Weekly, 09:00 Paris.').next(
      task('SendValidationReminder', 'validation-reminder', { extra: { dueAt: P.stringAt('$.at') } }),
    ),
  );

  const afterDecisions = sfn.Chain.start(notifyDecisions)
    .next(validationReminders)
    .next(wait('WaitValidationEnd', '$.plan.closeValidation', 'The first second after the validation end.'))
    .next(
      guarded(task('CloseValidation', 'close-validation', { extra: { dueAt: P.stringAt('$.plan.closeValidation') } })),
    )
    .next(wait('WaitLaunch', '$.plan.launch', 'The launch date.'))
    .next(
      guarded(
        task('Launch', 'launch', {
          extra: { dueAt: P.stringAt('$.plan.launch') },
          comment: 'Publication pending, participants told.',
        }),
      ),
    )
    .next(wait('WaitVotingClose', '$.plan.closeVoting', 'The first second after the voting close.'))
    .next(guarded(task('CloseVoting', 'close-voting', { extra: { dueAt: P.stringAt('$.plan.closeVoting') } })))
    .next(new sfn.Succeed(scope, 'Done'));

  alertUndecided.next(waitNotification);
  return sfn.Chain.start(plan)
    .next(reminders)
    .next(wait('WaitDeadline', '$.plan.close', 'The first second after the deadline.'))
    .next(guarded(task('CloseApplications', 'close', { extra: { dueAt: P.stringAt('$.plan.close') } })))
    .next(waitNotification)
    .next(checkDecisions)
    .next(
      new sfn.Choice(scope, 'AllDecided')
        .when(sfn.Condition.booleanEquals('$.decisions.allDecided', true), afterDecisions)
        .otherwise(alertUndecided),
    );
}

export interface TimelineProps {
  environment: Record<string, string>;
  failedEvents: sqs.IQueue;
  table: dynamodb.ITable;
  /** Lets the timeline's function send its emails (through the mail queue). */
  allowMail: (fn: AppFunction) => void;
}

export class Timeline extends Construct {
  readonly function: AppFunction;
  readonly stateMachine: sfn.StateMachine;
  /** Built from the machine's name (not a Ref): the local stack resolves it to the same ARN its emulator serves. */
  readonly stateMachineArn: string;
  /** The executions of this machine (they are named at run time: `<campaignId>-v<datesVersion>`). */
  readonly executionArns: string;

  constructor(scope: Construct, id: string, props: TimelineProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.function = new AppFunction(this, 'Function', {
      entry: 'timeline',
      description: 'Calendrier des campagnes : relances, clôture, décisions, validation, lancement, votes',
      environment: props.environment,
      failedEvents: props.failedEvents,
      timeout: Duration.minutes(5),
    });
    this.function.useTable(props.table, 'readWrite');
    props.allowMail(this.function);

    const name = `${stack.stackName}-Timeline`;
    const logGroup = new logs.LogGroup(this, 'Logs', {
      // The vended-logs prefix keeps CloudWatch's resource policy small (AWS's advice for Step Functions).
      logGroupName: `/aws/vendedlogs/states/${name}`,
      retention: logRetention(),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: name,
      stateMachineType: sfn.StateMachineType.STANDARD,
      comment: "Calendrier d'une campagne, de l'ouverture à la clôture des votes",
      definitionBody: sfn.DefinitionBody.fromChainable(timelineDefinition(this, this.function.fn)),
      // Execution data holds ids, instants and counts only: task results carry no personal data.
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });
    this.stateMachineArn = stack.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: name,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.executionArns = stack.formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${name}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });

    const role = this.stateMachine.role;
    acknowledge(
      role,
      `IAM5[Resource::${nagResourceName(this, `${this.function.fn.functionArn}:*`)}]`,
      "Added by CDK's LambdaInvoke: the versions and aliases of the timeline function, the only function this machine invokes.",
    );
    acknowledge(
      role,
      'IAM5[Resource::*]',
      'CloudWatch Logs delivery (CreateLogDelivery…) and X-Ray (PutTraceSegments…) actions support no resource-level permissions.',
    );
  }
}

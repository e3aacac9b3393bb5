import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { walkStates } from '../../infra/local/stepfunctions.ts';

type Resource = { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
type State = Record<string, unknown> & { Type: string };

let template: Template;
let resources: Record<string, Resource>;
let machineId: string;
let asl: { StartAt: string; States: Record<string, State> };
const states = new Map<string, State>();

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const policyOfRole = (roleId: string) =>
  ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
const functionId = (entry: string) =>
  ofType('AWS::Lambda::Function').find(([, f]) => f.Metadata?.['avenir:entry'] === entry)![0];

beforeAll(() => {
  const { stack } = buildApp(
    new App({
      context: { 'avenir:mailFrom': 'Avenir <noreply@example.org>', 'avenir:adminEmail': 'equipe@example.org' },
    }),
  );
  template = Template.fromStack(stack);
  resources = (template.toJSON() as { Resources: Record<string, Resource> }).Resources;
  [[machineId]] = ofType('AWS::StepFunctions::StateMachine') as [[string, Resource]];
  const parts = (resources[machineId]!.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] })[
    'Fn::Join'
  ][1];
  asl = JSON.parse(
    parts
      .map((p) =>
        typeof p === 'string'
          ? p
          : `arn:aws:lambda:eu-west-3:111111111111:function:${(p as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]}`,
      )
      .join(''),
  );
  walkStates(asl as never, (name, state) => states.set(name, state as State));
});

describe('the timeline state machine', () => {
  it('is one Standard machine, logging everything to its log group, traced', () => {
    expect(ofType('AWS::StepFunctions::StateMachine')).toHaveLength(1);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'Avenir-Timeline',
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: {
        Level: 'ALL',
        Destinations: [
          {
            CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TimelineLogs'), 'Arn'] } },
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/vendedlogs/states/Avenir-Timeline',
      RetentionInDays: 365,
    });
  });

  it('goes from the plan to the voting close through every step', () => {
    expect(asl.StartAt).toBe('Plan');
    expect([...states.keys()].sort()).toEqual(
      [
        'Plan',
        'Reminders',
        'WaitReminder',
        'SendReminder',
        'WaitDeadline',
        'CloseApplications',
        'WaitNotification',
        'CheckDecisions',
        'AllDecided',
        'AlertUndecided',
        'NotifyDecisions',
        'ValidationReminders',
        'WaitValidationReminder',
        'SendValidationReminder',
        'WaitValidationEnd',
        'CloseValidation',
        'WaitLaunch',
        'Launch',
        'WaitVotingClose',
        'CloseVoting',
        'Done',
        'ReportFailure',
        'Failed',
        'Superseded',
      ].sort(),
    );
    const order: string[] = [];
    for (
      let name: string | undefined = 'Plan';
      name;
      name = (states.get(name)!.Next ?? (states.get(name)!.Type === 'Choice' ? 'NotifyDecisions' : undefined)) as
        string | undefined
    )
      order.push(name);
    expect(order).toEqual([
      'Plan',
      'Reminders',
      'WaitDeadline',
      'CloseApplications',
      'WaitNotification',
      'CheckDecisions',
      'AllDecided',
      'NotifyDecisions',
      'ValidationReminders',
      'WaitValidationEnd',
      'CloseValidation',
      'WaitLaunch',
      'Launch',
      'WaitVotingClose',
      'CloseVoting',
      'Done',
    ]);
  });

  it('waits on timestamp paths of the plan', () => {
    const waits = Object.fromEntries(
      [...states].filter(([, s]) => s.Type === 'Wait').map(([n, s]) => [n, s.TimestampPath]),
    );
    expect(waits).toEqual({
      WaitReminder: '$.at',
      WaitDeadline: '$.plan.close',
      WaitNotification: '$.plan.notification',
      WaitValidationReminder: '$.at',
      WaitValidationEnd: '$.plan.closeValidation',
      WaitLaunch: '$.plan.launch',
      WaitVotingClose: '$.plan.closeVoting',
    });
  });

  it('has Retry on every task and Catch → ReportFailure on every top-level task and Map; no JSONata, no variables', () => {
    for (const [name, state] of [...states].filter(([, s]) => s.Type === 'Task')) {
      expect((state.Retry as unknown[]).length, name).toBeGreaterThanOrEqual(2);
      expect(state.Resource, name).toBe(`arn:aws:lambda:eu-west-3:111111111111:function:${functionId('timeline')}`);
    }
    for (const [name, state] of Object.entries(asl.States).filter(
      ([n, s]) => (s.Type === 'Task' || s.Type === 'Map') && n !== 'ReportFailure',
    )) {
      expect(
        (state.Catch as { Next: string }[]).map((c) => c.Next),
        name,
      ).toEqual(['Superseded', 'ReportFailure']);
    }
    const text = JSON.stringify(resources[machineId]!.Properties.DefinitionString);
    expect(text).not.toMatch(/QueryLanguage|JSONata|"Assign"|\{%/);
  });
});

describe('timeline permissions', () => {
  it('lets the state machine invoke the timeline function and nothing else', () => {
    const roleId = (resources[machineId]!.Properties.RoleArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
    const statements = policyOfRole(roleId);
    const invoke = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('lambda:')));
    expect(invoke).toHaveLength(1);
    expect(invoke[0]!.Action).toBe('lambda:InvokeFunction');
    const fn = functionId('timeline');
    expect(invoke[0]!.Resource).toEqual([
      { 'Fn::GetAtt': [fn, 'Arn'] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [fn, 'Arn'] }, ':*']] },
    ]);
    const services = new Set(statements.flatMap((s) => [s.Action].flat()).map((a) => a.split(':')[0]));
    expect([...services].sort()).toEqual(['lambda', 'logs', 'xray']);
    expect(statements.flatMap((s) => [s.Action].flat()).filter((a) => a.includes('*'))).toEqual([]);
  });

  it('lets the admin API start its executions and stop or describe them, nothing more of Step Functions', () => {
    const roleId = (resources[functionId('admin-api')]!.Properties.Role as { 'Fn::GetAtt': string[] })[
      'Fn::GetAtt'
    ][0]!;
    const states = policyOfRole(roleId).filter((s) => [s.Action].flat().some((a) => a.startsWith('states:')));
    expect(states.map((s) => s.Action)).toEqual([
      'states:StartExecution',
      ['states:StopExecution', 'states:DescribeExecution'],
    ]);
    expect(states[0]!.Resource).toEqual({ Ref: machineId });
    expect(JSON.stringify(states[1]!.Resource)).toContain(':execution:Avenir-Timeline:*');
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          TIMELINE_ARN: {
            'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':stateMachine:Avenir-Timeline$')])],
          },
        }),
      },
    });
  });

  it('gives the timeline function the table, the mail queue, the team address and the publish function only', () => {
    const fn = resources[functionId('timeline')]!;
    expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
      ADMIN_EMAIL: 'equipe@example.org',
      TABLE_NAME: expect.anything(),
    });
    const roleId = (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
    const actions = policyOfRole(roleId).flatMap((s) => [s.Action].flat());
    expect(actions.filter((a) => a.startsWith('states:'))).toEqual([]);
    // It publishes by invoking the publish function (test/infra/stack.test.ts): no bucket, no CloudFront of its own.
    expect(actions.filter((a) => a.startsWith('lambda:'))).toEqual(['lambda:InvokeFunction']);
    expect(actions.filter((a) => /^(s3|cloudfront):/.test(a))).toEqual([]);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem', 'sqs:SendMessage']));
    // Its emails go through the mail queue: only the queue's consumer talks to SES.
    expect(actions.filter((a) => a.startsWith('ses:'))).toEqual([]);
  });
});

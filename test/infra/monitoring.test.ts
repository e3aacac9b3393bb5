import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/app.ts';
import { readDeployConfig } from '../../infra/config.ts';
import { USD_PER_EUR } from '../../infra/constructs/monitoring.ts';
import { BUSINESS_METRICS } from '../../functions/domain/metric-names.ts';

/**
 * Operations in the synthesized template (infra/constructs/monitoring.ts, infra/constructs/mail.ts):
 * the alarm topic and its subscriptions, one alarm per failure mode with a French description and
 * the topic as action, the dashboard reading the business metrics' names, the monthly budget, and
 * SES's configuration set whose bounces and complaints reach the mail-events function.
 */

type Resource = { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> };
type Json = { Resources: Record<string, Resource>; Outputs?: Record<string, { Value: unknown; Description?: string }> };

const BASE = { 'avenir:mailFrom': 'Avenir <noreply@example.org>', 'avenir:adminEmail': 'admin@example.org' };
const synth = (context: Record<string, unknown> = {}) =>
  Template.fromStack(buildApp(new App({ context: { ...BASE, ...context } })).stack).toJSON() as Json;

let json: Json;
beforeAll(() => {
  json = synth({ 'avenir:alertEmail': 'tech@example.org' });
});

const resourcesOf = (template: Json, type: string) =>
  Object.entries(template.Resources).filter(([, r]) => r.Type === type);
const idOf = (template: Json, type: string, match: (id: string, r: Resource) => boolean) => {
  const found = resourcesOf(template, type).filter(([id, r]) => match(id, r));
  expect(found, type).toHaveLength(1);
  return found[0]![0];
};
const alarmTopicId = () => idOf(json, 'AWS::SNS::Topic', (id) => id.startsWith('MonitoringAlarms'));
const alarms = () => resourcesOf(json, 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties);
/** The alarms watching a metric (alone, or inside the alarm's metric math). */
const alarmsOn = (namespace: string, metricName: string) =>
  alarms().filter((a) =>
    a.Namespace === namespace && a.MetricName === metricName
      ? true
      : (
          (a.Metrics as { MetricStat?: { Metric: { Namespace: string; MetricName: string } } }[] | undefined) ?? []
        ).some((m) => m.MetricStat?.Metric.Namespace === namespace && m.MetricStat.Metric.MetricName === metricName),
  );
const entryFunctions = () => resourcesOf(json, 'AWS::Lambda::Function').filter(([, f]) => f.Metadata?.['avenir:entry']);

describe('alarm topic', () => {
  it('is encrypted, TLS-only, and emails the team and the second address', () => {
    const topic = alarmTopicId();
    expect(json.Resources[topic]!.Properties.KmsMasterKeyId).toBeDefined();
    const subscriptions = resourcesOf(json, 'AWS::SNS::Subscription')
      .map(([, s]) => s.Properties)
      .filter((s) => JSON.stringify(s.TopicArn) === JSON.stringify({ Ref: topic }));
    expect(subscriptions.map((s) => [s.Protocol, s.Endpoint]).sort()).toEqual([
      ['email', 'admin@example.org'],
      ['email', 'tech@example.org'],
    ]);
    const policies = resourcesOf(json, 'AWS::SNS::TopicPolicy').map(([, p]) => JSON.stringify(p.Properties));
    expect(policies.some((p) => p.includes(topic) && p.includes('aws:SecureTransport'))).toBe(true);
    // CloudWatch may publish with the topic's key.
    const [, key] = resourcesOf(json, 'AWS::KMS::Key')[0]!;
    expect(JSON.stringify(key.Properties.KeyPolicy)).toContain('cloudwatch.amazonaws.com');
    expect(key.Properties.EnableKeyRotation).toBe(true);
  });

  it('without avenir:alertEmail, emails the team only', () => {
    const plain = synth();
    const emails = resourcesOf(plain, 'AWS::SNS::Subscription').filter(([, s]) => s.Properties.Protocol === 'email');
    expect(emails.map(([, s]) => s.Properties.Endpoint)).toEqual(['admin@example.org']);
  });
});

describe('alarms', () => {
  it('every alarm explains in French what it means and what to do, and notifies the topic', () => {
    const all = alarms();
    expect(all.length).toBeGreaterThanOrEqual(20);
    for (const alarm of all) {
      const description = String(alarm.AlarmDescription);
      expect(description, String(alarm.AlarmName)).toMatch(/\nQue faire : /);
      expect(description).toMatch(/[éèàêç]/);
      expect(alarm.AlarmActions).toEqual([{ Ref: alarmTopicId() }]);
      expect(alarm.TreatMissingData).toBe('notBreaching');
      // The stack's name, in ASCII (the email's subject).
      expect(String(alarm.AlarmName)).toMatch(/^Avenir - [\x20-\x7e]+$/);
    }
    expect(new Set(all.map((a) => a.AlarmName)).size).toBe(all.length);
  });

  it('watches the failed-events queue: one message is enough', () => {
    const [queueAlarm] = alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible');
    const failedEvents = idOf(json, 'AWS::SQS::Queue', (id) => id.startsWith('FailedEvents'));
    expect(queueAlarm).toMatchObject({
      Threshold: 1,
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [failedEvents, 'QueueName'] } }],
    });
  });

  it('watches every function for errors and throttles', () => {
    const functions = entryFunctions();
    expect(functions.map(([, f]) => f.Metadata!['avenir:entry'])).toEqual(
      expect.arrayContaining(['api', 'admin-api', 'photo', 'release', 'publish', 'timeline', 'mail-events']),
    );
    for (const metric of ['Errors', 'Throttles']) {
      const watched = alarmsOn('AWS/Lambda', metric).map((a) => JSON.stringify(a.Dimensions));
      for (const [id] of functions)
        expect(watched, `${metric} ${id}`).toContain(JSON.stringify([{ Name: 'FunctionName', Value: { Ref: id } }]));
    }
  });

  it('watches the timeline for failed and timed-out executions', () => {
    const machine = idOf(json, 'AWS::StepFunctions::StateMachine', () => true);
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
      expect(
        alarmsOn('AWS/States', metric).map((a) => a.Dimensions),
        metric,
      ).toEqual([[{ Name: 'StateMachineArn', Value: { Ref: machine } }]]);
    }
  });

  it('watches the share of 5xx answers of the HTTP API', () => {
    const [api] = alarmsOn('AWS/ApiGateway', '5xx');
    expect(api!.Threshold).toBe(5);
    const metrics = api!.Metrics as {
      Expression?: string;
      MetricStat?: { Metric: { MetricName: string; Dimensions: unknown } };
    }[];
    expect(metrics.find((m) => m.Expression)?.Expression).toMatch(/100 \* errors \/ requests/);
    const httpApi = idOf(json, 'AWS::ApiGatewayV2::Api', () => true);
    expect(
      metrics
        .filter((m) => m.MetricStat)
        .map((m) => [m.MetricStat!.Metric.MetricName, m.MetricStat!.Metric.Dimensions]),
    ).toEqual([
      ['5xx', [{ Name: 'ApiId', Value: { Ref: httpApi } }]],
      ['Count', [{ Name: 'ApiId', Value: { Ref: httpApi } }]],
    ]);
  });

  it('watches the table for throttled requests and transaction conflicts', () => {
    const table = idOf(json, 'AWS::DynamoDB::Table', () => true);
    const [throttles] = alarmsOn('AWS/DynamoDB', 'ThrottledRequests');
    expect(JSON.stringify(throttles!.Metrics)).toContain('TransactWriteItems');
    expect(JSON.stringify(throttles!.Metrics)).toContain(table);
    expect(alarmsOn('AWS/DynamoDB', 'TransactionConflict')).toEqual([
      expect.objectContaining({ Dimensions: [{ Name: 'TableName', Value: { Ref: table } }] }),
    ]);
  });

  it('watches SES reputation: bounces from 5 %, complaints from 0.1 %', () => {
    expect(alarmsOn('AWS/SES', 'Reputation.BounceRate')).toEqual([
      expect.objectContaining({ Threshold: 0.05, ComparisonOperator: 'GreaterThanOrEqualToThreshold' }),
    ]);
    expect(alarmsOn('AWS/SES', 'Reputation.ComplaintRate')).toEqual([
      expect.objectContaining({ Threshold: 0.001, ComparisonOperator: 'GreaterThanOrEqualToThreshold' }),
    ]);
  });
});

describe('dashboard', () => {
  it('graphs every business metric by the name the functions emit, in the stack’s namespace', () => {
    const dashboards = resourcesOf(json, 'AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]![1].Properties.DashboardBody);
    for (const name of Object.keys(BUSINESS_METRICS)) expect(body, name).toContain(`MetricName=\\\\\\"${name}\\\\\\"`);
    expect(body).toContain('{\\\\\\"Avenir\\\\\\",service}');
    expect(body).toContain('\\"type\\":\\"alarm\\"');
    // A staged stack reads its own namespace.
    const staged = JSON.stringify(
      resourcesOf(synth({ 'avenir:stage': 'staging' }), 'AWS::CloudWatch::Dashboard')[0]![1].Properties.DashboardBody,
    );
    expect(staged).toContain('{\\\\\\"Avenir-staging\\\\\\",service}');
  });

  it('gives every function the namespace its metrics go to', () => {
    for (const [, f] of entryFunctions().filter(
      ([, f]) => f.Metadata!['avenir:entry'] !== 'publish' && f.Metadata!['avenir:entry'] !== 'compilation',
    )) {
      expect(
        (f.Properties.Environment as { Variables: Record<string, unknown> }).Variables.POWERTOOLS_METRICS_NAMESPACE,
        String(f.Metadata!['avenir:entry']),
      ).toBe('Avenir');
    }
  });
});

describe('budget', () => {
  it('is monthly, in USD converted from the euros of avenir:monthlyBudgetEur, emailing both addresses', () => {
    const budgets = resourcesOf(json, 'AWS::Budgets::Budget');
    expect(budgets).toHaveLength(1);
    const { Budget, NotificationsWithSubscribers } = budgets[0]![1].Properties as {
      Budget: Record<string, unknown>;
      NotificationsWithSubscribers: { Notification: Record<string, unknown>; Subscribers: { Address: string }[] }[];
    };
    expect(Budget).toMatchObject({
      BudgetType: 'COST',
      TimeUnit: 'MONTHLY',
      BudgetLimit: { Amount: Math.ceil(30 * USD_PER_EUR), Unit: 'USD' },
    });
    expect(
      NotificationsWithSubscribers.map((n) => [n.Notification.NotificationType, n.Notification.Threshold]),
    ).toEqual([
      ['ACTUAL', 80],
      ['ACTUAL', 100],
      ['FORECASTED', 100],
    ]);
    for (const n of NotificationsWithSubscribers)
      expect(n.Subscribers.map((s) => s.Address)).toEqual(['admin@example.org', 'tech@example.org']);
    const custom = resourcesOf(synth({ 'avenir:monthlyBudgetEur': '50' }), 'AWS::Budgets::Budget')[0]![1].Properties
      .Budget as { BudgetLimit: { Amount: number } };
    expect(custom.BudgetLimit.Amount).toBe(Math.ceil(50 * USD_PER_EUR));
  });

  it('refuses a budget or a second address that cannot be one, in French', () => {
    const config = (context: Record<string, unknown>) => () =>
      readDeployConfig((key) => ({ ...BASE, ...context })[key]);
    expect(config({})()).toMatchObject({ monthlyBudgetEur: 30, alertEmail: '', mailDomain: '' });
    expect(config({ 'avenir:monthlyBudgetEur': 'trente' })).toThrow(
      /avenir:monthlyBudgetEur doit être un montant en euros/,
    );
    expect(config({ 'avenir:monthlyBudgetEur': '-5' })).toThrow(/avenir:monthlyBudgetEur doit être un montant positif/);
    expect(config({ 'avenir:alertEmail': 'pas-une-adresse' })).toThrow(
      /avenir:alertEmail doit être une adresse e-mail/,
    );
  });
});

describe('SES: configuration set, bounces and complaints, sender identity', () => {
  const statementsOfRole = (template: Json, roleId: string) =>
    resourcesOf(template, 'AWS::IAM::Policy')
      .filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
      .flatMap(
        ([, p]) =>
          (p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement,
      );
  const roleOf = (template: Json, entry: string) => {
    const [, fn] = resourcesOf(template, 'AWS::Lambda::Function').find(
      ([, f]) => f.Metadata?.['avenir:entry'] === entry,
    )!;
    return (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
  };

  it('sends bounce and complaint events of the configuration set to a topic the mail-events function reads', () => {
    const set = idOf(json, 'AWS::SES::ConfigurationSet', () => true);
    const [, destination] = resourcesOf(json, 'AWS::SES::ConfigurationSetEventDestination')[0]!;
    const events = destination.Properties.EventDestination as {
      MatchingEventTypes: string[];
      SnsDestination: { TopicARN: unknown };
      Enabled: boolean;
    };
    expect(destination.Properties.ConfigurationSetName).toEqual({ Ref: set });
    expect(events.MatchingEventTypes.sort()).toEqual(['bounce', 'complaint']);
    const topic = (events.SnsDestination.TopicARN as { Ref: string }).Ref;
    expect(topic).toMatch(/^MailEvents/);
    expect(json.Resources[topic]!.Properties.KmsMasterKeyId).toBeDefined();
    const mailEvents = resourcesOf(json, 'AWS::Lambda::Function').find(
      ([, f]) => f.Metadata?.['avenir:entry'] === 'mail-events',
    )![0];
    expect(resourcesOf(json, 'AWS::SNS::Subscription').map(([, s]) => s.Properties)).toContainEqual(
      expect.objectContaining({
        Protocol: 'lambda',
        TopicArn: { Ref: topic },
        Endpoint: { 'Fn::GetAtt': [mailEvents, 'Arn'] },
      }),
    );
    // The sender identity applies it by default, and every function knows its name.
    expect(resourcesOf(json, 'AWS::SES::EmailIdentity').map(([, i]) => i.Properties)).toEqual([
      expect.objectContaining({
        EmailIdentity: 'noreply@example.org',
        ConfigurationSetAttributes: { ConfigurationSetName: { Ref: set } },
      }),
    ]);
    for (const [, f] of entryFunctions().filter(
      ([, f]) => !['publish', 'compilation'].includes(String(f.Metadata!['avenir:entry'])),
    )) {
      expect(
        (f.Properties.Environment as { Variables: Record<string, unknown> }).Variables.MAIL_CONFIGURATION_SET,
      ).toEqual({ Ref: set });
    }
  });

  it('lets the mail-events function put items in the table and nothing else of it', () => {
    const statements = statementsOfRole(json, roleOf(json, 'mail-events'));
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(
      actions.filter((a) => /^(dynamodb|ses|s3|sqs:Send|states|lambda):/.test(a) && a !== 'sqs:SendMessage').sort(),
    ).toEqual(['dynamodb:PutItem']);
    expect(actions).not.toContain('ses:SendEmail');
  });

  it('lets whoever sends use the identity and the configuration set', () => {
    const senders = resourcesOf(json, 'AWS::IAM::Policy').flatMap(([, p]) =>
      (
        p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }
      ).Statement.filter((s) => [s.Action].flat().includes('ses:SendEmail')),
    );
    expect(senders.length).toBeGreaterThanOrEqual(1);
    const granted = JSON.stringify(senders.map((s) => s.Resource));
    expect(granted).toContain(':identity/noreply@example.org');
    expect(granted).toContain(':configuration-set/');
  });

  it('with avenir:mailDomain: a domain identity with DKIM and MAIL FROM bounce.<domain>, its DNS records as outputs', () => {
    const domain = synth({ 'avenir:mailDomain': 'example.org' });
    expect(resourcesOf(domain, 'AWS::SES::EmailIdentity').map(([, i]) => i.Properties)).toEqual([
      expect.objectContaining({
        EmailIdentity: 'example.org',
        DkimAttributes: { SigningEnabled: true },
        MailFromAttributes: expect.objectContaining({ MailFromDomain: 'bounce.example.org' }),
      }),
    ]);
    const outputs = Object.values(domain.Outputs ?? {});
    expect(outputs.filter((o) => /^DKIM/.test(o.Description ?? ''))).toHaveLength(3);
    expect(JSON.stringify(outputs)).toContain('bounce.example.org MX 10 feedback-smtp.eu-west-3.amazonses.com');
    const granted = JSON.stringify(
      resourcesOf(domain, 'AWS::IAM::Policy').flatMap(([, p]) =>
        (
          p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }
        ).Statement.filter((s) => [s.Action].flat().includes('ses:SendEmail')).map((s) => s.Resource),
      ),
    );
    expect(granted).toContain(':identity/example.org"');
    expect(granted).toContain(':configuration-set/');
  });

  it('refuses a mail domain other than the sender’s', () => {
    expect(() => readDeployConfig((key) => ({ ...BASE, 'avenir:mailDomain': 'autre.example' })[key])).toThrow(
      /avenir:mailDomain \(autre\.example\) doit être le domaine de l’adresse avenir:mailFrom \(example\.org\)/,
    );
    expect(() => readDeployConfig((key) => ({ ...BASE, 'avenir:mailDomain': 'https://example.org' })[key])).toThrow(
      /avenir:mailDomain doit être un nom de domaine/,
    );
  });
});

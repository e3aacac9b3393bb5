import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPORTS_PREFIX, RECEIPTS_PREFIX } from '../../functions/domain/bucket-prefixes.ts';
import { purgeDate, RETENTION_POLICY, retentionTable } from '../../functions/domain/retention.ts';
import { buildApp } from '../../infra/app.ts';

/**
 * The retention policy (functions/domain/retention.ts) is what the privacy page says; these checks
 * hold the synthesized template (lifecycle rules, log retentions, the purge's schedule and grants)
 * and the README to it, so that none of them can drift from what the page promises.
 */

type Resource = { Type: string; Properties?: Record<string, unknown> };
let resources: [string, Resource][];

beforeAll(() => {
  const { stack } = buildApp(
    new App({
      context: { 'avenir:mailFrom': 'Avenir <noreply@example.org>', 'avenir:adminEmail': 'admin@example.org' },
    }),
  );
  resources = Object.entries((Template.fromStack(stack).toJSON() as { Resources: Record<string, Resource> }).Resources);
});

const ofType = (type: string) => resources.filter(([, r]) => r.Type === type);
const bucket = (idPart: string) => ofType('AWS::S3::Bucket').find(([id]) => id.includes(idPart))![1];
type Rule = {
  Prefix?: string;
  ExpirationInDays?: number;
  NoncurrentVersionExpiration?: { NoncurrentDays: number };
  ExpiredObjectDeleteMarker?: boolean;
};
const rules = (idPart: string) => (bucket(idPart).Properties!.LifecycleConfiguration as { Rules: Rule[] }).Rules;

describe('retention in the template', () => {
  it('keeps every log group as long as the privacy page says', () => {
    const groups = ofType('AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThan(5);
    for (const [id, group] of groups)
      expect({ id, days: group.Properties!.RetentionInDays }).toEqual({ id, days: RETENTION_POLICY.logDays });
  });

  it('expires CloudFront and S3 access logs after the same time', () => {
    expect(rules('AccessLogs')).toEqual([expect.objectContaining({ ExpirationInDays: RETENTION_POLICY.logDays })]);
  });

  it('expires every upload prefix (current and replaced versions, delete markers), the exports and the emailed summaries', () => {
    const uploads = rules('Uploads');
    for (const prefix of ['photos/', 'releases/', 'proofs/']) {
      expect(uploads).toContainEqual(
        expect.objectContaining({
          Prefix: prefix,
          ExpirationInDays: RETENTION_POLICY.uploadObjectDays,
          NoncurrentVersionExpiration: { NoncurrentDays: RETENTION_POLICY.replacedUploadDays },
        }),
      );
    }
    expect(uploads).toContainEqual(
      expect.objectContaining({ Prefix: EXPORTS_PREFIX, ExpirationInDays: RETENTION_POLICY.exportDays }),
    );
    expect(uploads).toContainEqual(
      expect.objectContaining({ Prefix: RECEIPTS_PREFIX, ExpirationInDays: RETENTION_POLICY.receiptDays }),
    );
    expect(uploads).toContainEqual(expect.objectContaining({ ExpiredObjectDeleteMarker: true }));
  });

  it('the lifecycle backstop is never later than the purge: uploads are written before the deadline', () => {
    const deadline = '2028-02-29T23:59:59+01:00';
    const backstop = DateTime.fromISO(deadline).plus({ days: RETENTION_POLICY.uploadObjectDays }).toJSDate();
    expect(backstop.getTime()).toBeLessThan(purgeDate({ dates: { deadline } as never }).getTime());
  });

  it('runs the purge function every day, with only the grants it needs', () => {
    const [, rule] = ofType('AWS::Events::Rule').find(([id]) => id.startsWith('DailyPurge'))!;
    expect(rule.Properties!.ScheduleExpression).toMatch(/^cron\(\d+ \d+ \* \* \? \*\)$/);
    const target = (rule.Properties!.Targets as { Arn: { 'Fn::GetAtt': [string, string] } }[])[0]!.Arn['Fn::GetAtt'][0];
    expect(target).toMatch(/^PurgeFunction/);
    const policy = ofType('AWS::IAM::Policy').find(([id]) => id.startsWith('PurgeFunctionRole'))![1];
    const actions = (
      policy.Properties!.PolicyDocument as { Statement: { Action: string | string[] }[] }
    ).Statement.flatMap((s) => [s.Action].flat());
    expect(actions.some((a) => a.includes('*'))).toBe(false);
    expect(new Set(actions)).toEqual(
      new Set([
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
        'sqs:SendMessage',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:BatchGetItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        's3:ListBucketVersions',
        's3:DeleteObject',
        's3:DeleteObjectVersion',
        's3:ListBucket',
        'lambda:InvokeFunction',
      ]),
    );
  });
});

describe('README', () => {
  it('lists each kind of personal data, where it lives and when it goes, as the retention module says', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    expect(readme).toContain('## Données personnelles');
    expect(readme).toContain(retentionTable());
  });
});

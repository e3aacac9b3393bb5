import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { PUBLIC_ROUTE_THROTTLES, STAGE_THROTTLE } from '../../infra/constructs/api.ts';

let template: Template;
let json: {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }>;
};

beforeAll(() => {
  const { stack } = buildApp(
    new App({
      context: { 'avenir:mailFrom': 'Avenir <noreply@example.org>', 'avenir:adminEmail': 'admin@example.org' },
    }),
  );
  template = Template.fromStack(stack);
  json = template.toJSON() as typeof json;
});

const resourcesOf = (type: string) => Object.entries(json.Resources).filter(([, r]) => r.Type === type);

describe('cdk-nag AwsSolutions', () => {
  it('synthesizes the app with the AwsSolutions checks and no unacknowledged finding', () => {
    const { app } = buildApp(
      new App({ context: { 'avenir:mailFrom': 'a@example.org', 'avenir:adminEmail': 'b@example.org' } }),
    );
    expect(() => app.synth()).not.toThrow();
  });

  it('is really active: an unencrypted, unlogged public bucket fails synth', () => {
    const app = new App();
    const stack = new Stack(app, 'Bad');
    new s3.Bucket(stack, 'Leaky', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-S1|AwsSolutions-S10/);
  });
});

describe('least privilege', () => {
  it('grants no wildcard action in any policy', () => {
    const actions = resourcesOf('AWS::IAM::Policy').flatMap(([, r]) =>
      (r.Properties!.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement.flatMap((s) =>
        [s.Action].flat(),
      ),
    );
    expect(actions.length).toBeGreaterThan(10);
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
  });

  it('grants no BatchWriteItem (no handler uses it) and keeps the SES grant without an unread SES_IDENTITY_ARN variable', () => {
    const statements = resourcesOf('AWS::IAM::Policy').flatMap(
      ([, r]) =>
        (r.Properties!.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement,
    );
    expect(statements.flatMap((s) => [s.Action].flat())).not.toContain('dynamodb:BatchWriteItem');
    const ses = statements.filter((s) => [s.Action].flat().includes('ses:SendEmail'));
    expect(ses.length).toBeGreaterThanOrEqual(1);
    for (const s of ses) expect(JSON.stringify(s.Resource)).toContain(':identity/noreply@example.org');
    const variables = resourcesOf('AWS::Lambda::Function').flatMap(([, f]) =>
      Object.keys((f.Properties!.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}),
    );
    expect(variables).not.toContain('SES_IDENTITY_ARN');
  });

  it('sends email only from the mail queue’s consumer: the other functions may only queue it', () => {
    const policies = resourcesOf('AWS::IAM::Policy').map(([id, r]) => ({
      id,
      actions: (r.Properties!.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement.flatMap((s) =>
        [s.Action].flat(),
      ),
    }));
    const senders = policies.filter((p) => p.actions.includes('ses:SendEmail')).map((p) => p.id);
    expect(senders).toEqual([expect.stringMatching(/^MailQueueConsumerRole/)]);
    const queuers = policies.filter((p) => p.actions.includes('sqs:SendMessage')).map((p) => p.id);
    for (const producer of [
      'ApiFunction',
      'AdminApiFunction',
      'PhotoFunction',
      'ReleaseFunction',
      'TimelineFunction',
    ]) {
      expect(queuers.some((id) => id.startsWith(producer))).toBe(true);
    }
    const [, mapping] = resourcesOf('AWS::Lambda::EventSourceMapping')[0]!;
    expect(mapping.Properties).toMatchObject({
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 2 },
    });
    const queues = resourcesOf('AWS::SQS::Queue').filter(
      ([id, q]) => id.startsWith('MailQueue') && q.Properties?.RedrivePolicy,
    );
    expect(queues.map(([, q]) => q.Properties)).toEqual([
      expect.objectContaining({
        VisibilityTimeout: 360,
        RedrivePolicy: expect.objectContaining({ maxReceiveCount: 5 }),
      }),
    ]);
    // Its dead-letter queue is watched: an email given up on reaches the team as an alarm.
    const deadLetters = JSON.stringify(
      (queues[0]![1].Properties!.RedrivePolicy as { deadLetterTargetArn: unknown }).deadLetterTargetArn,
    );
    const alarm = resourcesOf('AWS::CloudWatch::Alarm').find(([, a]) =>
      String(a.Properties!.AlarmName).includes('E-mails non envoyes'),
    );
    expect(alarm).toBeDefined();
    expect(JSON.stringify(alarm![1].Properties!.Dimensions)).toContain(JSON.parse(deadLetters)['Fn::GetAtt'][0]);
  });

  it('gives the photo function read on photos/ only, not on releases/', () => {
    const [, photoPolicy] = resourcesOf('AWS::IAM::Policy').find(([id]) => id.startsWith('PhotoFunctionRole'))!;
    const text = JSON.stringify(photoPolicy.Properties);
    expect(text).toContain('/photos/*');
    expect(text).not.toContain('/releases/*');
  });
});

describe('storage', () => {
  it('keeps every bucket private, encrypted and TLS-only', () => {
    const buckets = resourcesOf('AWS::S3::Bucket');
    expect(buckets).toHaveLength(4);
    for (const [, bucket] of buckets) {
      expect(bucket.Properties!.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties!.BucketEncryption).toBeDefined();
    }
    const policies = resourcesOf('AWS::S3::BucketPolicy').map(([, p]) => JSON.stringify(p.Properties));
    expect(policies.filter((p) => p.includes('aws:SecureTransport'))).toHaveLength(4);
  });

  it('versions uploads, expires raw photos and allows browser POSTs from the site only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ Prefix: 'photos/', ExpirationInDays: 540 })]),
      },
      CorsConfiguration: {
        CorsRules: [Match.objectLike({ AllowedMethods: ['POST'], AllowedOrigins: [Match.anyValue()] })],
      },
    });
  });

  it('notifies the photo and release functions on their own prefixes', () => {
    type Notifications = {
      Properties: {
        NotificationConfiguration: {
          LambdaFunctionConfigurations: { Filter: { Key: { FilterRules: { Name: string; Value: string }[] } } }[];
        };
      };
    };
    const notifications = resourcesOf('Custom::S3BucketNotifications')[0]![1] as unknown as Notifications;
    const prefixes = notifications.Properties.NotificationConfiguration.LambdaFunctionConfigurations.map(
      (c) => c.Filter.Key.FilterRules[0]!.Value,
    );
    expect(prefixes.sort()).toEqual(['photos/', 'releases/']);
  });
});

describe('data', () => {
  it('is on demand, recoverable, protected from deletion, with gsi1 and a TTL', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'gsi1' })],
    });
  });
});

describe('auth and API', () => {
  it('has a user pool without self sign-up and an admin group', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admin' });
  });

  it('signs the console in without OAuth, and lets no admin change their own email', () => {
    const clients = resourcesOf('AWS::Cognito::UserPoolClient');
    expect(clients).toHaveLength(1);
    const client = clients[0]![1].Properties!;
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(false);
    for (const key of ['AllowedOAuthFlows', 'AllowedOAuthScopes', 'CallbackURLs', 'LogoutURLs', 'DefaultRedirectURI'])
      expect(client, key).not.toHaveProperty(key);
    expect(client.ExplicitAuthFlows).toEqual(
      expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
    );
    // An absent WriteAttributes would mean every attribute is writable.
    expect((client.WriteAttributes as string[]).length).toBeGreaterThan(0);
    expect((client.WriteAttributes as string[]).filter((a) => a.startsWith('email'))).toEqual([]);
    // NEW_PASSWORD_REQUIRED only asks for missing required attributes: the pool requires none, so the
    // console's answer (USERNAME and NEW_PASSWORD only) needs no write access to any attribute.
    const [, pool] = resourcesOf('AWS::Cognito::UserPool')[0]!;
    const schema = (pool.Properties!.Schema as { Required?: boolean }[] | undefined) ?? [];
    expect(schema.filter((a) => a.Required)).toEqual([]);
  });

  it('puts a JWT authorizer on /api/admin/* and only there', () => {
    const routes = resourcesOf('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties!);
    const admin = routes.find((r) => r.RouteKey === 'ANY /api/admin/{proxy+}');
    const pub = routes.find((r) => r.RouteKey === 'ANY /api/{proxy+}');
    expect(admin?.AuthorizationType).toBe('JWT');
    expect(pub?.AuthorizationType ?? 'NONE').toBe('NONE');
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
    });
  });

  it('throttles the API, each emailing or voting public route on its own, and logs its access', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: Match.objectLike({
        ThrottlingRateLimit: STAGE_THROTTLE.rate,
        ThrottlingBurstLimit: STAGE_THROTTLE.burst,
      }),
      RouteSettings: Object.fromEntries(
        Object.entries(PUBLIC_ROUTE_THROTTLES).map(([key, l]) => [
          key,
          { ThrottlingRateLimit: l.rate, ThrottlingBurstLimit: l.burst },
        ]),
      ),
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
    const keys = resourcesOf('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties!.RouteKey);
    for (const key of Object.keys(PUBLIC_ROUTE_THROTTLES)) expect(keys).toContain(key);
  });
});

describe('functions', () => {
  it('all run Node 22 with tracing, JSON logs and an entry the local stack can load', () => {
    const functions = resourcesOf('AWS::Lambda::Function').filter(([, f]) => f.Metadata?.['avenir:entry']);
    // Every folder of functions/ with a handler is deployed, and nothing else.
    const entries = readdirSync(path.resolve(import.meta.dirname, '../../functions')).filter((name) =>
      existsSync(path.resolve(import.meta.dirname, '../../functions', name, 'index.ts')),
    );
    expect(functions.map(([, f]) => f.Metadata!['avenir:entry']).sort()).toEqual(entries.sort());
    for (const [, f] of functions) {
      expect(f.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON' },
      });
    }
  });

  it('retry async events twice then send them to the failed-events queue', () => {
    const configs = resourcesOf('AWS::Lambda::EventInvokeConfig');
    expect(configs.length).toBe(
      resourcesOf('AWS::Lambda::Function').filter(([, f]) => f.Metadata?.['avenir:entry']).length,
    );
    for (const [, c] of configs) {
      expect(c.Properties).toMatchObject({
        MaximumRetryAttempts: 2,
        DestinationConfig: {
          OnFailure: { Destination: { 'Fn::GetAtt': [expect.stringMatching(/^FailedEvents/), 'Arn'] } },
        },
      });
    }
  });
});

describe('site', () => {
  it('serves site and media through OAC, /api/* uncached, with security headers', () => {
    expect(resourcesOf('AWS::CloudFront::OriginAccessControl').length).toBeGreaterThanOrEqual(1);
    const dist = resourcesOf('AWS::CloudFront::Distribution')[0]![1];
    const config = dist.Properties!.DistributionConfig as {
      CacheBehaviors: { PathPattern: string }[];
      Origins: { OriginAccessControlId?: unknown }[];
    };
    expect(config.CacheBehaviors.map((b) => b.PathPattern).sort()).toEqual(['/api/*', '/media/*']);
    expect(config.Origins.filter((o) => o.OriginAccessControlId)).toHaveLength(2);
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: Match.objectLike({
            ContentSecurityPolicy: Match.stringLikeRegexp("script-src 'self'"),
          }),
        }),
      },
    });
  });
});

describe('publication', () => {
  it('lets the publish function read the table, write the site bucket and invalidate the distribution, and nothing else', () => {
    const [, policy] = resourcesOf('AWS::IAM::Policy').find(([id]) => id.startsWith('PublishFunctionRole'))!;
    const statements = (
      policy.Properties!.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }
    ).Statement;
    const actions = statements.flatMap((s) => [s.Action].flat()).sort();
    expect(actions).toEqual(
      [
        'cloudfront:CreateInvalidation',
        'dynamodb:BatchGetItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:GetItem',
        'dynamodb:Query',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        's3:DeleteObject',
        's3:GetObject',
        's3:ListBucket',
        's3:PutObject',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:SendMessage',
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ].sort(),
    );
    const text = JSON.stringify(statements);
    expect(text).toContain('/_manifest.json');
    expect(text).not.toMatch(/StorageMedia|StorageUploads/);
    const invalidation = statements.find((s) => s.Action === 'cloudfront:CreateInvalidation')!;
    expect(JSON.stringify(invalidation.Resource)).toMatch(/distribution\/.*SiteDistribution/);
    const fn = resourcesOf('AWS::Lambda::Function').find(([, f]) => f.Metadata?.['avenir:entry'] === 'publish')![1];
    expect(
      Object.keys((fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables).sort(),
    ).toEqual(['DISTRIBUTION_ID', 'NODE_OPTIONS', 'SITE_BUCKET', 'SITE_URL', 'TABLE_NAME']);
  });

  it('lets the timeline publish only by invoking the publish function, without any grant on the site', () => {
    const roleOf = (entry: string) => {
      const [, fn] = resourcesOf('AWS::Lambda::Function').find(([, f]) => f.Metadata?.['avenir:entry'] === entry)!;
      return { fn, roleId: (fn.Properties!.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]! };
    };
    const statementsOf = (roleId: string) =>
      resourcesOf('AWS::IAM::Policy')
        .filter(([, p]) => (p.Properties!.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
        .flatMap(
          ([, p]) =>
            (p.Properties!.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] })
              .Statement,
        );
    const publishId = resourcesOf('AWS::Lambda::Function').find(
      ([, f]) => f.Metadata?.['avenir:entry'] === 'publish',
    )![0];
    const timeline = roleOf('timeline');
    const statements = statementsOf(timeline.roleId);
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('lambda:')))).toEqual([
      expect.objectContaining({ Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [publishId, 'Arn'] } }),
    ]);
    for (const action of [
      's3:PutObject',
      's3:DeleteObject',
      's3:GetObject',
      's3:ListBucket',
      'cloudfront:CreateInvalidation',
    ])
      expect(actions).not.toContain(action);
    expect(JSON.stringify(statements)).not.toMatch(/StorageSite|SiteDistribution/);
    const variables = (timeline.fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.PUBLISH_FUNCTION).toEqual({ 'Fn::GetAtt': [publishId, 'Arn'] });
    expect(variables).not.toHaveProperty('SITE_BUCKET');
    expect(variables).not.toHaveProperty('DISTRIBUTION_ID');
    // The publish role keeps the site (the test above lists all of its actions).
    const publishActions = statementsOf(roleOf('publish').roleId).flatMap((s) => [s.Action].flat());
    expect(publishActions).toEqual(
      expect.arrayContaining(['s3:PutObject', 's3:DeleteObject', 'cloudfront:CreateInvalidation']),
    );
  });

  it('proves to the API that a request came through CloudFront with a per-stack header value', () => {
    const dist = resourcesOf('AWS::CloudFront::Distribution')[0]![1];
    const origins = (
      dist.Properties!.DistributionConfig as {
        Origins: {
          CustomOriginConfig?: unknown;
          OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
        }[];
      }
    ).Origins;
    const apiOrigin = origins.find((o) => o.CustomOriginConfig)!;
    const sent = apiOrigin.OriginCustomHeaders!.find((h) => h.HeaderName === 'x-origin-verify')!.HeaderValue;
    const api = resourcesOf('AWS::Lambda::Function').find(([, f]) => f.Metadata?.['avenir:entry'] === 'api')![1];
    expect((api.Properties!.Environment as { Variables: Record<string, unknown> }).Variables.ORIGIN_VERIFY).toEqual(
      sent,
    );
    expect(JSON.stringify(sent)).toContain('AWS::StackId');
  });

  it('serves /x/ from x/index.html through a viewer-request function on the site behaviour', () => {
    const functions = resourcesOf('AWS::CloudFront::Function');
    expect(functions).toHaveLength(1);
    const fn = functions[0]![1] as unknown as {
      Properties: { FunctionCode: string; FunctionConfig: { Runtime: string } };
    };
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    const handler = new Function(`${fn.Properties.FunctionCode}; return handler;`)() as (event: {
      request: { uri: string };
    }) => { uri?: string; statusCode?: number; headers?: { location: { value: string } } };
    expect(handler({ request: { uri: '/' } }).uri).toBe('/index.html');
    expect(handler({ request: { uri: '/axes/emploi-citoyennete/' } }).uri).toBe('/axes/emploi-citoyennete/index.html');
    expect(handler({ request: { uri: '/assets/site.abc.css' } }).uri).toBe('/assets/site.abc.css');
    expect(handler({ request: { uri: '/regions/bretagne' } })).toMatchObject({
      statusCode: 301,
      headers: { location: { value: '/regions/bretagne/' } },
    });
    const dist = resourcesOf('AWS::CloudFront::Distribution')[0]![1];
    const behavior = (
      dist.Properties!.DistributionConfig as {
        DefaultCacheBehavior: { FunctionAssociations?: { EventType: string }[] };
      }
    ).DefaultCacheBehavior;
    expect(behavior.FunctionAssociations?.map((a) => a.EventType)).toEqual(['viewer-request']);
  });
});

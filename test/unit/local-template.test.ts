import type { S3Event } from 'aws-lambda';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { AsyncFailureRecord } from '../../infra/local/async-failures.ts';
import { authorizeJwt, createRouter, httpResult } from '../../infra/local/api-gateway.ts';
import { compileViewerRequest } from '../../infra/local/cloudfront-function.ts';
import { localizeCsp, originKey } from '../../infra/local/http-front.ts';
import {
  createSequencer,
  encodeS3EventKey,
  matchesNotification,
  S3Dispatcher,
} from '../../infra/local/s3-dispatcher.ts';
import {
  bucketsOf,
  createResolver,
  functionsOf,
  localBucketName,
  notificationsOf,
  routesOf,
  type CfnTemplate,
  type LocalRoute,
} from '../../infra/local/template.ts';

/** The pure parts of the local stack: template resolution, S3 event shaping, API Gateway rules. */

const template: CfnTemplate = {
  Resources: {
    DataTableFDBAD0F2: { Type: 'AWS::DynamoDB::Table', Properties: {} },
    StorageUploadsBDC5E374: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        VersioningConfiguration: { Status: 'Enabled' },
        CorsConfiguration: {
          CorsRules: [
            {
              AllowedMethods: ['POST'],
              AllowedHeaders: ['*'],
              MaxAge: 3000,
              AllowedOrigins: [
                { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['SiteDistribution390DED28', 'DomainName'] }]] },
              ],
            },
          ],
        },
      },
    },
    SiteDistribution390DED28: { Type: 'AWS::CloudFront::Distribution', Properties: {} },
    AuthUserPool8115E87F: { Type: 'AWS::Cognito::UserPool' },
    AuthClient: { Type: 'AWS::Cognito::UserPoolClient' },
    PhotoFunctionA0B5A87D: {
      Type: 'AWS::Lambda::Function',
      Metadata: { 'avenir:entry': 'photo' },
      Properties: {
        Timeout: 60,
        MemorySize: 1536,
        Environment: {
          Variables: {
            TABLE_NAME: { Ref: 'DataTableFDBAD0F2' },
            UPLOADS_BUCKET: { Ref: 'StorageUploadsBDC5E374' },
            SITE_URL: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['SiteDistribution390DED28', 'DomainName'] }]] },
            SES_IDENTITY_ARN: {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':ses:eu-west-3:',
                  { Ref: 'AWS::AccountId' },
                  ':identity/a@example.org',
                ],
              ],
            },
            POOL: { 'Fn::Sub': 'pool ${AuthUserPool8115E87F} in ${AWS::Region}, literal ${!NotResolved}' },
          },
        },
      },
    },
    PhotoInvokeConfig: {
      Type: 'AWS::Lambda::EventInvokeConfig',
      Properties: { FunctionName: { Ref: 'PhotoFunctionA0B5A87D' }, MaximumRetryAttempts: 1 },
    },
    CdkHelperFunction: { Type: 'AWS::Lambda::Function', Properties: {} },
    Timeline: { Type: 'AWS::StepFunctions::StateMachine' },
    FailedEvents: { Type: 'AWS::SQS::Queue' },
    Notifications: {
      Type: 'Custom::S3BucketNotifications',
      Properties: {
        BucketName: { Ref: 'StorageUploadsBDC5E374' },
        NotificationConfiguration: {
          LambdaFunctionConfigurations: [
            {
              Events: ['s3:ObjectCreated:*'],
              Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'photos/' }] } },
              LambdaFunctionArn: { 'Fn::GetAtt': ['PhotoFunctionA0B5A87D', 'Arn'] },
            },
          ],
        },
      },
    },
    Api: { Type: 'AWS::ApiGatewayV2::Api' },
    Integration: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: { IntegrationUri: { 'Fn::GetAtt': ['PhotoFunctionA0B5A87D', 'Arn'] } },
    },
    Authorizer: {
      Type: 'AWS::ApiGatewayV2::Authorizer',
      Properties: {
        JwtConfiguration: {
          Audience: [{ Ref: 'AuthClient' }],
          Issuer: {
            'Fn::Join': ['', ['https://cognito-idp.eu-west-3.amazonaws.com/', { Ref: 'AuthUserPool8115E87F' }]],
          },
        },
      },
    },
    AdminRoute: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        ApiId: { Ref: 'Api' },
        RouteKey: 'ANY /api/admin/{proxy+}',
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: 'Authorizer' },
        Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] },
      },
    },
  },
};

const names = {
  region: 'eu-west-3',
  accountId: '000000000000',
  frontOrigin: 'http://localhost:3000',
  cognito: { userPoolId: 'local_pool', clientId: 'client123' },
};

describe('template resolver', () => {
  const resolve = createResolver(template, names);

  it('gives each resource its local name', () => {
    expect(resolve({ Ref: 'DataTableFDBAD0F2' })).toBe('DataTableFDBAD0F2');
    expect(resolve({ Ref: 'StorageUploadsBDC5E374' })).toBe('storageuploadsbdc5e374');
    expect(resolve({ Ref: 'AuthUserPool8115E87F' })).toBe('local_pool');
    expect(resolve({ 'Fn::GetAtt': ['StorageUploadsBDC5E374', 'Arn'] })).toBe('arn:aws:s3:::storageuploadsbdc5e374');
    expect(resolve({ 'Fn::GetAtt': 'PhotoFunctionA0B5A87D.Arn' })).toBe(
      'arn:aws:lambda:eu-west-3:000000000000:function:PhotoFunctionA0B5A87D',
    );
    // CloudFormation's Ref of a state machine is its ARN, of a queue its URL.
    expect(resolve({ Ref: 'Timeline' })).toBe('arn:aws:states:eu-west-3:000000000000:stateMachine:Timeline');
    expect(resolve({ Ref: 'FailedEvents' })).toBe('https://sqs.eu-west-3.amazonaws.com/000000000000/FailedEvents');
  });

  it('turns https://<distribution domain> into the local front', () => {
    expect(
      resolve({
        'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['SiteDistribution390DED28', 'DomainName'] }, '/candidater']],
      }),
    ).toBe('http://localhost:3000/candidater');
    expect(resolve({ 'Fn::GetAtt': ['SiteDistribution390DED28', 'DomainName'] })).toBe('localhost:3000');
  });

  it('resolves pseudo parameters, Fn::Sub, Fn::Select and Fn::Split', () => {
    expect(resolve({ 'Fn::Sub': '${AWS::AccountId}:${AWS::Partition}' })).toBe('000000000000:aws');
    expect(resolve({ 'Fn::Sub': ['${Name}-${AWS::Region}', { Name: { Ref: 'DataTableFDBAD0F2' } }] })).toBe(
      'DataTableFDBAD0F2-eu-west-3',
    );
    expect(resolve({ 'Fn::Select': [1, { 'Fn::Split': ['/', 'a/b/c'] }] })).toBe('b');
  });

  it('refuses what it cannot resolve, naming it', () => {
    expect(() => resolve({ 'Fn::ImportValue': 'x' })).toThrow(/Fn::ImportValue/);
    expect(() => resolve({ Ref: 'Missing' })).toThrow(/Missing/);
    expect(() => createResolver(template, { ...names, cognito: undefined })({ Ref: 'AuthClient' })).toThrow(/Cognito/);
  });

  it('keeps bucket names valid', () => {
    expect(localBucketName('Storage_Uploads')).toBe('storageuploads');
    const long = localBucketName(`${'Very'.repeat(20)}ABCDEF12`);
    expect(long).toHaveLength(63);
    expect(long.endsWith('abcdef12')).toBe(true);
  });
});

describe('template extractors', () => {
  const resolve = createResolver(template, names);

  it('find the app functions with their entry, resolved environment and settings', () => {
    expect(functionsOf(template, resolve)).toEqual([
      {
        logicalId: 'PhotoFunctionA0B5A87D',
        entry: 'photo',
        timeoutSeconds: 60,
        memoryMb: 1536,
        maxRetryAttempts: 1,
        environment: {
          TABLE_NAME: 'DataTableFDBAD0F2',
          UPLOADS_BUCKET: 'storageuploadsbdc5e374',
          SITE_URL: 'http://localhost:3000',
          SES_IDENTITY_ARN: 'arn:aws:ses:eu-west-3:000000000000:identity/a@example.org',
          POOL: 'pool local_pool in eu-west-3, literal ${NotResolved}',
        },
      },
    ]);
  });

  it('read buckets, their CORS in the S3 API shape, and notifications', () => {
    expect(bucketsOf(template, resolve)).toEqual([
      {
        logicalId: 'StorageUploadsBDC5E374',
        name: 'storageuploadsbdc5e374',
        versioned: true,
        cors: [
          {
            AllowedMethods: ['POST'],
            AllowedOrigins: ['http://localhost:3000'],
            AllowedHeaders: ['*'],
            MaxAgeSeconds: 3000,
            ExposeHeaders: undefined,
            ID: undefined,
          },
        ],
      },
    ]);
    expect(notificationsOf(template, resolve)).toEqual([
      {
        bucketName: 'storageuploadsbdc5e374',
        events: ['s3:ObjectCreated:*'],
        prefix: 'photos/',
        configurationId: 'Notifications-1',
        target: { logicalId: 'PhotoFunctionA0B5A87D', entry: 'photo' },
      },
    ]);
  });

  it('read routes with their integration target and JWT authorizer', () => {
    expect(routesOf(template, resolve)).toEqual([
      {
        routeKey: 'ANY /api/admin/{proxy+}',
        method: 'ANY',
        path: '/api/admin/{proxy+}',
        apiId: 'Api',
        target: { logicalId: 'PhotoFunctionA0B5A87D', entry: 'photo' },
        jwt: { audience: ['client123'], issuer: 'https://cognito-idp.eu-west-3.amazonaws.com/local_pool' },
      },
    ]);
  });
});

describe('S3 event keys', () => {
  it('are form-encoded like AWS: + for space, %2B for +, UTF-8 escapes, slashes kept', () => {
    expect(encodeS3EventKey('my photo+1 é.png')).toBe('my+photo%2B1+%C3%A9.png');
    expect(encodeS3EventKey('photos/abc/1/ma photo+1 été.jpg')).toBe('photos/abc/1/ma+photo%2B1+%C3%A9t%C3%A9.jpg');
    expect(encodeS3EventKey("a/b (1)!'~*.jpg")).toBe('a/b+%281%29%21%27%7E*.jpg');
    expect(encodeS3EventKey('x=1&y:2.txt')).toBe('x%3D1%26y%3A2.txt');
  });

  it('decode back to the stored key', () => {
    const key = 'photos/é è/100% (final)+v2!.JPG';
    expect(decodeURIComponent(encodeS3EventKey(key).replace(/\+/g, ' '))).toBe(key);
  });

  it('are filtered like S3: event type, then prefix and suffix of the decoded key', () => {
    const config = { events: ['s3:ObjectCreated:*'], prefix: 'photos/', suffix: '.jpg' };
    expect(matchesNotification(config, 'ObjectCreated:Put', 'photos/a b.jpg')).toBe(true);
    expect(matchesNotification(config, 'ObjectCreated:Post', 'photos/x.jpg')).toBe(true);
    expect(matchesNotification(config, 'ObjectRemoved:Delete', 'photos/x.jpg')).toBe(false);
    expect(matchesNotification(config, 'ObjectCreated:Put', 'releases/x.jpg')).toBe(false);
    expect(matchesNotification(config, 'ObjectCreated:Put', 'photos/x.png')).toBe(false);
    expect(matchesNotification({ events: ['s3:ObjectCreated:Copy'] }, 'ObjectCreated:Put', 'a')).toBe(false);
  });
});

describe('sequencers', () => {
  it('are fixed-width uppercase hex and increase, even within one millisecond or if the clock steps back', () => {
    const clock = [1_000, 1_000, 1_000, 999, 2_000];
    const next = createSequencer(() => clock.shift()!);
    const values = Array.from({ length: 5 }, next);
    for (const v of values) expect(v).toMatch(/^[0-9A-F]{18}$/);
    expect([...values].sort()).toEqual(values);
    expect(new Set(values).size).toBe(5);
  });

  it('of a later process are greater (time-based)', () => {
    expect(createSequencer(() => 1_795_000_000_001)() > createSequencer(() => 1_795_000_000_000)()).toBe(true);
  });
});

describe('S3 dispatcher', () => {
  const record = (key: string) => ({
    eventName: 'ObjectCreated:Put',
    s3: { bucket: { name: 'storageuploadsbdc5e374' }, object: { key, size: 3, eTag: 'abc' } },
  });
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const dispatcher = async (invoke: (entry: string, event: S3Event) => Promise<unknown>) => {
    const failures: [string, AsyncFailureRecord][] = [];
    const d = new S3Dispatcher({
      region: 'eu-west-3',
      accountId: '000000000000',
      notifications: notificationsOf(template, createResolver(template, names)),
      versionedBuckets: new Set(['storageuploadsbdc5e374']),
      maxRetries: () => 2,
      invoke,
      retryDelaysMs: [1, 1],
      recordFailure: async (logicalId, failure) => void failures.push([logicalId, failure]),
      log: silent,
    });
    return { d, failures };
  };

  it('invokes the matching target only, with an AWS-shaped record', async () => {
    const seen: [string, S3Event][] = [];
    const { d } = await dispatcher(async (entry, event) => void seen.push([entry, event]));
    d.handle({ Records: [record('releases/x.pdf'), record('photos/a b.jpg')] });
    await d.idle();
    expect(seen.map(([entry, event]) => [entry, event.Records[0]!.s3.object.key])).toEqual([
      ['photo', 'photos/a+b.jpg'],
    ]);
    expect(seen[0]![1].Records[0]).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'eu-west-3',
      s3: { bucket: { arn: 'arn:aws:s3:::storageuploadsbdc5e374' }, object: { size: 3, eTag: 'abc' } },
    });
  });

  it('retries twice then records the failure like the on-failure destination, never silently', async () => {
    const attempts: number[] = [];
    const { d, failures } = await dispatcher(async () => {
      throw new Error('base indisponible');
    });
    d.on('invoked', ({ attempt }) => attempts.push(attempt));
    const failed = new Promise((resolve) => d.once('failed', resolve));
    d.handle({ Records: [record('photos/x.jpg')] });
    await d.idle();
    await failed;
    expect(attempts).toEqual([1, 2, 3]);
    expect(d.recent()[0]).toMatchObject({ outcome: 'failed', attempts: 3, error: 'base indisponible' });
    expect(failures).toHaveLength(1);
    const [logicalId, line] = failures[0]!;
    expect(logicalId).toMatch(/^PhotoFunction/);
    expect(line).toMatchObject({
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      responsePayload: { errorMessage: 'base indisponible' },
    });
    expect((line.requestPayload as S3Event).Records[0]!.s3.object.key).toBe('photos/x.jpg');
  });
});

describe('API Gateway rules', () => {
  const route = (path: string, entry: string): LocalRoute => ({
    routeKey: `ANY ${path}`,
    method: 'ANY',
    path,
    apiId: 'api',
    target: { logicalId: entry, entry },
  });

  it('selects the most specific route, whatever the template order', () => {
    const select = createRouter([route('/api/{proxy+}', 'api'), route('/api/admin/{proxy+}', 'admin-api')]);
    expect(select('GET', '/api/admin/applications')).toMatchObject({
      route: { target: { entry: 'admin-api' } },
      pathParameters: { proxy: 'applications' },
    });
    expect(select('POST', '/api/applications/a%20b')).toMatchObject({
      route: { target: { entry: 'api' } },
      pathParameters: { proxy: 'applications/a b' },
    });
    expect(select('GET', '/elsewhere')).toBeUndefined();
  });

  it('maps results like payload format 2.0', () => {
    expect(httpResult({ hello: 'world' })).toMatchObject({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
    });
    const r = httpResult({
      statusCode: 201,
      headers: { 'Content-Type': 'image/png' },
      body: Buffer.from('png').toString('base64'),
      isBase64Encoded: true,
      cookies: ['a=1'],
    });
    expect(r).toMatchObject({ statusCode: 201, headers: { 'content-type': 'image/png' }, cookies: ['a=1'] });
    expect(r.body.toString()).toBe('png');
    expect(httpResult({ statusCode: 'oops' }).statusCode).toBe(500);
  });

  it('verifies JWTs like the HTTP API authorizer and flattens claims to strings', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k', alg: 'RS256' }] });
    const sign = (claims: Record<string, unknown>, issuer = 'http://issuer/pool') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k' })
        .setIssuer(issuer)
        .setExpirationTime('5m')
        .sign(privateKey);
    const config = { issuer: 'http://issuer/pool', audience: ['client123'], keys };

    const ok = await authorizeJwt(
      `Bearer ${await sign({ aud: 'client123', 'cognito:groups': ['admin', 'jury'], email_verified: true })}`,
      config,
    );
    expect(ok?.claims).toMatchObject({ aud: 'client123', 'cognito:groups': '[admin jury]', email_verified: 'true' });
    expect(
      (await authorizeJwt(`Bearer ${await sign({ client_id: 'client123', scope: 'openid email' })}`, config))?.scopes,
    ).toEqual(['openid', 'email']);
    expect(await authorizeJwt(`Bearer ${await sign({ aud: 'other' })}`, config)).toBeUndefined();
    expect(
      await authorizeJwt(`Bearer ${await sign({ aud: 'client123' }, 'http://evil/pool')}`, config),
    ).toBeUndefined();
    expect(await authorizeJwt(undefined, config)).toBeUndefined();
  });
});

describe('local front', () => {
  it('asks the origin for the path as key, the default root object for / only', () => {
    expect(originKey('/')).toBe('index.html');
    expect(originKey('/admin/index.html')).toBe('admin/index.html');
    expect(originKey('/admin/')).toBe('admin/');
  });

  it('runs a CloudFront function on the viewer request: rewrite, redirect, no access to Node', async () => {
    const run = compileViewerRequest(`function handler(event) {
      var r = event.request;
      if (r.uri === '/old') return { statusCode: 301, statusDescription: 'Moved', headers: { location: { value: '/new/' } } };
      r.uri = r.uri + (r.querystring.x ? r.querystring.x.value : '') + (typeof require);
      return r;
    }`);
    const request = { method: 'GET', querystring: 'x=1', headers: {}, ip: '127.0.0.1' };
    expect(await run({ ...request, uri: '/old' })).toEqual({
      kind: 'response',
      statusCode: 301,
      headers: { location: '/new/' },
    });
    expect(await run({ ...request, uri: '/a' })).toEqual({ kind: 'request', uri: '/a1undefined', querystring: 'x=1' });
  });

  it('lets the CSP allow uploads to the local S3', () => {
    expect(
      localizeCsp(
        "default-src 'self'; connect-src 'self' https://*.amazonaws.com; form-action 'self'",
        'http://127.0.0.1:4569',
      ),
    ).toBe(
      "default-src 'self'; connect-src 'self' https://*.amazonaws.com http://127.0.0.1:4569; form-action 'self' http://127.0.0.1:4569",
    );
  });
});

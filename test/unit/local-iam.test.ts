import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { requiredAuthorizations, type SignedRequest } from '../../infra/local/iam/aws-requests.ts';
import { checkPostPolicy } from '../../infra/local/iam/post-policy.ts';

/** The local IAM check's reading of requests (what AWS authorizes) and S3's POST policy rules. */

const names = { region: 'eu-west-3', accountId: '000000000000' };
const request = (r: Partial<SignedRequest> & { service: string }): SignedRequest => ({
  method: 'GET',
  path: '/',
  query: new URLSearchParams(),
  headers: {},
  ...r,
});
const authorizations = (r: Partial<SignedRequest> & { service: string }) => {
  const result = requiredAuthorizations(request(r), names);
  return 'authorizations' in result ? result.authorizations : result;
};

describe('the IAM action and resource of a request, as AWS authorizes it', () => {
  it('S3: a version read is s3:GetObjectVersion, a listing is s3:ListBucket on the bucket, a batch delete is per key', () => {
    expect(authorizations({ service: 's3', path: '/b/photos/a%20b.jpg' })).toEqual([
      { action: 's3:GetObject', resource: 'arn:aws:s3:::b/photos/a b.jpg' },
    ]);
    expect(
      authorizations({ service: 's3', method: 'HEAD', path: '/b/k', query: new URLSearchParams('versionId=3') }),
    ).toEqual([{ action: 's3:GetObjectVersion', resource: 'arn:aws:s3:::b/k' }]);
    expect(
      authorizations({ service: 's3', path: '/b', query: new URLSearchParams('list-type=2&prefix=media/') }),
    ).toEqual([{ action: 's3:ListBucket', resource: 'arn:aws:s3:::b' }]);
    expect(authorizations({ service: 's3', path: '/b', query: new URLSearchParams('versions&prefix=x') })).toEqual([
      { action: 's3:ListBucketVersions', resource: 'arn:aws:s3:::b' },
    ]);
    const body = Buffer.from(
      '<Delete><Object><Key>a&amp;1</Key></Object><Object><Key>b</Key><VersionId>v</VersionId></Object></Delete>',
    );
    expect(
      authorizations({ service: 's3', method: 'POST', path: '/b', query: new URLSearchParams('delete'), body }),
    ).toEqual([
      { action: 's3:DeleteObject', resource: 'arn:aws:s3:::b/a&1' },
      { action: 's3:DeleteObjectVersion', resource: 'arn:aws:s3:::b/b' },
    ]);
    expect(
      authorizations({
        service: 's3',
        method: 'PUT',
        path: '/b/k',
        headers: { 'x-amz-copy-source': '/src/k2?versionId=1' },
      }),
    ).toEqual([
      { action: 's3:PutObject', resource: 'arn:aws:s3:::b/k' },
      { action: 's3:GetObjectVersion', resource: 'arn:aws:s3:::src/k2' },
    ]);
    expect(
      authorizations({ service: 's3', method: 'PUT', path: '/b', query: new URLSearchParams('policy') }),
    ).toMatchObject({ unmodelled: expect.any(String) });
  });

  it('DynamoDB: each item of a transaction needs its own action; a query on an index names the index', () => {
    const table = 'arn:aws:dynamodb:eu-west-3:000000000000:table/T';
    const dynamo = (target: string, body: unknown) =>
      authorizations({
        service: 'dynamodb',
        method: 'POST',
        headers: { 'x-amz-target': `DynamoDB_20120810.${target}` },
        body: Buffer.from(JSON.stringify(body)),
      });
    expect(
      dynamo('TransactWriteItems', {
        TransactItems: [
          { Put: { TableName: 'T' } },
          { Update: { TableName: 'T' } },
          { ConditionCheck: { TableName: 'T' } },
        ],
      }),
    ).toEqual([
      { action: 'dynamodb:PutItem', resource: table },
      { action: 'dynamodb:UpdateItem', resource: table },
      { action: 'dynamodb:ConditionCheckItem', resource: table },
    ]);
    expect(dynamo('Query', { TableName: 'T', IndexName: 'gsi1' })).toEqual([
      { action: 'dynamodb:Query', resource: `${table}/index/gsi1` },
    ]);
    expect(dynamo('BatchGetItem', { RequestItems: { T: {} } })).toEqual([
      { action: 'dynamodb:BatchGetItem', resource: table },
    ]);
  });

  it('SES on the sender identity, Step Functions, CloudFront and Lambda on their ARNs', () => {
    const form = new URLSearchParams({ Action: 'SendEmail', Source: "L'équipe <communication@example.org>" });
    expect(authorizations({ service: 'ses', method: 'POST', body: Buffer.from(form.toString()) })).toEqual([
      { action: 'ses:SendEmail', resource: 'arn:aws:ses:eu-west-3:000000000000:identity/communication@example.org' },
    ]);
    // A configuration set named by the send is authorized too (v1 form, v2 JSON).
    form.set('ConfigurationSetName', 'MailConfigurationSet');
    const withSet = [
      { action: 'ses:SendEmail', resource: 'arn:aws:ses:eu-west-3:000000000000:identity/communication@example.org' },
      {
        action: 'ses:SendEmail',
        resource: 'arn:aws:ses:eu-west-3:000000000000:configuration-set/MailConfigurationSet',
      },
    ];
    expect(authorizations({ service: 'ses', method: 'POST', body: Buffer.from(form.toString()) })).toEqual(withSet);
    const v2 = { FromEmailAddress: 'communication@example.org', ConfigurationSetName: 'MailConfigurationSet' };
    expect(
      authorizations({
        service: 'ses',
        method: 'POST',
        path: '/v2/email/outbound-emails',
        body: Buffer.from(JSON.stringify(v2)),
      }),
    ).toEqual(withSet);
    const machine = 'arn:aws:states:eu-west-3:000000000000:stateMachine:Avenir-Timeline';
    expect(
      authorizations({
        service: 'states',
        method: 'POST',
        headers: { 'x-amz-target': 'AWSStepFunctions.StartExecution' },
        body: Buffer.from(JSON.stringify({ stateMachineArn: machine })),
      }),
    ).toEqual([{ action: 'states:StartExecution', resource: machine }]);
    expect(
      authorizations({ service: 'cloudfront', method: 'POST', path: '/2020-05-31/distribution/E123/invalidation' }),
    ).toEqual([
      { action: 'cloudfront:CreateInvalidation', resource: 'arn:aws:cloudfront::000000000000:distribution/E123' },
    ]);
    expect(
      authorizations({ service: 'lambda', method: 'POST', path: '/2015-03-31/functions/PublishFunction/invocations' }),
    ).toEqual([
      { action: 'lambda:InvokeFunction', resource: 'arn:aws:lambda:eu-west-3:000000000000:function:PublishFunction' },
    ]);
  });
});

describe('S3 POST policy, enforced as S3 does', () => {
  const credentials = { accessKeyId: 'ASIALOCALAPI', secretAccessKey: 'secret' };
  const client = new S3Client({
    region: 'eu-west-3',
    credentials,
    endpoint: 'http://127.0.0.1:1',
    forcePathStyle: true,
  });
  const post = () =>
    createPresignedPost(client, {
      Bucket: 'uploads',
      Key: 'photos/a/1/x.jpg',
      Fields: { 'Content-Type': 'image/jpeg' },
      Conditions: [
        ['content-length-range', 1, 1000],
        ['eq', '$Content-Type', 'image/jpeg'],
      ],
      Expires: 60,
    });
  const check = (fields: Record<string, string>, fileSize = 10, now = new Date()) =>
    checkPostPolicy(
      { fields, bucket: 'uploads', fileSize },
      { now, secretFor: (id) => (id === credentials.accessKeyId ? credentials.secretAccessKey : undefined) },
    );

  it('accepts the form as signed', async () => {
    expect(check((await post()).fields)).toBeUndefined();
  });

  it('refuses a changed field, an extra field, a bigger file, an expired policy, a forged signature, an unknown key', async () => {
    const { fields } = await post();
    expect(check({ ...fields, 'Content-Type': 'text/html' })).toMatchObject({
      status: 403,
      code: 'AccessDenied',
      message: expect.stringContaining('["eq","$Content-Type","image/jpeg"]'),
    });
    expect(check({ ...fields, key: 'photos/b/1/x.jpg' })).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(check({ ...fields, 'x-amz-meta-extra': '1' })).toMatchObject({
      status: 403,
      message: expect.stringContaining('Extra input fields: x-amz-meta-extra'),
    });
    expect(check(fields, 1001)).toMatchObject({ status: 400, code: 'EntityTooLarge' });
    expect(check(fields, 0)).toMatchObject({ status: 400, code: 'EntityTooSmall' });
    expect(check(fields, 10, new Date(Date.now() + 120_000))).toMatchObject({
      status: 403,
      message: 'Invalid according to Policy: Policy expired.',
    });
    expect(check({ ...fields, 'X-Amz-Signature': '0'.repeat(64) })).toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
    expect(
      check({ ...fields, 'X-Amz-Credential': fields['X-Amz-Credential']!.replace(credentials.accessKeyId, 'OTHER') }),
    ).toMatchObject({ code: 'InvalidAccessKeyId' });
  });
});

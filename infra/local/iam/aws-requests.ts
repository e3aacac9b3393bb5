import { XMLParser } from 'fast-xml-parser';

/**
 * What AWS authorizes for one signed HTTP request: the IAM action(s) and resource ARN(s), read from
 * the request as the service reads it (not from the SDK command, so a presigned URL or a browser
 * form is judged like any other call). Written by hand because no maintained library maps wire
 * requests to IAM actions; each case follows the service's authorization reference
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/) for the calls this project
 * makes. Anything else is `unmodelled`: refused rather than guessed.
 */

export interface Authorization {
  action: string;
  resource: string;
}

export interface SignedRequest {
  /** The service of the signature's credential scope (s3, dynamodb, ses, states, cloudfront, lambda). */
  service: string;
  method: string;
  /** Raw path, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** The body, for the services whose authorization depends on it (JSON and form protocols, DeleteObjects). */
  body?: Buffer;
}

export interface AccountNames {
  region: string;
  accountId: string;
}

export type RequiredAuthorizations = { authorizations: Authorization[] } | { unmodelled: string };

const header = (req: SignedRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Services whose authorization needs the request body (the gateway buffers only those). */
export function needsBody(service: string, method: string, query: URLSearchParams): boolean {
  if (service === 's3') return method === 'POST' && query.has('delete');
  return ['dynamodb', 'ses', 'email', 'states', 'sqs'].includes(service);
}

export function requiredAuthorizations(req: SignedRequest, names: AccountNames): RequiredAuthorizations {
  switch (req.service) {
    case 's3':
      return s3Authorizations(req);
    case 'dynamodb':
      return dynamoDbAuthorizations(req, names);
    case 'ses':
    case 'email':
      return sesAuthorizations(req, names);
    case 'states':
      return stepFunctionsAuthorizations(req);
    case 'cloudfront':
      return cloudFrontAuthorizations(req, names);
    case 'lambda':
      return lambdaAuthorizations(req, names);
    case 'sqs':
      return sqsAuthorizations(req, names);
    default:
      return { unmodelled: `service ${req.service}` };
  }
}

// S3 (REST, path-style URLs: /bucket/key) ----------------------------------------------------------

/** Query parameters that select another operation on the same path (sub-resources). */
const S3_SUBRESOURCES = [
  'acl',
  'attributes',
  'cors',
  'delete',
  'lifecycle',
  'location',
  'notification',
  'policy',
  'tagging',
  'uploads',
  'uploadId',
  'versioning',
  'versions',
  'website',
  'legal-hold',
  'retention',
  'restore',
  'select',
  'torrent',
];
const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => name === 'Object' });

export const s3ObjectArn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`;
export const s3BucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`;

/** `/bucket/some%20key` → bucket and decoded key (S3 keys are percent-encoded segment by segment). */
export function s3Location(path: string): { bucket: string; key: string } {
  const [, bucket = '', ...rest] = path.split('/');
  return { bucket: decodeURIComponent(bucket), key: rest.map((segment) => decodeURIComponent(segment)).join('/') };
}

function s3Authorizations(req: SignedRequest): RequiredAuthorizations {
  const { bucket, key } = s3Location(req.path);
  const sub = S3_SUBRESOURCES.filter((name) => req.query.has(name));
  const versioned = req.query.has('versionId');
  const method = req.method.toUpperCase();
  const one = (action: string, resource: string): RequiredAuthorizations => ({
    authorizations: [{ action, resource }],
  });
  if (!bucket) return { unmodelled: 'S3 ListBuckets' };

  if (!key) {
    if ((method === 'GET' || method === 'HEAD') && sub.length === 0) return one('s3:ListBucket', s3BucketArn(bucket)); // ListObjects(V2), HeadBucket
    if (method === 'GET' && sub.join() === 'versions') return one('s3:ListBucketVersions', s3BucketArn(bucket));
    if (method === 'POST' && sub.join() === 'delete') {
      // DeleteObjects is authorized per object: s3:DeleteObject, or s3:DeleteObjectVersion for a given version.
      const parsed = xml.parse(req.body?.toString('utf8') ?? '') as {
        Delete?: { Object?: { Key?: string; VersionId?: string }[] };
      };
      const objects = parsed.Delete?.Object ?? [];
      return {
        authorizations: objects.map((o) => ({
          action: o.VersionId ? 's3:DeleteObjectVersion' : 's3:DeleteObject',
          resource: s3ObjectArn(bucket, String(o.Key ?? '')),
        })),
      };
    }
    return { unmodelled: `S3 ${method} /${bucket}?${sub.join('&')}` };
  }

  const object = s3ObjectArn(bucket, key);
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (sub.length === 0) return one(versioned ? 's3:GetObjectVersion' : 's3:GetObject', object);
      if (sub.join() === 'tagging')
        return one(versioned ? 's3:GetObjectVersionTagging' : 's3:GetObjectTagging', object);
      break;
    case 'PUT': {
      if (sub.length === 0 || sub.join() === 'uploadId') {
        const copySource = header(req, 'x-amz-copy-source');
        if (!copySource) return one('s3:PutObject', object);
        const [sourcePath = '', sourceQuery = ''] = decodeURIComponent(copySource).split('?');
        const source = s3Location(`/${sourcePath.replace(/^\//, '')}`);
        const sourceVersioned = new URLSearchParams(sourceQuery).has('versionId');
        return {
          authorizations: [
            { action: 's3:PutObject', resource: object },
            {
              action: sourceVersioned ? 's3:GetObjectVersion' : 's3:GetObject',
              resource: s3ObjectArn(source.bucket, source.key),
            },
          ],
        };
      }
      break;
    }
    case 'DELETE':
      if (sub.length === 0) return one(versioned ? 's3:DeleteObjectVersion' : 's3:DeleteObject', object);
      if (sub.join() === 'uploadId') return one('s3:AbortMultipartUpload', object);
      break;
    case 'POST':
      if (sub.join() === 'uploads' || sub.join() === 'uploadId') return one('s3:PutObject', object); // multipart upload
      break;
  }
  return { unmodelled: `S3 ${method} /${bucket}/${key}${sub.length ? `?${sub.join('&')}` : ''}` };
}

// DynamoDB (JSON 1.0, X-Amz-Target: DynamoDB_20120810.<Operation>) -----------------------------------

type Json = Record<string, unknown>;
const parseJson = (body: Buffer | undefined): Json => {
  try {
    const value = JSON.parse(body?.toString('utf8') || '{}') as unknown;
    return value && typeof value === 'object' ? (value as Json) : {};
  } catch {
    return {};
  }
};

const operationOf = (req: SignedRequest) => (header(req, 'x-amz-target') ?? '').split('.').pop() ?? '';

function dynamoDbAuthorizations(req: SignedRequest, names: AccountNames): RequiredAuthorizations {
  const operation = operationOf(req);
  const body = parseJson(req.body);
  const table = (name: unknown, index?: unknown) =>
    `arn:aws:dynamodb:${names.region}:${names.accountId}:table/${String(name)}${index ? `/index/${String(index)}` : ''}`;
  const perTable = (action: string, requestItems: unknown) =>
    Object.keys((requestItems ?? {}) as Json).map((name) => ({ action, resource: table(name) }));
  switch (operation) {
    case 'GetItem':
    case 'PutItem':
    case 'UpdateItem':
    case 'DeleteItem':
    case 'DescribeTable':
    case 'DescribeTimeToLive':
      return { authorizations: [{ action: `dynamodb:${operation}`, resource: table(body.TableName) }] };
    case 'Query':
    case 'Scan':
      return { authorizations: [{ action: `dynamodb:${operation}`, resource: table(body.TableName, body.IndexName) }] };
    case 'BatchGetItem':
      return { authorizations: perTable('dynamodb:BatchGetItem', body.RequestItems) };
    case 'BatchWriteItem':
      return { authorizations: perTable('dynamodb:BatchWriteItem', body.RequestItems) };
    case 'TransactGetItems':
      // Each item needs the action it performs (AWS: "permissions for the individual actions").
      return {
        authorizations: ((body.TransactItems ?? []) as Json[]).map((item) => ({
          action: 'dynamodb:GetItem',
          resource: table((item.Get as Json | undefined)?.TableName),
        })),
      };
    case 'TransactWriteItems': {
      const actions: Record<string, string> = {
        Put: 'dynamodb:PutItem',
        Update: 'dynamodb:UpdateItem',
        Delete: 'dynamodb:DeleteItem',
        ConditionCheck: 'dynamodb:ConditionCheckItem',
      };
      return {
        authorizations: ((body.TransactItems ?? []) as Json[]).flatMap((item) =>
          Object.entries(item).map(([kind, spec]) => ({
            action: actions[kind] ?? `dynamodb:${kind}`,
            resource: table((spec as Json).TableName),
          })),
        ),
      };
    }
    default:
      return { unmodelled: `DynamoDB ${operation || '(no X-Amz-Target)'}` };
  }
}

// SES (v1: query protocol; v2: REST JSON) -----------------------------------------------------------

/** `Name <address>` → address. */
const bareAddress = (from: string) => (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();

function sesAuthorizations(req: SignedRequest, names: AccountNames): RequiredAuthorizations {
  const identity = (address: string) =>
    `arn:aws:ses:${names.region}:${names.accountId}:identity/${bareAddress(address)}`;
  // A send that names a configuration set is authorized on it too (an identity's default set is not
  // in the request: SES checks it, this gateway cannot).
  const withSet = (action: string, sender: string, set: unknown): RequiredAuthorizations => ({
    authorizations: [
      { action, resource: sender },
      ...(typeof set === 'string' && set
        ? [{ action, resource: `arn:aws:ses:${names.region}:${names.accountId}:configuration-set/${set}` }]
        : []),
    ],
  });
  if (req.path.startsWith('/v2/email/outbound-emails')) {
    const body = parseJson(req.body);
    return withSet('ses:SendEmail', identity(String(body.FromEmailAddress ?? '')), body.ConfigurationSetName);
  }
  const form = new URLSearchParams(req.body?.toString('utf8') ?? '');
  const action = form.get('Action') ?? '';
  if (action === 'SendEmail' || action === 'SendRawEmail') {
    const source = form.get('SourceArn') ? null : form.get('Source');
    if (form.get('SourceArn'))
      return withSet(`ses:${action}`, form.get('SourceArn')!, form.get('ConfigurationSetName'));
    if (source) return withSet(`ses:${action}`, identity(source), form.get('ConfigurationSetName'));
    return { unmodelled: `SES ${action} without Source` };
  }
  return { unmodelled: `SES ${action || req.path}` };
}

// Step Functions (JSON 1.0, X-Amz-Target: AWSStepFunctions.<Operation>) ------------------------------

function stepFunctionsAuthorizations(req: SignedRequest): RequiredAuthorizations {
  const operation = operationOf(req);
  const body = parseJson(req.body);
  const on = (arn: unknown) => ({ authorizations: [{ action: `states:${operation}`, resource: String(arn ?? '') }] });
  switch (operation) {
    case 'StartExecution':
    case 'StartSyncExecution':
    case 'ListExecutions':
    case 'DescribeStateMachine':
      return on(body.stateMachineArn);
    case 'DescribeExecution':
    case 'StopExecution':
    case 'GetExecutionHistory':
      return on(body.executionArn);
    default:
      return { unmodelled: `Step Functions ${operation}` };
  }
}

// CloudFront (REST XML, global: signed for us-east-1) ----------------------------------------------

function cloudFrontAuthorizations(req: SignedRequest, names: AccountNames): RequiredAuthorizations {
  const distribution = (id: string) => `arn:aws:cloudfront::${names.accountId}:distribution/${id}`;
  const invalidation = /^\/\d{4}-\d{2}-\d{2}\/distribution\/([^/]+)\/invalidation(\/[^/]+)?$/.exec(req.path);
  if (invalidation) {
    let action = invalidation[2] ? 'cloudfront:GetInvalidation' : 'cloudfront:ListInvalidations';
    if (req.method === 'POST') action = 'cloudfront:CreateInvalidation';
    return { authorizations: [{ action, resource: distribution(invalidation[1]!) }] };
  }
  return { unmodelled: `CloudFront ${req.method} ${req.path}` };
}

// Lambda (REST JSON) ---------------------------------------------------------------------------------

/** A function name, partial ARN or ARN (with an optional qualifier) → its ARN, as Lambda resolves it. */
export function lambdaFunctionArn(nameOrArn: string, qualifier: string | null, names: AccountNames): string {
  const arn = nameOrArn.startsWith('arn:')
    ? nameOrArn
    : `arn:aws:lambda:${names.region}:${names.accountId}:function:${nameOrArn.replace(/^.*function:/, '')}`;
  return qualifier && arn.split(':').length === 7 ? `${arn}:${qualifier}` : arn;
}

function lambdaAuthorizations(req: SignedRequest, names: AccountNames): RequiredAuthorizations {
  const invoke = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(req.path);
  if (invoke && req.method === 'POST') {
    return {
      authorizations: [
        {
          action: 'lambda:InvokeFunction',
          resource: lambdaFunctionArn(decodeURIComponent(invoke[1]!), req.query.get('Qualifier'), names),
        },
      ],
    };
  }
  return { unmodelled: `Lambda ${req.method} ${req.path}` };
}

// SQS (JSON 1.0, X-Amz-Target: AmazonSQS.<Operation>; the queue named by its URL in the body) --------

/** `https://sqs.<region>.amazonaws.com/<account>/<name>` → the queue's name and account. */
export function sqsQueueOf(queueUrl: string): { accountId: string; name: string } | undefined {
  const match = /\/(\d{12})\/([^/?#]+)\/?$/.exec(queueUrl);
  return match ? { accountId: match[1]!, name: decodeURIComponent(match[2]!) } : undefined;
}

/** Batch calls are authorized as their single-message action (AWS's authorization reference). */
const SQS_ACTIONS: Record<string, string> = {
  SendMessage: 'sqs:SendMessage',
  SendMessageBatch: 'sqs:SendMessage',
  ReceiveMessage: 'sqs:ReceiveMessage',
  DeleteMessage: 'sqs:DeleteMessage',
  DeleteMessageBatch: 'sqs:DeleteMessage',
  ChangeMessageVisibility: 'sqs:ChangeMessageVisibility',
  ChangeMessageVisibilityBatch: 'sqs:ChangeMessageVisibility',
  GetQueueAttributes: 'sqs:GetQueueAttributes',
  PurgeQueue: 'sqs:PurgeQueue',
};

function sqsAuthorizations(req: SignedRequest, names: AccountNames): RequiredAuthorizations {
  const operation = operationOf(req);
  const body = parseJson(req.body);
  const action = SQS_ACTIONS[operation];
  const queue = sqsQueueOf(String(body.QueueUrl ?? ''));
  if (!action || !queue) return { unmodelled: `SQS ${operation || '(no X-Amz-Target)'}` };
  return { authorizations: [{ action, resource: `arn:aws:sqs:${names.region}:${queue.accountId}:${queue.name}` }] };
}

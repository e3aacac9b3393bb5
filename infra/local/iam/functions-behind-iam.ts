import { randomUUID } from 'node:crypto';
import { paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { asyncFailureRecord, onFailureDestinations, type AsyncFailureRecord } from '../async-failures.ts';
import { LambdaRuntime, localSdkEnvironment } from '../lambda-runtime.ts';
import { s3Client } from '../s3.ts';
import { createLogger } from '../log.ts';
import type { CfnTemplate, LocalFunction, Resolve } from '../template.ts';
import { escapeXml, startIamGateway, type GatewayIdentity, type GatewayOptions } from './gateway.ts';
import { bucketPolicies, PolicyEvaluator, rolePrincipals } from './policies.ts';

/**
 * The functions of a template, each in its own environment with its own credentials, and the IAM
 * gateway that every one of their SDK calls goes through (checked against their roles in that
 * template). The local stack runs one; a test can run another on a modified template against the
 * same emulators, to prove that a grant taken away is a call refused.
 */
export interface FunctionsBehindIam {
  runtime: LambdaRuntime;
  gateway: Awaited<ReturnType<typeof startIamGateway>>;
  /** The same policies, for the checks made outside the gateway (CloudFront's origin access). */
  evaluator: PolicyEvaluator;
  /** Hands an asynchronous invocation that failed every retry to the function's on-failure queue. */
  recordFailure: (logicalId: string, record: AsyncFailureRecord) => Promise<void>;
  stop(): Promise<void>;
}

/** Delays before the retries of an asynchronous invocation (Lambda waits about 1 then 2 minutes). */
const ASYNC_RETRY_DELAYS_MS = [500, 1000];

export async function startFunctionsBehindIam(options: {
  template: CfnTemplate;
  resolve: Resolve;
  functions: LocalFunction[];
  region: string;
  accountId: string;
  /** The operator's key pair (allowed everything): provisioning, the front, tests. */
  operator: { accessKeyId: string; secretAccessKey: string };
  targets: GatewayOptions['targets'];
  sqsQueueUrl?: GatewayOptions['sqsQueueUrl'];
  cognitoUrl: string;
  quiet?: boolean;
}): Promise<FunctionsBehindIam> {
  const { template, resolve, functions, region, accountId } = options;
  const principals = new Map(
    rolePrincipals(
      template,
      resolve,
      accountId,
      functions.map((fn) => fn.logicalId),
    ).map((p) => [p.functionId, p]),
  );
  const identities = new Map<string, GatewayIdentity>([[options.operator.accessKeyId, { ...options.operator }]]);
  // `runtime` and `recordFailure` are declared below: the gateway's Lambda API uses them, and they need the
  // gateway's URL; nothing calls these closures before they exist.
  const log = createLogger('lambda', { quiet: options.quiet });
  /** Lambda's asynchronous invocation: queued, retried, then handed to the on-failure destination. */
  const invokeAsync = async (fn: LocalFunction, payload: unknown) => {
    const requestId = randomUUID();
    for (let attempt = 1; ; attempt += 1) {
      try {
        await runtime.invoke(fn.entry, payload, { source: 'lambda-invoke-async' });
        return;
      } catch (thrown) {
        const error = thrown instanceof Error ? thrown : new Error(String(thrown));
        if (attempt > fn.maxRetryAttempts) {
          const functionArn = `arn:aws:lambda:${region}:${accountId}:function:${fn.logicalId}`;
          await recordFailure(
            fn.logicalId,
            asyncFailureRecord({ functionArn, requestId, attempts: attempt, payload, error }),
          );
          return;
        }
        await new Promise((resolve) =>
          setTimeout(resolve, ASYNC_RETRY_DELAYS_MS[Math.min(attempt - 1, ASYNC_RETRY_DELAYS_MS.length - 1)]),
        );
      }
    }
  };
  const evaluator = new PolicyEvaluator(accountId, bucketPolicies(template, resolve));
  const gateway = await startIamGateway({
    region,
    accountId,
    identityFor: (accessKeyId) => identities.get(accessKeyId),
    evaluator,
    targets: options.targets,
    sqsQueueUrl: options.sqsQueueUrl,
    lambda: async (functionArn, payload, invocationType) => {
      const fn = runtime.functionFor(functionArn);
      if (!fn) throw new Error(`Function not found: ${functionArn}`);
      if (invocationType === 'Event') {
        void invokeAsync(fn, payload); // accepted at once (202), run after, as Lambda's async queue does
        return { payload: null };
      }
      return runtime.invoke(fn.entry, payload, { source: 'lambda-invoke' }).then(
        (value) => ({ payload: value }),
        (error: Error) => ({
          payload: { errorType: error.name, errorMessage: error.message, trace: error.stack?.split('\n') ?? [] },
          functionError: 'Unhandled',
        }),
      );
    },
    s3ListObjectVersions: options.targets.s3 ? listVersionsFrom(s3Client(options.targets.s3, region)) : undefined,
    log: createLogger('iam', { quiet: options.quiet }),
  });
  const runtime = new LambdaRuntime(functions, {
    region,
    accountId,
    log,
    sdkEnv: localSdkEnvironment(region, { gateway: gateway.url, cognito: options.cognitoUrl }),
  });
  for (const [functionId, credentials] of runtime.credentials)
    identities.set(credentials.accessKeyId, { ...credentials, principal: principals.get(functionId) });
  const recordFailure: FunctionsBehindIam['recordFailure'] = onFailureDestinations({
    functions,
    credentials: runtime.credentials,
    endpoint: gateway.url,
    region,
    accountId,
    log,
  });
  const started = runtime;
  return {
    runtime: started,
    gateway,
    evaluator,
    recordFailure,
    stop: async () => {
      await started.stop();
      await gateway.stop();
    },
  };
}

/**
 * ListObjectVersions, which s3rver lacks (it keeps no versions): each current object is listed as
 * its only version, with the id S3 gives objects stored before versioning (`null`), in one page.
 */
function listVersionsFrom(s3: ReturnType<typeof s3Client>) {
  return async (bucket: string, query: URLSearchParams): Promise<string> => {
    const prefix = query.get('prefix') ?? '';
    const versions: string[] = [];
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: prefix })) {
      for (const o of page.Contents ?? []) {
        versions.push(
          `<Version><Key>${escapeXml(o.Key ?? '')}</Key><VersionId>null</VersionId><IsLatest>true</IsLatest><LastModified>${o.LastModified?.toISOString() ?? ''}</LastModified><ETag>${escapeXml(o.ETag ?? '')}</ETag><Size>${o.Size ?? 0}</Size><StorageClass>STANDARD</StorageClass></Version>`,
        );
      }
    }
    return `<?xml version="1.0" encoding="UTF-8"?>\n<ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${escapeXml(bucket)}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyMarker></KeyMarker><VersionIdMarker></VersionIdMarker><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${versions.join('')}</ListVersionsResult>`;
  };
}

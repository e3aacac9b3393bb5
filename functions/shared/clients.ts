import { Tracer } from '@aws-lambda-powertools/tracer';
import { CloudFront } from '@aws-sdk/client-cloudfront';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * X-Ray subsegments for every SDK call (service, operation, duration, error), under the segment
 * Lambda's active tracing opens for each invocation. Powertools' Tracer is off outside Lambda (no
 * AWS_EXECUTION_ENV, as in the local stack's workers and the tests): `captureAWSv3Client` then
 * returns the client untouched and nothing tries to reach an X-Ray daemon. The only outgoing
 * requests are SDK calls, so the global patch of http/https/fetch is left off.
 */
const tracer = new Tracer({ captureHTTPsRequests: false });

/*
 * SDK clients, each created once per cold start, on first use, and passed into adapters. One
 * function per client, so that a bundle holds only the SDKs its function calls (esbuild drops the
 * unused ones and their imports, told by the PURE marks that creating a getter has no side effect;
 * test/infra/bundles.test.ts checks it). Endpoints come from the
 * standard AWS_ENDPOINT_URL_<SERVICE> variables (unset on AWS).
 */
const once = <T>(create: () => T) => {
  let client: T | undefined;
  return () => (client ??= create());
};

/** The clients every function's context holds (functions/services/context.ts); a test may pass its own. */
export interface Clients {
  dynamo: DynamoDBDocumentClient;
}

// The document client shares the captured client's middleware stack, hence its tracing.
export const dynamoClient = /* @__PURE__ */ once(() =>
  DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }),
);
// An overridden S3 endpoint needs path-style URLs.
export const s3Client = /* @__PURE__ */ once(() =>
  tracer.captureAWSv3Client(new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) })),
);
export const sesClient = /* @__PURE__ */ once(() => tracer.captureAWSv3Client(new SESClient({})));
/** Step Functions (the campaign timeline); AWS_ENDPOINT_URL_SFN points it at the local emulator. */
export const sfnClient = /* @__PURE__ */ once(() => tracer.captureAWSv3Client(new SFNClient({})));
/** Lambda (the timeline invokes the publish function); AWS_ENDPOINT_URL_LAMBDA points it at the local stack. */
export const lambdaClient = /* @__PURE__ */ once(() => tracer.captureAWSv3Client(new LambdaClient({})));
// The endpoint, not the queue URL's host: the same host on AWS (sqs.<region>.amazonaws.com), and
// locally the only way to reach the emulator behind the IAM gateway.
export const sqsClient = /* @__PURE__ */ once(() =>
  tracer.captureAWSv3Client(new SQSClient({ useQueueUrlAsEndpoint: false })),
);
/** CloudFront, for the publish function's invalidations. The aggregated client has `createInvalidation`. */
export const cloudFrontClient = /* @__PURE__ */ once(() => tracer.captureAWSv3Client(new CloudFront({})));

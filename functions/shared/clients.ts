import { Tracer } from '@aws-lambda-powertools/tracer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';

export interface Clients {
  dynamo: DynamoDBDocumentClient;
  s3: S3Client;
  ses: SESClient;
  /** Step Functions (the campaign timeline); AWS_ENDPOINT_URL_SFN points it at the local emulator. */
  sfn: SFNClient;
  /** Lambda (the timeline invokes the publish function); AWS_ENDPOINT_URL_LAMBDA points it at the local stack. */
  lambda: LambdaClient;
  /** SQS (the mail queue). */
  sqs: SQSClient;
}

/**
 * X-Ray subsegments for every SDK call (service, operation, duration, error), under the segment
 * Lambda's active tracing opens for each invocation. Powertools' Tracer is off outside Lambda (no
 * AWS_EXECUTION_ENV, as in the local stack's workers and the tests): `captureAWSv3Client` then
 * returns the client untouched and nothing tries to reach an X-Ray daemon. The only outgoing
 * requests are SDK calls, so the global patch of http/https/fetch is left off.
 */
const tracer = new Tracer({ captureHTTPsRequests: false });

/**
 * SDK clients, created once per cold start and passed into adapters. Endpoints come from the standard
 * AWS_ENDPOINT_URL_<SERVICE> variables (unset on AWS); an overridden S3 endpoint needs path-style URLs.
 */
export function createClients(): Clients {
  return {
    // The document client shares the captured client's middleware stack, hence its tracing.
    dynamo: DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})), {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    }),
    s3: tracer.captureAWSv3Client(new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) })),
    ses: tracer.captureAWSv3Client(new SESClient({})),
    sfn: tracer.captureAWSv3Client(new SFNClient({})),
    lambda: tracer.captureAWSv3Client(new LambdaClient({})),
    // The endpoint, not the queue URL's host: the same host on AWS (sqs.<region>.amazonaws.com), and
    // locally the only way to reach the emulator behind the IAM gateway.
    sqs: tracer.captureAWSv3Client(new SQSClient({ useQueueUrlAsEndpoint: false })),
  };
}

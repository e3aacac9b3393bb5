import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/*
 * Every SDK client getter (functions/shared/clients/, one module per client, created once per cold
 * start and passed into adapters), for what wants them all: the tracing test. Functions import the
 * one they call from its own module, so that a chunk holds only its route's SDKs.
 */
export { cloudFrontClient } from './clients/cloudfront.ts';
export { dynamoClient } from './clients/dynamo.ts';
export { lambdaClient } from './clients/lambda.ts';
export { s3Client } from './clients/s3.ts';
export { sesClient } from './clients/ses.ts';
export { sfnClient } from './clients/sfn.ts';
export { sqsClient } from './clients/sqs.ts';

/** The clients every function's context holds (functions/services/context.ts); a test may pass its own. */
export interface Clients {
  dynamo: DynamoDBDocumentClient;
}

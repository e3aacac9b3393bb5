import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { SFNClient } from '@aws-sdk/client-sfn';

export interface Clients {
  dynamo: DynamoDBDocumentClient;
  s3: S3Client;
  ses: SESClient;
  /** Step Functions (the campaign timeline); AWS_ENDPOINT_URL_SFN points it at the local emulator. */
  sfn: SFNClient;
  /** Lambda (the timeline invokes the publish function); AWS_ENDPOINT_URL_LAMBDA points it at the local stack. */
  lambda: LambdaClient;
}

/**
 * SDK clients, created once per cold start and passed into adapters. Endpoints come from the standard
 * AWS_ENDPOINT_URL_<SERVICE> variables (unset on AWS); an overridden S3 endpoint needs path-style URLs.
 */
export function createClients(): Clients {
  return {
    dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    }),
    s3: new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }),
    ses: new SESClient({}),
    sfn: new SFNClient({}),
    lambda: new LambdaClient({}),
  };
}

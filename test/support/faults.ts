import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import type { Fault, FaultSpec } from '../../infra/local/iam/faults.ts';
import { localStack } from './local-clients.ts';

/**
 * Faults at the SDK boundary of the local stack (`/_local/faults`, infra/local/iam/faults.ts): the
 * next calls of a function fail with an AWS error, as its SDK would receive it from AWS. The SDK
 * retries throttling and 5xx errors itself: a fault must cover every attempt of a call (`sdkAttempts`)
 * for the handler to see it.
 */

/**
 * How many attempts the SDK makes per call, per service, read from the SDK the handlers bundle (the
 * same version): 3 by default, DynamoDB's client 4 (its own default since the 2026 retry behaviour).
 */
export async function sdkAttempts(): Promise<{ dynamodb: number; s3: number; ses: number }> {
  const config = { region: 'eu-west-3' };
  const [dynamodb, s3, ses] = [new DynamoDBClient(config), new S3Client(config), new SESClient(config)];
  try {
    return {
      dynamodb: await dynamodb.config.maxAttempts(),
      s3: await s3.config.maxAttempts(),
      ses: await ses.config.maxAttempts(),
    };
  } finally {
    for (const client of [dynamodb, s3, ses]) client.destroy();
  }
}

export async function injectFault(spec: FaultSpec, stack = localStack()): Promise<Fault> {
  const res = await fetch(`${stack.urls.front}/_local/faults`, { method: 'POST', body: JSON.stringify(spec) });
  const body = (await res.json()) as { fault?: Fault; message?: string };
  if (res.status !== 201) throw new Error(`fault refused (${res.status}): ${body.message}`);
  return body.fault!;
}

/** Every fault registered since the last clear, spent ones included (`hits`, `remaining`). */
export async function listFaults(stack = localStack()): Promise<Fault[]> {
  const res = await fetch(`${stack.urls.front}/_local/faults`);
  return ((await res.json()) as { faults: Fault[] }).faults;
}

export async function faultById(id: string, stack = localStack()): Promise<Fault> {
  const fault = (await listFaults(stack)).find((f) => f.id === id);
  if (!fault) throw new Error(`fault ${id} gone`);
  return fault;
}

export async function clearFaults(stack = localStack()): Promise<void> {
  await fetch(`${stack.urls.front}/_local/faults`, { method: 'DELETE' });
}

/** AWS's errors as each service sends them (status and code), for `error`. */
export const awsErrors = {
  dynamoDbThrottling: {
    status: 400,
    code: 'ThrottlingException',
    message: 'Rate of requests exceeds the allowed throughput.',
  },
  dynamoDbInternal: { status: 500, code: 'InternalServerError', message: 'Internal server error' },
  sesThrottling: { status: 400, code: 'Throttling', message: 'Maximum sending rate exceeded.' },
  sesInternal: {
    status: 500,
    code: 'InternalFailure',
    message: 'The request processing has failed because of an unknown error, exception or failure.',
  },
  sesUnavailable: { status: 503, code: 'ServiceUnavailable', message: 'Service Unavailable' },
  s3SlowDown: { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' },
} as const;

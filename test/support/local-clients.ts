import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { inject } from 'vitest';
import { issueToken, type Tokens } from '../../infra/local/cognito.ts';
import type { Invocation } from '../../infra/local/lambda-runtime.ts';
import type { Delivery } from '../../infra/local/s3-dispatcher.ts';
import type { ProvidedStack } from './local-stack-setup.ts';

/** SDK clients and waits for tests, pointed at the stack the integration global setup started. */

export const localStack = (): ProvidedStack => inject('stack');

const credentials = (stack: ProvidedStack) => ({
  accessKeyId: stack.env.AWS_ACCESS_KEY_ID!,
  secretAccessKey: stack.env.AWS_SECRET_ACCESS_KEY!,
});

/**
 * Path-style and checksums only when required: what s3rver needs (see infra/local/s3.ts). Through the
 * IAM gateway, as the operator (allowed everything), for the S3 calls the gateway answers itself.
 */
export function localS3(stack = localStack()): S3Client {
  return new S3Client({
    endpoint: stack.urls.gateway,
    region: stack.env.AWS_REGION,
    forcePathStyle: true,
    credentials: credentials(stack),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** The operator's SQS client, through the IAM gateway (which forwards to the emulator). */
export function localSqs(stack = localStack()): SQSClient {
  return new SQSClient({
    endpoint: stack.urls.gateway,
    region: stack.env.AWS_REGION,
    credentials: credentials(stack),
    useQueueUrlAsEndpoint: false,
  });
}

export function localDynamoDb(stack = localStack()): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: stack.urls.dynamodb,
    region: stack.env.AWS_REGION,
    credentials: credentials(stack),
  });
}

export function localCognito(stack = localStack()): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: stack.urls.cognito,
    region: stack.env.AWS_REGION,
    credentials: credentials(stack),
  });
}

/** Tokens of a user of the local pool (the local admin by default), as the console's sign-in gets them. */
export function signIn(stack = localStack(), user = stack.admin): Promise<Tokens> {
  return issueToken(
    { url: stack.urls.cognito, clientId: stack.cognito.clientId, region: stack.env.AWS_REGION },
    user.email,
    user.password,
  );
}

async function poll<T>(what: string, read: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await read();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: nothing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Recent S3 deliveries of the dispatcher, newest first. */
export async function deliveries(stack = localStack()): Promise<Delivery[]> {
  const res = await fetch(`${stack.urls.front}/_local/deliveries`);
  return ((await res.json()) as { deliveries: Delivery[] }).deliveries;
}

/** The first delivery matching, once the dispatcher has handed it to the handler (whatever the outcome). */
export function waitForDelivery(
  match: (delivery: Delivery) => boolean,
  { stack = localStack(), timeoutMs = 15_000 } = {},
): Promise<Delivery> {
  return poll(
    'waitForDelivery',
    async () => (await deliveries(stack)).find((d) => match(d) && d.attempts > 0),
    timeoutMs,
  );
}

/** Recent handler invocations, newest first. */
export async function invocations(stack = localStack()): Promise<Invocation[]> {
  const res = await fetch(`${stack.urls.front}/_local/invocations`);
  return ((await res.json()) as { invocations: Invocation[] }).invocations;
}

/**
 * Runs one function once inside the stack (its own environment, its role checked by the IAM gateway),
 * as `npm run invoke` does; a handler error is rethrown with its name (e.g. Superseded).
 */
export async function invokeFunction(entry: string, event: unknown, stack = localStack()): Promise<unknown> {
  const res = await fetch(`${stack.urls.front}/_local/invoke`, {
    method: 'POST',
    body: JSON.stringify({ entry, event }),
  });
  const answer = (await res.json()) as {
    result?: unknown;
    errorType?: string;
    errorMessage?: string;
    message?: string;
  };
  if (res.status === 200) return answer.result;
  throw Object.assign(new Error(answer.errorMessage ?? answer.message ?? `HTTP ${res.status}`), {
    name: answer.errorType ?? 'Error',
  });
}

/** A user of a pool, with a permanent password, optionally in a group (the admin group, or none). */
export async function createPoolUser(userPoolId: string, email: string, password: string, group?: string) {
  const cognito = localCognito();
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: email,
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
      MessageAction: 'SUPPRESS',
    }),
  );
  await cognito.send(
    new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: email, Password: password, Permanent: true }),
  );
  if (group)
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: group }));
}

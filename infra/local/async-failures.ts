import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { FunctionCredentials } from './lambda-runtime.ts';
import type { Logger } from './log.ts';
import type { LocalFunction } from './template.ts';

/** What Lambda sends to an on-failure destination once an asynchronous invocation failed every retry. */
export interface AsyncFailureRecord {
  version: '1.0';
  timestamp: string;
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: 'RetriesExhausted';
    approximateInvokeCount: number;
  };
  requestPayload: unknown;
  responseContext: { statusCode: number; executedVersion: string; functionError: string };
  responsePayload: { errorType: string; errorMessage: string };
}

export function asyncFailureRecord(input: {
  functionArn: string;
  requestId: string;
  attempts: number;
  payload: unknown;
  error: Error;
}): AsyncFailureRecord {
  return {
    version: '1.0',
    timestamp: new Date().toISOString(),
    requestContext: {
      requestId: input.requestId,
      functionArn: `${input.functionArn}:$LATEST`,
      condition: 'RetriesExhausted',
      approximateInvokeCount: input.attempts,
    },
    requestPayload: input.payload,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: { errorType: input.error.name, errorMessage: input.error.message },
  };
}

/**
 * Sends failure records to each function's on-failure queue (its EventInvokeConfig), signed with the
 * function's credentials through the IAM gateway: Lambda uses the execution role for destinations,
 * so a role without sqs:SendMessage on its queue loses the record here as on AWS (and it is logged).
 */
export function onFailureDestinations(options: {
  functions: LocalFunction[];
  credentials: Map<string, FunctionCredentials>;
  endpoint: string;
  region: string;
  accountId: string;
  log: Logger;
}): (logicalId: string, record: AsyncFailureRecord) => Promise<void> {
  const clients = new Map<string, SQSClient>();
  return async (logicalId, record) => {
    const fn = options.functions.find((f) => f.logicalId === logicalId);
    const credentials = options.credentials.get(logicalId);
    if (!fn?.onFailureQueue || !credentials) {
      options.log.error('async invocation failed, no on-failure destination', {
        function: logicalId,
        requestId: record.requestContext.requestId,
      });
      return;
    }
    let client = clients.get(logicalId);
    if (!client)
      clients.set(
        logicalId,
        (client = new SQSClient({
          region: options.region,
          endpoint: options.endpoint,
          credentials,
          useQueueUrlAsEndpoint: false,
        })),
      );
    try {
      await client.send(
        new SendMessageCommand({
          QueueUrl: `https://sqs.${options.region}.amazonaws.com/${options.accountId}/${fn.onFailureQueue}`,
          MessageBody: JSON.stringify(record),
        }),
      );
    } catch (error) {
      options.log.error('failure record not delivered to its destination', {
        function: logicalId,
        requestId: record.requestContext.requestId,
        error: String(error),
      });
    }
  };
}

import type { Context } from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import apiEvent from '../../events/apigw-v2-request.json' with { type: 'json' };
import s3Event from '../../events/s3-object-created.json' with { type: 'json' };
import { functionOutput, stubFunctionEnv } from '../support/function-output.ts';

/**
 * The handlers' logs as CloudWatch gets them (functions/shared/log.ts): each line one JSON object in
 * Powertools' format, the function's entry as service, the Lambda context's cold start and request
 * id, the invocation's correlation id, an error's stack on a 5xx, and no email address anywhere.
 * Real handler modules, a fake Lambda context; DynamoDB points at a closed port so the API fails
 * for real (a 500) on a request that carries a contact's email.
 */
const context = (awsRequestId: string, functionName = 'avenir-api'): Context =>
  ({
    awsRequestId,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-3:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 's',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 10_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  }) as Context;

let output = '';
/** Runs `fn` and returns what it wrote on stdout and stderr, as parsed lines (`output`: the text). */
async function lines(fn: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const written = await functionOutput(fn);
  output = written.text;
  return written.lines;
}

const httpEvent = (method: string, path: string, requestId: string, body?: string) => ({
  ...apiEvent,
  rawPath: path,
  body,
  isBase64Encoded: false,
  requestContext: { ...apiEvent.requestContext, requestId, http: { ...apiEvent.requestContext.http, method, path } },
});

beforeAll(() => {
  stubFunctionEnv();
  // Set by Lambda; Powertools reports a cold start only for an on-demand environment.
  vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
  // Set by Lambda's active tracing for each invocation: the line's way to its X-Ray trace.
  vi.stubEnv('_X_AMZN_TRACE_ID', 'Root=1-6751a2b3-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1');
});
afterEach(() => vi.restoreAllMocks());

describe('function logs', () => {
  it('the API: JSON objects with level, message, service, cold start, request id, X-Ray trace id and API Gateway request id as correlation id', async () => {
    const { handler } = await import('../../functions/api/index.ts');
    const first = await lines(() =>
      handler(httpEvent('GET', '/api/nothing', 'apigw-req-1') as never, context('lambda-req-1')),
    );
    const second = await lines(() =>
      handler(httpEvent('GET', '/api/nothing', 'apigw-req-2') as never, context('lambda-req-2')),
    );
    expect(first).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'request',
        service: 'api',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        cold_start: true,
        function_request_id: 'lambda-req-1',
        function_name: 'avenir-api',
        xray_trace_id: '1-6751a2b3-0123456789abcdef01234567',
        correlation_id: 'apigw-req-1',
        method: 'GET',
        route: '/api/nothing',
        status: 404,
      }),
    ]);
    expect(second).toEqual([
      expect.objectContaining({
        cold_start: false,
        function_request_id: 'lambda-req-2',
        correlation_id: 'apigw-req-2',
      }),
    ]);
  });

  it('a 5xx is an ERROR with its stack, and no email of the request reaches the logs', async () => {
    const { handler } = await import('../../functions/api/index.ts');
    expect(apiEvent.body).toContain('@');
    let status: number | undefined;
    const logged = await lines(async () => {
      status = (
        await handler(
          httpEvent('POST', '/api/applications', 'apigw-req-3', apiEvent.body) as never,
          context('lambda-req-3'),
        )
      ).statusCode;
    });
    expect(status).toBe(500);
    const error = logged.find((l) => l.message === 'unhandled error');
    expect(error).toMatchObject({
      level: 'ERROR',
      service: 'api',
      correlation_id: 'apigw-req-3',
      function_request_id: 'lambda-req-3',
    });
    expect((error!.error as { stack?: string }).stack).toMatch(/ECONNREFUSED|connect/);
    expect(logged.find((l) => l.message === 'request')).toMatchObject({ level: 'INFO', status: 500 });
    expect(output).not.toContain('@');
    expect(output.toLowerCase()).not.toContain('email');
  });

  it('an address that slips into a value (an SES refusal) is masked; an error keeps its name, message, stack and code, not the item it carries', async () => {
    const { log, logError } = await import('../../functions/shared/log.ts');
    const refused = Object.assign(new Error('The conditional request failed'), {
      name: 'ConditionalCheckFailedException',
      code: 'ConditionalCheckFailedException',
      $metadata: { httpStatusCode: 400 },
      Item: { lastName: { S: 'Dupont' } },
    });
    const logged = await lines(async () => {
      log.error('email refused by SES', {
        kind: 'welcome',
        reason: 'Email address is not verified: jeanne.dupont@example.fr',
      });
      log.error('write failed', { error: logError(refused) });
    });
    expect(logged[0]).toMatchObject({ level: 'ERROR', reason: 'Email address is not verified: [email]' });
    expect(logged[1]!.error).toEqual({
      name: 'ConditionalCheckFailedException',
      message: 'The conditional request failed',
      stack: expect.stringContaining('logs.test.ts'),
      code: 'ConditionalCheckFailedException',
      $metadata: { httpStatusCode: 400 },
    });
    expect(output).not.toContain('jeanne.dupont');
    expect(output).not.toContain('Dupont');
  });

  it('the photo function: a warning stays a WARN, with the bucket and key as correlation id when the key names no file', async () => {
    const { handler } = await import('../../functions/photo/index.ts');
    const event = structuredClone(s3Event) as typeof s3Event;
    event.Records[0]!.s3.object.key = 'photos/not-a-file.jpg';
    const logged = await lines(() => handler(event as never, context('lambda-req-4', 'avenir-photo')));
    expect(logged).toEqual([
      expect.objectContaining({
        level: 'WARN',
        message: 'unexpected key',
        service: 'photo',
        cold_start: true,
        function_request_id: 'lambda-req-4',
        correlation_id: `${event.Records[0]!.s3.bucket.name}/photos/not-a-file.jpg`,
      }),
    ]);
  });

  it('the photo function: the file id of the key as correlation id; a failure (DynamoDB unreachable) is an ERROR with its stack before Lambda retries', async () => {
    const { handler } = await import('../../functions/photo/index.ts');
    const applicationId = '3f0c6d1e-8a41-4c1b-9d7e-2b5f6a7c8d9e';
    const event = structuredClone(s3Event) as typeof s3Event;
    event.Records[0]!.s3.object.key = `photos/${applicationId}/1/0123456789abcdef0123456789abcdef.jpg`;
    const logged = await lines(() =>
      handler(event as never, context('lambda-req-5', 'avenir-photo')).catch(() => undefined),
    );
    expect(logged).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'invocation failed',
        service: 'photo',
        cold_start: false,
        correlation_id: applicationId,
        applicationId,
      }),
    ]);
    expect((logged[0]!.error as { stack: string }).stack).toMatch(/ECONNREFUSED/);
  });

  it('the timeline: the execution name as correlation id, with the campaign; a failed task is logged with its stack', async () => {
    const { handler } = await import('../../functions/timeline/index.ts');
    const logged = await lines(() =>
      handler(
        { action: 'nope', campaignId: 'camp-2028', datesVersion: 2 },
        context('lambda-req-6', 'avenir-timeline'),
      ).catch(() => undefined),
    );
    expect(logged).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'invocation failed',
        service: 'timeline',
        cold_start: true,
        correlation_id: 'camp-2028-v2',
        campaignId: 'camp-2028',
        execution: 'camp-2028-v2',
      }),
    ]);
    // zod/mini's parse error is zod core's `$ZodError` (classic zod's subclass was `ZodError`).
    expect((logged[0]!.error as { name: string; stack: string }).name).toBe('$ZodError');
  });

  it('errors that are part of the flow (a superseded execution) are warnings', async () => {
    const { withLambdaLogs } = await import('../../functions/shared/log.ts');
    const handler = withLambdaLogs(
      'timeline',
      async () => {
        throw Object.assign(new Error('campaign c is at dates version 3'), { name: 'Superseded' });
      },
      { correlate: () => ({ correlation_id: 'c-v2' }), expectedErrors: ['Superseded'] },
    );
    const logged = await lines(() => handler({}, context('lambda-req-7', 'avenir-timeline')).catch(() => undefined));
    expect(logged).toEqual([
      expect.objectContaining({ level: 'WARN', message: 'invocation failed', correlation_id: 'c-v2' }),
    ]);
  });
});

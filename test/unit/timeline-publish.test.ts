import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The timeline publishes by invoking the publish function (functions/timeline/publish-site.ts):
 * the real SDK client against a small HTTP server that answers Lambda's Invoke API, reached
 * through AWS_ENDPOINT_URL_LAMBDA as the local stack does.
 */

interface Call {
  path: string;
  invocationType: string | undefined;
  body: unknown;
}
const calls: Call[] = [];
let reply: { status?: number; headers?: Record<string, string>; body: unknown } = { body: {} };
let server: Server;

const read = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const PUBLISH_ARN = 'arn:aws:lambda:eu-west-3:111111111111:function:PublishFunction';

beforeAll(async () => {
  server = createServer((req, res) => {
    void read(req).then((body) => {
      calls.push({
        path: decodeURIComponent(req.url ?? ''),
        invocationType: req.headers['x-amz-invocation-type'] as string | undefined,
        body: JSON.parse(body),
      });
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_LAMBDA: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    AWS_REGION: 'eu-west-3',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // Powertools' Logger then writes through the global console, which the test reads.
    POWERTOOLS_DEV: 'true',
    TABLE_NAME: 'Table',
    UPLOADS_BUCKET: 'uploads',
    MEDIA_BUCKET: 'media',
    MAIL_FROM: 'noreply@example.org',
    ADMIN_EMAIL: 'equipe@example.org',
    SITE_URL: 'https://initiatives.example.org',
    PUBLISH_FUNCTION: PUBLISH_ARN,
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  calls.length = 0;
});

describe('publishSite', () => {
  it('invokes the publish function synchronously with {campaignId, mode} and logs the counts it returns', async () => {
    const { publishSite } = await import('../../functions/timeline/publish-site.ts');
    reply = {
      body: {
        campaignId: 'c-2028',
        mode: 'holding',
        initiatives: 0,
        files: 40,
        written: ['/index.html', '/404.html'],
        deleted: [],
        invalidated: ['/', '/index.html'],
        invalidationId: 'I1',
      },
    };
    // Powertools' Logger writes its JSON lines through console.info (the Lambda runtime's stdout).
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    await publishSite('c-2028', 'holding');
    expect(calls).toEqual([
      {
        path: `/2015-03-31/functions/${PUBLISH_ARN}/invocations`,
        invocationType: 'RequestResponse',
        body: { campaignId: 'c-2028', mode: 'holding' },
      },
    ]);
    const logged = info.mock.calls.map(([line]) => String(line)).find((line) => line.includes('site published'));
    info.mockRestore();
    expect(JSON.parse(logged!)).toMatchObject({
      campaignId: 'c-2028',
      mode: 'holding',
      files: 40,
      written: 2,
      deleted: 0,
      invalidated: 2,
      initiatives: 0,
    });
    expect(logged).not.toContain('/index.html');
  });

  it('throws PublishFailed on a function error (a refusal included), so the state machine retries the task', async () => {
    const { publishSite, PublishFailed } = await import('../../functions/timeline/publish-site.ts');
    reply = {
      headers: { 'x-amz-function-error': 'Unhandled' },
      body: {
        errorType: 'PublicationRefused',
        errorMessage:
          "Publication refusée : les applications du site (formulaire, console…) manquent ; rien n'a été modifié.",
        trace: [],
      },
    };
    const error = await publishSite('c-2028', 'launched').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishFailed);
    expect((error as Error).name).toBe('PublishFailed');
    expect((error as Error).message).toBe(
      "La publication du site a échoué (PublicationRefused)\u00a0: Publication refusée : les applications du site (formulaire, console…) manquent ; rien n'a été modifié.",
    );
    expect(calls).toHaveLength(1);
  });

  it('lets an error of Lambda itself through (throttling…): the task fails and is retried too', async () => {
    const { publishSite } = await import('../../functions/timeline/publish-site.ts');
    reply = {
      status: 429,
      headers: { 'x-amzn-errortype': 'TooManyRequestsException' },
      body: { message: 'Rate exceeded' },
    };
    await expect(publishSite('c-2028', 'launched')).rejects.toMatchObject({ name: 'TooManyRequestsException' });
  });
});

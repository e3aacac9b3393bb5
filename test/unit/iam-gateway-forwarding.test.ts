import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { startIamGateway } from '../../infra/local/iam/gateway.ts';
import { PolicyEvaluator } from '../../infra/local/iam/policies.ts';
import type { Logger } from '../../infra/local/log.ts';

/** The IAM gateway as a proxy: what happens to the emulator's request when the caller goes away. */
const region = 'eu-west-3';
const operator = { accessKeyId: 'LOCALOPERATOR', secretAccessKey: 'local-operator-secret' };
const stops: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** An emulator that never answers; `ended` resolves when the gateway's request to it is closed. */
async function silentEmulator() {
  let ended!: () => void;
  const closed = new Promise<void>((resolve) => (ended = resolve));
  let received!: () => void;
  const asked = new Promise<void>((resolve) => (received = resolve));
  const server = http.createServer((req) => {
    received();
    req.resume();
    req.socket.on('close', ended);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, asked, closed };
}

describe('the IAM gateway forwarding to an emulator', () => {
  it('ends the emulator’s request when the caller aborts, and reports no error for it', async () => {
    const emulator = await silentEmulator();
    const errors: string[] = [];
    const log: Logger = { info: () => {}, warn: () => {}, error: (msg) => errors.push(msg) };
    const gateway = await startIamGateway({
      region,
      accountId: '000000000000',
      identityFor: (key) => (key === operator.accessKeyId ? operator : undefined),
      evaluator: new PolicyEvaluator('000000000000', new Map()),
      targets: { dynamodb: emulator.url },
      log,
    });
    stops.push(gateway.stop);
    const client = new DynamoDBClient({ region, endpoint: gateway.url, credentials: operator, maxAttempts: 1 });
    const abort = new AbortController();
    const call = client.send(new ListTablesCommand({}), { abortSignal: abort.signal });
    await emulator.asked;
    abort.abort();
    await expect(call).rejects.toThrow(/abort/i);
    await emulator.closed;
    expect(errors).toEqual([]);
  });
});

import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LambdaRuntime } from '../../infra/local/lambda-runtime.ts';
import { createLogger } from '../../infra/local/log.ts';

/**
 * The local runtime's execution environments, as Lambda's: one invocation at a time in each, a new
 * environment (cold start) when all are busy, reuse when one is idle. The handler reports the id of
 * its environment (a value drawn once per module load) and waits until told to finish.
 */
let dir: string;
let runtime: LambdaRuntime;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'avenir-environments-'));
  await mkdir(path.join(dir, 'probe'));
  await writeFile(
    path.join(dir, 'probe', 'index.mjs'),
    `const environment = Math.random().toString(36).slice(2);
let running = 0;
export const handler = async (event) => {
  running += 1;
  const overlapped = running > 1;
  await new Promise((resolve) => setTimeout(resolve, event.holdMs));
  running -= 1;
  return { environment, overlapped };
};`,
  );
  runtime = new LambdaRuntime(
    [{ logicalId: 'Probe', entry: 'probe', environment: {}, timeoutSeconds: 10, memoryMb: 128, maxRetryAttempts: 2 }],
    {
      region: 'eu-west-3',
      accountId: '000000000000',
      sdkEnv: {},
      log: createLogger('lambda', { quiet: true }),
      bundlesDir: dir,
      maxEnvironments: 3,
    },
  );
});

afterAll(async () => {
  await runtime?.stop();
  await rm(dir, { recursive: true, force: true });
});

type Probe = { environment: string; overlapped: boolean };
const invoke = (holdMs: number) => runtime.invoke('probe', { holdMs }, { source: 'test' }) as Promise<Probe>;

describe('local Lambda execution environments', () => {
  it('runs concurrent invocations in separate environments, never two at once in one', async () => {
    const results = await Promise.all([invoke(300), invoke(300), invoke(300)]);
    expect(new Set(results.map((r) => r.environment)).size).toBe(3);
    expect(results.every((r) => !r.overlapped)).toBe(true);
  });

  it('reuses an idle environment for the next invocation (warm start)', async () => {
    const first = await invoke(0);
    const second = await invoke(0);
    expect(second.environment).toBe(first.environment);
  });

  it('past the maximum, queues on an existing environment instead of starting more, still one at a time', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => invoke(100)));
    expect(new Set(results.map((r) => r.environment)).size).toBe(3);
    expect(results.every((r) => !r.overlapped)).toBe(true);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * X-Ray for the SDK calls (functions/shared/clients.ts): on Lambda every client carries the X-Ray
 * SDK's instrumentation; outside it (the local stack's workers, the tests: no AWS_EXECUTION_ENV)
 * none does, so nothing tries to reach an X-Ray daemon.
 */
async function instrumented(executionEnv: string): Promise<Record<string, boolean>> {
  vi.stubEnv('AWS_REGION', 'eu-west-3');
  vi.stubEnv('AWS_EXECUTION_ENV', executionEnv);
  vi.resetModules();
  // Every export is a client's getter.
  const getters = Object.entries(await import('../../functions/shared/clients.ts'));
  return Object.fromEntries(
    getters.map(([name, getter]) => [
      name,
      (getter().middlewareStack as unknown as { identify(): string[] })
        .identify()
        .some((m) => m.startsWith('XRaySDKInstrumentation')),
    ]),
  );
}

afterEach(() => vi.unstubAllEnvs());

describe('SDK tracing', () => {
  it('instruments every client on Lambda', async () => {
    const clients = await instrumented('AWS_Lambda_nodejs22.x');
    expect(Object.keys(clients).length).toBeGreaterThanOrEqual(7);
    expect(Object.entries(clients).filter(([, traced]) => !traced)).toEqual([]);
  });

  it('instruments none outside Lambda', async () => {
    const clients = await instrumented('');
    expect(Object.entries(clients).filter(([, traced]) => traced)).toEqual([]);
  });
});

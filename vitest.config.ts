import { defineConfig } from 'vitest/config';

/**
 * One `vitest run` runs every layer. Integration and browser tests share one local stack started by
 * their global setup on free ports (never the ports of a running `npm start`).
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/browser/**/*.test.ts'],
          globalSetup: ['test/support/local-stack-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // expect.poll waits for what the stack must show; its default (1 s) is shorter than a cold
          // local function under a loaded CI machine. A longer bound only delays a real failure.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});

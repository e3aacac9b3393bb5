import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalStack, type LocalStack } from '../../infra/local/stack.ts';

/**
 * Global setup of the integration project: one local stack on free ports with a fresh data dir
 * (never the ports or the .local/ of a running `npm start`). Handlers run in this process, so
 * tests reach the stack only through HTTP and the SDK, with what is provided here.
 */

export interface ProvidedStack {
  urls: LocalStack['urls'];
  admin: LocalStack['admin'];
  cognito: LocalStack['cognito'];
  /** What the handlers see: table and bucket names, SDK endpoints and credentials. */
  env: Record<string, string>;
  /** The stack's data directory (DynamoDB Local's files, s3rver's objects, logs). */
  dataDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: ProvidedStack;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'avenir-integration-'));
  let stack: LocalStack;
  try {
    // Every test file shares this stack and so its mail queue: at SES's default rate (14/s), a file
    // that sends dozens of emails (the demo) would keep another's waiting past the inbox's wait.
    // The local SES has no rate; the consumer's pacing still runs, at this rate.
    stack = await startLocalStack({ dataDir, ports: 'auto', quiet: true, context: { 'avenir:sesMaxSendRate': 200 } });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  project.provide('stack', { urls: stack.urls, admin: stack.admin, cognito: stack.cognito, env: stack.env, dataDir });
  return async () => {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}

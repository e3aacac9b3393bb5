import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { clockOffset } from '../../functions/shared/clock.ts';
import type { Logger } from './log.ts';
import type { LocalFunction } from './template.ts';

/**
 * Runs the functions as Lambda runs them: each in its own execution environment (a worker thread)
 * loading its **built bundle** (dist/functions/<entry>/index.mjs, the very file deployed), with its
 * own environment from the template and its own credentials, so that each SDK call is signed as
 * its role and checked by the local IAM gateway (infra/local/iam/). A Lambda-like context and the
 * function's timeout. One environment per function: concurrent invocations share it (on AWS each
 * would get its own), which only matters for module-level state, and the handlers keep none.
 */

const BUNDLES_DIR = path.resolve(import.meta.dirname, '../../dist/functions');
const WORKER = path.join(import.meta.dirname, 'lambda-worker.mjs');

export interface FunctionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * The functions' variables together, for tests and tools that inspect the stack (table and bucket
 * names). Each function's own environment is its own (its worker's); a name two functions set to
 * different values is left out here rather than guessed.
 */
export function functionEnvironment(functions: LocalFunction[]): Record<string, string> {
  const env: Record<string, string> = {};
  const conflicting = new Set<string>();
  for (const fn of functions) {
    for (const [name, value] of Object.entries(fn.environment)) {
      if (name in env && env[name] !== value) conflicting.add(name);
      env[name] = value;
    }
  }
  for (const name of conflicting) delete env[name];
  return env;
}

/**
 * How SDK clients reach the emulators: the standard AWS_ENDPOINT_URL_<SERVICE> variables (all on the
 * IAM gateway but Cognito, which the console calls from the browser unsigned), the stack's region,
 * and checksums only when required (s3rver workaround). Credentials are added per caller.
 */
export function localSdkEnvironment(
  region: string,
  urls: { gateway: string; cognito: string },
): Record<string, string> {
  return {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ENDPOINT_URL_DYNAMODB: urls.gateway,
    AWS_ENDPOINT_URL_S3: urls.gateway,
    AWS_ENDPOINT_URL_SES: urls.gateway,
    AWS_ENDPOINT_URL_SESV2: urls.gateway,
    AWS_ENDPOINT_URL_SFN: urls.gateway,
    AWS_ENDPOINT_URL_CLOUDFRONT: urls.gateway,
    AWS_ENDPOINT_URL_LAMBDA: urls.gateway,
    AWS_ENDPOINT_URL_SQS: urls.gateway,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: urls.cognito,
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    // Lambda runs the template's Node 22; this local process may be the Node 20 the repository allows.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

export interface Invocation {
  requestId: string;
  entry: string;
  /** What triggered it: 'http', 's3', 'cli'… */
  source: string;
  at: string;
  durationMs?: number;
  outcome: 'running' | 'ok' | 'error' | 'timeout';
  error?: string;
  /** Caller-provided facts (route, claims…) shown by /_local/invocations. */
  details?: Record<string, unknown>;
}

/** Lambda's own words when a function runs past its Timeout. */
class TimeoutError extends Error {
  override name = 'TimeoutError';
}

type WorkerResult =
  | { type: 'result'; id: string; ok: true; value: unknown }
  | { type: 'result'; id: string; ok: false; error: { name: string; message: string; stack?: string } };

/** One function's execution environment and the invocations waiting on it. */
class Environment {
  private readonly pending = new Map<string, { resolve(value: unknown): void; reject(error: Error): void }>();
  readonly worker: Worker;

  constructor(bundle: string, env: Record<string, string>, onExit: () => void) {
    this.worker = new Worker(WORKER, { workerData: { bundle }, env, execArgv: ['--enable-source-maps'] });
    this.worker.on('message', (message: WorkerResult) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.ok) waiting.resolve(message.value);
      else
        waiting.reject(
          Object.assign(new Error(message.error.message), { name: message.error.name, stack: message.error.stack }),
        );
    });
    const fail = (error: Error) => {
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
      onExit();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`L'environnement d'exécution s'est arrêté (code ${code})`)));
  }

  invoke(message: Record<string, unknown>): Promise<unknown> {
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, type: 'invoke', id });
    });
  }
}

export class LambdaRuntime {
  private readonly byEntry: Map<string, LocalFunction>;
  private readonly environments = new Map<string, Environment>();
  private readonly journal: Invocation[] = [];
  /** Each function's own key pair, as Lambda hands each function its role's credentials. */
  readonly credentials: Map<string, FunctionCredentials>;
  /** The functions' variables and the SDK wiring (see functionEnvironment), without credentials. */
  readonly env: Record<string, string>;

  constructor(
    private readonly functions: LocalFunction[],
    private readonly options: {
      region: string;
      accountId: string;
      sdkEnv: Record<string, string>;
      log: Logger;
      keep?: number;
      bundlesDir?: string;
    },
  ) {
    this.byEntry = new Map(functions.map((fn) => [fn.entry, fn]));
    this.env = { ...functionEnvironment(functions), ...options.sdkEnv };
    this.credentials = new Map(
      // Derived from the function's name: a second runtime on the same emulators (a test's) signs as the same role.
      functions.map((fn) => [
        fn.logicalId,
        {
          accessKeyId: `ASIALOCAL${fn.logicalId.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`,
          secretAccessKey: createHash('sha256').update(`avenir-local:${fn.logicalId}`).digest('base64url'),
        },
      ]),
    );
  }

  get entries(): string[] {
    return [...this.byEntry.keys()];
  }

  /** The function an ARN or name designates (Lambda's Invoke accepts both). */
  functionFor(nameOrArn: string): LocalFunction | undefined {
    const name = nameOrArn.split(':').length >= 7 ? nameOrArn.split(':')[6] : nameOrArn;
    return this.functions.find((fn) => fn.logicalId === name);
  }

  /**
   * Runs one invocation; rejects with the handler's error, or a TimeoutError after the function's
   * Timeout (counted from the start of the invocation; a cold start's module load is inside it here).
   */
  async invoke(
    entry: string,
    event: unknown,
    meta: { source: string; details?: Record<string, unknown> },
  ): Promise<unknown> {
    const fn = this.byEntry.get(entry);
    if (!fn) throw new Error(`Fonction inconnue : ${entry} (fonctions du modèle : ${this.entries.join(', ')})`);
    const record: Invocation = {
      requestId: randomUUID(),
      entry,
      source: meta.source,
      at: new Date().toISOString(),
      outcome: 'running',
      details: meta.details,
    };
    this.journal.push(record);
    if (this.journal.length > (this.options.keep ?? 200)) this.journal.shift();

    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const deadline = started + fn.timeoutSeconds * 1000;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new TimeoutError(`Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`)),
          fn.timeoutSeconds * 1000,
        );
      });
      const run = this.environment(fn).invoke({
        event,
        deadline,
        clockOffsetMs: clockOffset(),
        context: this.context(fn, record.requestId),
      });
      const result = await Promise.race([run, timeout]);
      record.outcome = 'ok';
      return result;
    } catch (error) {
      record.outcome = error instanceof TimeoutError ? 'timeout' : 'error';
      record.error = error instanceof Error ? error.message : String(error);
      // Like Lambda's log of an unhandled error; the handler's own logs say more.
      this.options.log.error('invocation failed', {
        requestId: record.requestId,
        entry,
        source: meta.source,
        error: record.error,
        stack: error instanceof Error ? error.stack : undefined,
      });
      throw error;
    } finally {
      clearTimeout(timer);
      record.durationMs = Date.now() - started;
      this.options.log.info('invocation', {
        requestId: record.requestId,
        entry,
        source: meta.source,
        outcome: record.outcome,
        durationMs: record.durationMs,
      });
    }
  }

  /** Recent invocations, newest first. */
  recent(): Invocation[] {
    return [...this.journal].reverse();
  }

  async stop(): Promise<void> {
    const workers = [...this.environments.values()].map((e) => e.worker);
    this.environments.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private environment(fn: LocalFunction): Environment {
    let environment = this.environments.get(fn.entry);
    if (!environment) {
      const bundle = path.join(this.options.bundlesDir ?? BUNDLES_DIR, fn.entry, 'index.mjs');
      if (!existsSync(bundle))
        throw new Error(
          `${bundle} manque : lancez d'abord npm run build (la pile locale exécute les bundles déployés).`,
        );
      const credentials = this.credentials.get(fn.logicalId)!;
      const env = {
        ...fn.environment,
        ...this.options.sdkEnv,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        AWS_LAMBDA_FUNCTION_NAME: fn.logicalId,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
        // As Lambda sets it: the logs' cold_start (Powertools) is true only on an on-demand environment's first invocation.
        AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      };
      const created: Environment = new Environment(bundle, env, () => {
        if (this.environments.get(fn.entry) === created) this.environments.delete(fn.entry);
      });
      environment = created;
      this.environments.set(fn.entry, environment);
    }
    return environment;
  }

  private context(fn: LocalFunction, requestId: string) {
    const { region, accountId } = this.options;
    return {
      functionName: fn.logicalId,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${fn.logicalId}`,
      memoryLimitInMB: String(fn.memoryMb),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${fn.logicalId}`,
      logStreamName: `local/${fn.entry}`,
    };
  }
}

import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context, Handler } from 'aws-lambda';
import type { Logger } from './log.ts';
import type { LocalFunction } from './template.ts';

/**
 * Runs the handlers of functions/ in this process, as Lambda would run them: same code (the
 * TypeScript source, which tsx and vitest import), environment from the template, a Lambda-like
 * context and the function's timeout. All functions share one process, hence one process.env.
 */

const FUNCTIONS_DIR = path.resolve(import.meta.dirname, '../../functions');

/** Union of the functions' variables; one process.env cannot hold two values for one name. */
export function functionEnvironment(functions: LocalFunction[]): Record<string, string> {
  const env: Record<string, string> = {};
  const owner: Record<string, string> = {};
  for (const fn of functions) {
    for (const [name, value] of Object.entries(fn.environment)) {
      if (name in env && env[name] !== value) {
        throw new Error(
          `La variable ${name} vaut « ${env[name]} » pour ${owner[name]} et « ${value} » pour ${fn.logicalId}. ` +
            'Localement toutes les fonctions partagent un seul process.env : donnez-leur la même valeur ou des noms différents.',
        );
      }
      env[name] = value;
      owner[name] = fn.logicalId;
    }
  }
  return env;
}

/**
 * How the handlers' SDK clients reach the emulators: the standard AWS_ENDPOINT_URL_<SERVICE>
 * variables, a key pair s3rver accepts, and checksums only when required (s3rver workaround).
 */
export function localSdkEnvironment(region: string, urls: { dynamodb: string; s3: string; ses: string; cognito: string }, credentials: { accessKeyId: string; secretAccessKey: string }): Record<string, string> {
  return {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: urls.dynamodb,
    AWS_ENDPOINT_URL_S3: urls.s3,
    AWS_ENDPOINT_URL_SES: urls.ses,
    AWS_ENDPOINT_URL_SESV2: urls.ses,
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

export class LambdaRuntime {
  private readonly byEntry: Map<string, LocalFunction>;
  private readonly modules = new Map<string, Promise<Handler>>();
  private readonly journal: Invocation[] = [];
  /** What the handlers see in process.env: the functions' variables and the SDK wiring. */
  readonly env: Record<string, string>;

  /** Sets process.env before any handler module is loaded (they read it at load time). */
  constructor(
    functions: LocalFunction[],
    private readonly options: { region: string; accountId: string; sdkEnv: Record<string, string>; log: Logger; keep?: number },
  ) {
    this.byEntry = new Map(functions.map((fn) => [fn.entry, fn]));
    this.env = { ...functionEnvironment(functions), ...options.sdkEnv };
    Object.assign(process.env, this.env);
  }

  get entries(): string[] {
    return [...this.byEntry.keys()];
  }

  /**
   * Runs one invocation; rejects with the handler's error, or a TimeoutError after the function's
   * Timeout (counted from the end of the module load, like Lambda's init phase).
   */
  async invoke(entry: string, event: unknown, meta: { source: string; details?: Record<string, unknown> }): Promise<unknown> {
    const fn = this.byEntry.get(entry);
    if (!fn) throw new Error(`Fonction inconnue : ${entry} (fonctions du modèle : ${this.entries.join(', ')})`);
    const record: Invocation = { requestId: randomUUID(), entry, source: meta.source, at: new Date().toISOString(), outcome: 'running', details: meta.details };
    this.journal.push(record);
    if (this.journal.length > (this.options.keep ?? 200)) this.journal.shift();

    let started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const handler = await this.load(entry);
      started = Date.now();
      const deadline = started + fn.timeoutSeconds * 1000;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TimeoutError(`Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`)), fn.timeoutSeconds * 1000);
      });
      const result = await Promise.race([this.call(handler, event, this.context(fn, record.requestId, deadline)), timeout]);
      record.outcome = 'ok';
      return result;
    } catch (error) {
      record.outcome = error instanceof TimeoutError ? 'timeout' : 'error';
      record.error = error instanceof Error ? error.message : String(error);
      // Like Lambda's log of an unhandled error; the handler's own logs say more.
      this.options.log.error('invocation failed', { requestId: record.requestId, entry, source: meta.source, error: record.error, stack: error instanceof Error ? error.stack : undefined });
      throw error;
    } finally {
      clearTimeout(timer);
      record.durationMs = Date.now() - started;
      this.options.log.info('invocation', { requestId: record.requestId, entry, source: meta.source, outcome: record.outcome, durationMs: record.durationMs });
    }
  }

  /** Recent invocations, newest first. */
  recent(): Invocation[] {
    return [...this.journal].reverse();
  }

  private load(entry: string): Promise<Handler> {
    let loading = this.modules.get(entry);
    if (!loading) {
      loading = import(pathToFileURL(path.join(FUNCTIONS_DIR, entry, 'index.ts')).href).then((module: { handler?: unknown }) => {
        if (typeof module.handler !== 'function') throw new Error(`functions/${entry}/index.ts n'exporte pas de fonction « handler »`);
        return module.handler as Handler;
      });
      loading.catch(() => this.modules.delete(entry)); // a fixed file is retried on the next call
      this.modules.set(entry, loading);
    }
    return loading;
  }

  /** Promise-returning handlers, and callback-style ones as the Node runtime still accepts. */
  private call(handler: Handler, event: unknown, context: Context): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const returned = handler(event, context, (error, result) => (error ? reject(error) : resolve(result)));
      if (returned && typeof (returned as Promise<unknown>).then === 'function') (returned as Promise<unknown>).then(resolve, reject);
    });
  }

  private context(fn: LocalFunction, requestId: string, deadline: number): Context {
    const { region, accountId } = this.options;
    const unsupported = () => {
      throw new Error('context.done/succeed/fail ne sont pas pris en charge : retournez une promesse');
    };
    return {
      callbackWaitsForEmptyEventLoop: true,
      functionName: fn.logicalId,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${fn.logicalId}`,
      memoryLimitInMB: String(fn.memoryMb),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${fn.logicalId}`,
      logStreamName: `local/${fn.entry}`,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: unsupported,
      fail: unsupported,
      succeed: unsupported,
    };
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { withMetrics } from './metrics.ts';

/**
 * Structured logs through Powertools for AWS Lambda's Logger: one JSON object per line (level,
 * message, timestamp, service = the function's entry, the Lambda context's cold_start and
 * function_request_id, the invocation's correlation ids, then the call's fields as keys). Ids only,
 * never whole events or personal data: any email address that slips into a value (an SES error, a
 * failure's cause) is masked on the way out. The call sites keep `log.info(message, fields)`.
 */
export type LogFields = Record<string, string | number | boolean | undefined | null | Error>;
/** Ids that tie an invocation's lines together: `correlation_id` plus the ids it stands for. */
export type Correlation = Record<string, string | number | undefined>;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/**
 * An error as logged: its name, message, stack, code and the SDK's request metadata, not its other
 * properties (Powertools would write them all, and an SDK error may carry the item it refused).
 */
function errorShape(error: Error): Record<string, unknown> {
  const { code, $metadata } = error as Error & { code?: unknown; $metadata?: unknown };
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    code,
    $metadata,
    cause: error.cause instanceof Error ? errorShape(error.cause) : undefined,
  };
}
/** Every value on its way out: errors shaped, email addresses masked (keys and ids hold none). */
function redact(_key: string, value: unknown): unknown {
  if (value instanceof Error) return errorShape(value);
  return typeof value === 'string' && value.includes('@') ? value.replace(EMAIL, '[email]') : value;
}

const loggers = new Map<string, Logger>();
/** One Logger per service (its cold start is its own); in a bundle there is one, its entry's. */
function loggerFor(service: string): Logger {
  let logger = loggers.get(service);
  if (!logger) {
    logger = new Logger({ serviceName: service, jsonReplacerFn: redact });
    loggers.set(service, logger);
  }
  return logger;
}
let fallback = process.env.POWERTOOLS_SERVICE_NAME || 'avenir';

/**
 * The invocation's logger and correlation ids, per async context rather than as Logger keys: the
 * local stack runs concurrent invocations of a function in one environment, and the S3 handlers
 * narrow the ids per record.
 */
const scope = new AsyncLocalStorage<{ logger: Logger; ids: Correlation }>();

function write(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields: LogFields = {}): void {
  const current = scope.getStore();
  (current?.logger ?? loggerFor(fallback))[level](message, { ...current?.ids, ...fields });
}

export const log = {
  debug: (msg: string, fields?: LogFields) => write('debug', msg, fields),
  info: (msg: string, fields?: LogFields) => write('info', msg, fields),
  warn: (msg: string, fields?: LogFields) => write('warn', msg, fields),
  error: (msg: string, fields?: LogFields) => write('error', msg, fields),
};

/** Runs `fn` with more correlation ids on every line it logs (an S3 record's application). */
export function withCorrelation<T>(ids: Correlation, fn: () => T): T {
  const current = scope.getStore();
  return scope.run({ logger: current?.logger ?? loggerFor(fallback), ids: { ...current?.ids, ...ids } }, fn);
}

/** An error for a log line: the Error itself (written with its name, message and stack), or its text. */
export const logError = (error: unknown): Error | string => (error instanceof Error ? error : String(error));

export interface LambdaLogOptions<E> {
  /** The correlation ids of an event (never personal data). */
  correlate?: (event: E) => Correlation;
  /** Error names that are part of the flow (a superseded timeline execution): logged as warnings. */
  expectedErrors?: string[];
}

/**
 * Wraps a function's handler, once per functions/<entry>/index.ts: Powertools' `addContext` (cold
 * start, request id, function name, memory) and the event's correlation ids on every line of the
 * invocation; an error the handler throws is logged with its stack before Lambda gets it. The
 * invocation's business metrics are written when it ends (functions/shared/metrics.ts).
 */
export function withLambdaLogs<E, R>(
  service: string,
  handler: (event: E, context?: Context) => Promise<R>,
  options: LambdaLogOptions<E> = {},
) {
  const logger = loggerFor(service);
  fallback = service;
  return async (event: E, context?: Context): Promise<R> => {
    if (context) logger.addContext(context);
    let ids: Correlation = {};
    try {
      ids = options.correlate?.(event) ?? {};
    } catch {
      // A malformed event: the handler reports it (schema error), the lines go without ids.
    }
    return scope.run({ logger, ids }, async () => {
      try {
        return await withMetrics(service, () => handler(event, context));
      } catch (error) {
        const expected = error instanceof Error && options.expectedErrors?.includes(error.name);
        log[expected ? 'warn' : 'error']('invocation failed', { error: logError(error) });
        throw error;
      }
    });
  };
}

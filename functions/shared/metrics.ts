import { AsyncLocalStorage } from 'node:async_hooks';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { BUSINESS_METRICS, DEFAULT_METRICS_NAMESPACE, type BusinessMetric } from '../domain/metric-names.ts';

/**
 * Business metrics in CloudWatch's embedded metric format, through Powertools for AWS Lambda's
 * Metrics: one JSON line on stdout per invocation that recorded any, from which CloudWatch Logs
 * extracts the metrics (no PutMetricData call, no extra permission). Namespace: the stack's name
 * (POWERTOOLS_METRICS_NAMESPACE, set by the stack), dimension `service`: the function's entry. The
 * names and units are the shared list of functions/domain/metric-names.ts, which the dashboard reads.
 */

const instances = new Map<string, Metrics>();
/** One Metrics per service, created once per cold start (one in a bundle: its entry's). */
function metricsFor(service: string): Metrics {
  let metrics = instances.get(service);
  if (!metrics) {
    metrics = new Metrics({
      namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || DEFAULT_METRICS_NAMESPACE,
      serviceName: service,
    });
    instances.set(service, metrics);
  }
  return metrics;
}
let fallback = process.env.POWERTOOLS_SERVICE_NAME || 'avenir';
const scope = new AsyncLocalStorage<Metrics>();

/**
 * Counts `value` of a business metric for the current invocation (1 by default; milliseconds for
 * durations). Written when the invocation ends, by `withMetrics`. The mail consumer records
 * `recordMetric('EmailSent')` for each message SES accepted.
 */
export function recordMetric(name: BusinessMetric, value = 1): void {
  (scope.getStore() ?? metricsFor(fallback)).addMetric(name, MetricUnit[BUSINESS_METRICS[name].unit], value);
}

/**
 * Runs one invocation and then writes its metrics, whether it succeeded or not (what was counted
 * happened). Called by withLambdaLogs, so every handler gets it. Concurrent invocations of one local
 * environment share the service's buffer: whichever ends first writes both, each count once.
 */
export async function withMetrics<R>(service: string, fn: () => Promise<R>): Promise<R> {
  const metrics = metricsFor(service);
  fallback = service;
  try {
    return await scope.run(metrics, fn);
  } finally {
    // Powertools warns on an empty flush: most invocations record nothing.
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
}

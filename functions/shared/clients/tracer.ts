import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * X-Ray subsegments for every SDK call (service, operation, duration, error), under the segment
 * Lambda's active tracing opens for each invocation. Powertools' Tracer is off outside Lambda (no
 * AWS_EXECUTION_ENV, as in the local stack's workers and the tests): `captureAWSv3Client` then
 * returns the client untouched and nothing tries to reach an X-Ray daemon. The only outgoing
 * requests are SDK calls, so the global patch of http/https/fetch is left off.
 */
export const tracer = new Tracer({ captureHTTPsRequests: false });

/**
 * A client created once per cold start, on first use. Each client has a module of its own, so that
 * a bundle, and each chunk an API loads for a route, holds only the SDKs its code calls (esbuild
 * drops unused getters, told by their PURE marks that creating one has no side effect, but it
 * assigns whole modules to chunks: one module importing every SDK put them all in any chunk that
 * imports it). Endpoints come from the standard AWS_ENDPOINT_URL_<SERVICE> variables (unset on AWS).
 */
export const once = <T>(create: () => T) => {
  let client: T | undefined;
  return () => (client ??= create());
};

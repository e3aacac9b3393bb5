/**
 * A client created once per cold start, on first use. Each client has a module of its own, so that
 * a bundle, and each chunk an API loads for a route, holds only the SDKs its code calls (esbuild
 * drops unused getters, told by their PURE marks that creating one has no side effect, but it
 * assigns whole modules to chunks: one module importing every SDK put them all in any chunk that
 * imports it). Endpoints come from the standard AWS_ENDPOINT_URL_<SERVICE> variables (unset on AWS).
 *
 * The clients are not wrapped by Powertools' Tracer: its X-Ray SDK (aws-xray-sdk-core, in
 * maintenance since February 2026, unsupported from February 2027) cost each function about 50 ms
 * of its cold start, measured by `npm run bench -- bundles`. Lambda's active tracing still records
 * every invocation (README « Traces »).
 */
export const once = <T>(create: () => T) => {
  let client: T | undefined;
  return () => (client ??= create());
};

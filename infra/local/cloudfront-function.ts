import vm from 'node:vm';

/**
 * Runs the distribution's own CloudFront function code (from the template) on a viewer request, as
 * CloudFront does, instead of re-implementing what it does. The event has the shape of CloudFront
 * Functions' viewer-request events (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html);
 * the code runs in its own V8 context with no access to Node.
 */

type HeaderValues = Record<string, { value: string }>;

export type ViewerRequestOutcome =
  | { kind: 'request'; uri: string; querystring: string }
  | { kind: 'response'; statusCode: number; headers: Record<string, string> };

export function compileViewerRequest(
  code: string,
): (request: {
  method: string;
  uri: string;
  querystring: string;
  headers: Record<string, string | string[] | undefined>;
  ip: string;
}) => Promise<ViewerRequestOutcome> {
  const handler = vm.runInNewContext(`${code}\n;handler`, Object.create(null), { timeout: 1000 }) as (
    event: unknown,
  ) => unknown;
  if (typeof handler !== 'function') throw new Error('La fonction CloudFront ne définit pas « handler »');
  return async ({ method, uri, querystring, headers, ip }) => {
    const query: Record<string, { value: string }> = {};
    for (const [name, value] of new URLSearchParams(querystring)) query[name] = { value };
    const viewerHeaders: HeaderValues = {};
    for (const [name, value] of Object.entries(headers))
      if (value !== undefined) viewerHeaders[name] = { value: Array.isArray(value) ? value.join(',') : value };
    const event = {
      version: '1.0',
      context: { eventType: 'viewer-request' },
      viewer: { ip },
      request: { method, uri, querystring: query, headers: viewerHeaders, cookies: {} },
    };
    const result = (await handler(event)) as {
      statusCode?: number;
      headers?: HeaderValues;
      uri?: string;
      querystring?: Record<string, { value: string }>;
    };
    if (result && typeof result.statusCode === 'number') {
      return {
        kind: 'response',
        statusCode: result.statusCode,
        headers: Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, v.value])),
      };
    }
    const qs = new URLSearchParams(Object.entries(result?.querystring ?? {}).map(([k, v]) => [k, v.value])).toString();
    return { kind: 'request', uri: String(result?.uri ?? uri), querystring: qs };
  };
}

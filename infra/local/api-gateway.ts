import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyEventV2 } from 'aws-lambda';
import { jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { LocalRoute } from './template.ts';

/**
 * What the HTTP API does between the browser and a handler: route selection, the JWT authorizer,
 * the payload 2.0 event, and turning the handler's result into a response.
 */

interface CompiledRoute {
  route: LocalRoute;
  pattern: RegExp;
  names: string[];
  literalSegments: number;
  greedy: boolean;
}

function compile(route: LocalRoute): CompiledRoute {
  const names: string[] = [];
  let literalSegments = 0;
  let greedy = false;
  const source =
    route.path === '$default'
      ? '.*'
      : route.path
          .split('/')
          .map((segment) => {
            const variable = /^\{([^}+]+)(\+?)\}$/.exec(segment);
            if (!variable) {
              if (segment) literalSegments++;
              return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            }
            names.push(variable[1]!);
            greedy ||= variable[2] === '+';
            return variable[2] ? '(.+)' : '([^/]+)';
          })
          .join('/');
  return {
    route,
    pattern: new RegExp(`^${source}$`),
    names,
    literalSegments,
    greedy: greedy || route.path === '$default',
  };
}

/** Most specific route first, as API Gateway selects: exact paths, then variables, greedy last, `$default` at the very end. */
export function createRouter(
  routes: LocalRoute[],
): (method: string, rawPath: string) => { route: LocalRoute; pathParameters?: Record<string, string> } | undefined {
  const compiled = routes
    .map(compile)
    .sort(
      (a, b) =>
        Number(a.route.path === '$default') - Number(b.route.path === '$default') ||
        Number(a.greedy) - Number(b.greedy) ||
        b.literalSegments - a.literalSegments ||
        Number(a.route.method === 'ANY') - Number(b.route.method === 'ANY'),
    );
  return (method, rawPath) => {
    for (const c of compiled) {
      if (c.route.method !== 'ANY' && c.route.method !== method) continue;
      const match = c.pattern.exec(rawPath);
      if (!match) continue;
      if (!c.names.length) return { route: c.route };
      return {
        route: c.route,
        pathParameters: Object.fromEntries(c.names.map((name, i) => [name, safeDecode(match[i + 1]!)])),
      };
    }
    return undefined;
  };
}

const safeDecode = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

export type JwtClaims = Record<string, string>;

/** A claim as API Gateway hands it to the handler: a string, arrays written `[a b]`. */
function claimText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.join(' ')}]`;
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * The HTTP API JWT authorizer: a signed, unexpired token from the issuer, for one of the audiences
 * (`aud` of an ID token or `client_id` of an access token). Claims reach the handler as strings,
 * arrays written `[a b]`, as API Gateway does.
 */
export async function authorizeJwt(
  authorization: string | undefined,
  config: { issuer: string; audience: string[]; keys: JWTVerifyGetKey },
): Promise<{ claims: JwtClaims; scopes: string[] | null } | undefined> {
  const token = authorization?.replace(/^Bearer\s+/i, '').trim();
  if (!token) return undefined;
  try {
    const { payload } = await jwtVerify(token, config.keys, { issuer: config.issuer });
    const audiences = [payload.aud ?? [], payload.client_id ?? []].flat().map(String);
    if (!audiences.some((a) => config.audience.includes(a))) return undefined;
    const claims = Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, claimText(value)]));
    return { claims, scopes: typeof payload.scope === 'string' ? payload.scope.split(' ') : null };
  } catch {
    return undefined;
  }
}

/** Bodies API Gateway passes as text; everything else arrives base64-encoded. */
const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript)|[^;]*\+(json|xml))/i;

export interface IncomingRequest {
  method: string;
  rawPath: string;
  rawQueryString: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sourceIp: string;
}

/** The payload 2.0 event of one request. */
export function apiGatewayEvent(
  request: IncomingRequest,
  matched: { route: LocalRoute; pathParameters?: Record<string, string> },
  context: { accountId: string; stage?: string; authorizer?: { claims: JwtClaims; scopes: string[] | null } },
): APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const cookies = request.headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .filter(Boolean);
  const query = new URLSearchParams(request.rawQueryString);
  const queryStringParameters: Record<string, string> = {};
  for (const name of new Set(query.keys())) queryStringParameters[name] = query.getAll(name).join(',');
  const now = new Date();
  const domainName = headers.host ?? 'localhost';
  const isText = TEXT_TYPES.test(headers['content-type'] ?? '');

  return {
    version: '2.0',
    routeKey: matched.route.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(query.size ? { queryStringParameters } : {}),
    ...(matched.pathParameters ? { pathParameters: matched.pathParameters } : {}),
    requestContext: {
      accountId: context.accountId,
      apiId: matched.route.apiId,
      domainName,
      domainPrefix: domainName.split(/[.:]/)[0]!,
      http: {
        method: request.method,
        path: request.rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomBytes(10).toString('base64'),
      routeKey: matched.route.routeKey,
      stage: context.stage ?? '$default',
      time: apiGatewayTime(now),
      timeEpoch: now.getTime(),
      ...(context.authorizer ? { authorizer: { jwt: context.authorizer } } : {}),
    },
    ...(request.body.length ? { body: isText ? request.body.toString('utf8') : request.body.toString('base64') } : {}),
    isBase64Encoded: request.body.length > 0 && !isText,
  } as APIGatewayProxyEventV2;
}

/** `23/Nov/2026:14:03:58 +0000`, API Gateway's requestContext.time. */
function apiGatewayTime(date: Date): string {
  const [, day, month, year, time] = /^\w+, (\d+) (\w+) (\d+) ([\d:]+)/.exec(date.toUTCString())!;
  return `${day}/${month}/${year}:${time} +0000`;
}

export interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

export const gatewayError = (statusCode: number, message: string): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  cookies: [],
  body: Buffer.from(JSON.stringify({ message })),
});

/** A handler's return value as API Gateway (payload 2.0) turns it into a response. */
export function httpResult(result: unknown): HttpResult {
  const structured = result !== null && typeof result === 'object' && 'statusCode' in result;
  if (!structured) {
    // No statusCode: API Gateway answers 200 with the returned value as JSON.
    const body = typeof result === 'string' ? result : (JSON.stringify(result) ?? 'null');
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from(body) };
  }
  const r = result as {
    statusCode: unknown;
    headers?: Record<string, unknown>;
    cookies?: unknown;
    body?: unknown;
    isBase64Encoded?: boolean;
  };
  if (typeof r.statusCode !== 'number' || !Number.isInteger(r.statusCode))
    return gatewayError(500, 'Internal Server Error');
  const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  const body =
    typeof r.body === 'string' ? Buffer.from(r.body, r.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  return { statusCode: r.statusCode, headers, cookies: Array.isArray(r.cookies) ? r.cookies.map(String) : [], body };
}

import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { match } from 'path-to-regexp';
import * as z from 'zod/mini';
import fr from 'zod/v4/locales/fr.js';
import { DomainError, invalid, type FieldIssue } from '../domain/errors.ts';
import { typeset } from '../domain/french.ts';
import { log, logError } from './log.ts';

// zod's own messages (a type or a bound with no message of ours) in French, for every API answer
// (zod/mini and classic zod share this configuration).
z.config(fr());

export type HttpEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims: Record<string, unknown>; scopes?: string[] | null } };
  };
};
export type HttpResult = APIGatewayProxyStructuredResultV2;

export interface RouteContext<P = Record<string, string>> {
  event: HttpEvent;
  params: P;
  requestId: string;
}
type RouteHandler = (ctx: RouteContext) => Promise<HttpResult> | HttpResult;
interface Route {
  method: string;
  matcher: ReturnType<typeof match>;
  pattern: string;
  handler: RouteHandler;
}

/** A request the router matched to a route (`method` and `pattern` as written in its table), and its answer. */
export interface AnsweredRequest {
  route: { method: string; pattern: string };
  event: HttpEvent;
  result: HttpResult;
}

const STATUS: Record<DomainError['kind'], number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  closed: 409,
  'rate-limited': 429,
};

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/** A CSV download named `<name>-<YYYY-MM-DD>.csv` (the day in Paris). */
export function csvDownload(name: string, day: string, body: string): HttpResult {
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}-${day}.csv"`,
      'cache-control': 'no-store',
    },
    body,
  };
}

/** The one place where errors become HTTP answers; unknown errors are logged and answered without details. */
export function errorResponse(error: unknown, requestId: string): HttpResult {
  if (error instanceof DomainError) {
    return json(STATUS[error.kind], { error: error.kind, message: error.message, issues: error.issues });
  }
  // With its name, message and stack (functions/shared/log.ts).
  log.error('unhandled error', { requestId, error: logError(error) });
  return json(500, {
    error: 'internal',
    message:
      'Une erreur est survenue de notre côté. Vos informations déjà enregistrées sont conservées\u202f; réessayez dans un instant.',
  });
}

/** The correlation id of an API invocation's log lines: API Gateway's request id (functions/shared/log.ts). */
export const requestCorrelation = (event: HttpEvent) => ({ correlation_id: event.requestContext?.requestId });

/**
 * Parses a JSON body with a zod schema, classic or mini (the rules the form shares are zod/mini);
 * issues come back with their field paths and French messages.
 */
export function parseBody<S extends z.core.$ZodType>(event: HttpEvent, schema: S): z.infer<S> {
  const raw = jsonBody(event);
  const parsed = z.safeParse(schema, raw);
  if (!parsed.success) throw invalid(zodIssues(parsed.error));
  return parsed.data;
}

const parsedBodies = new WeakMap<HttpEvent, unknown>();

/** The request's JSON body (`{}` when empty), parsed once per request: its route and the console's audit both read it. */
export function jsonBody(event: HttpEvent): unknown {
  if (!parsedBodies.has(event)) {
    const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
    try {
      parsedBodies.set(event, text ? JSON.parse(text) : {});
    } catch {
      throw invalid([], 'La requête n’est pas au format JSON attendu.');
    }
  }
  return parsedBodies.get(event);
}

/** Field paths and messages; zod's own French messages (« Trop grand : … ») get our typography, ours have it already. */
export function zodIssues(error: z.core.$ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ field: issue.path.join('.'), message: typeset(issue.message) }));
}

export function header(event: HttpEvent, name: string): string | undefined {
  return event.headers?.[name.toLowerCase()];
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
const JSON_MEDIA_TYPE = /^application\/json\s*(;|$)/i;
const BODILESS_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const UNSUPPORTED_MEDIA_MESSAGE =
  'Format de requête non pris en charge\u00a0: les données doivent être envoyées au format JSON (application/json).';

/**
 * Request bodies are JSON only. A web page can make its visitors' browsers send `text/plain`,
 * form-encoded or multipart POSTs anywhere without asking (no CORS preflight): if such a body were
 * parsed as JSON, any site could create files or request votes in a visitor's name. A JSON body
 * needs the `application/json` type, which a browser sends cross-site only after a preflight that
 * the API does not grant. So a request with a body, or with any other declared type, is refused
 * (415) before its route runs; a request with neither (a bodiless POST such as `/submit`) passes.
 */
export function hasAcceptedBodyType(event: HttpEvent): boolean {
  if (BODILESS_METHODS.has(event.requestContext.http.method)) return true;
  const type = header(event, 'content-type')?.trim();
  if (type) return JSON_MEDIA_TYPE.test(type);
  return !event.body;
}

/**
 * A small method+path router over one Lambda (the HTTP API sends `ANY /api/{proxy+}` here).
 * `answered` runs after each request that matched a route, with that route and the answer (the
 * console's audit log).
 */
export function router(
  routes: Record<string, RouteHandler>,
  options: { answered?: (request: AnsweredRequest) => Promise<void> } = {},
) {
  const table: Route[] = Object.entries(routes).map(([key, handler]) => {
    const [method, pattern] = key.split(' ') as [string, string];
    return { method, pattern, matcher: match(pattern, { decode: decodeURIComponent }), handler };
  });
  return async (event: HttpEvent): Promise<HttpResult> => {
    const requestId = event.requestContext?.requestId ?? 'local';
    const method = event.requestContext.http.method;
    const path = event.rawPath;
    const started = Date.now();
    let result: HttpResult;
    let route: Route | undefined;
    try {
      const candidates = table.filter((r) => r.matcher(path));
      route = candidates.find((r) => r.method === method);
      if (!route) {
        result = candidates.length
          ? json(
              405,
              { error: 'method', message: 'Méthode non prise en charge.' },
              { allow: candidates.map((r) => r.method).join(', ') },
            )
          : json(404, { error: 'not-found', message: 'Adresse inconnue.' });
      } else if (!hasAcceptedBodyType(event)) {
        result = json(415, { error: 'unsupported-media-type', message: UNSUPPORTED_MEDIA_MESSAGE, issues: [] });
      } else {
        const matched = route.matcher(path);
        result = await route.handler({
          event,
          params: (matched ? matched.params : {}) as Record<string, string>,
          requestId,
        });
      }
    } catch (error) {
      result = errorResponse(error, requestId);
    }
    // The file's id (random, no personal data) ties its requests to the photo/release/timeline lines.
    const applicationId = /^\/api\/(?:admin\/)?applications\/([0-9a-f-]{36})(?:\/|$)/.exec(path)?.[1];
    log.info('request', {
      requestId,
      method,
      route: path.replace(/[0-9a-f-]{20,}/gi, ':id'),
      status: result.statusCode,
      ms: Date.now() - started,
      applicationId,
    });
    if (route && options.answered)
      await options.answered({ route: { method: route.method, pattern: route.pattern }, event, result });
    return result;
  };
}

import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { match } from 'path-to-regexp';
import type { z } from 'zod';
import { DomainError, invalid, type FieldIssue } from '../domain/errors.ts';
import { log } from './log.ts';

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
  log.error('unhandled error', { requestId, error: error instanceof Error ? error.message : String(error) });
  return json(500, {
    error: 'internal',
    message: 'Une erreur est survenue de notre côté. Vos informations déjà enregistrées sont conservées ; réessayez dans un instant.',
  });
}

/** Parses a JSON body with a zod schema; issues come back with their field paths and French messages. */
export function parseBody<S extends z.ZodType>(event: HttpEvent, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
    raw = text ? JSON.parse(text) : {};
  } catch {
    throw invalid([], "La requête n'est pas au format JSON attendu.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalid(zodIssues(parsed.error));
  return parsed.data;
}

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
}

export function header(event: HttpEvent, name: string): string | undefined {
  return event.headers?.[name.toLowerCase()];
}

/** A small method+path router over one Lambda (the HTTP API sends `ANY /api/{proxy+}` here). */
export function router(routes: Record<string, RouteHandler>) {
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
    try {
      const candidates = table.filter((r) => r.matcher(path));
      const route = candidates.find((r) => r.method === method);
      if (!route) {
        result = candidates.length
          ? json(405, { error: 'method', message: 'Méthode non prise en charge.' }, { allow: candidates.map((r) => r.method).join(', ') })
          : json(404, { error: 'not-found', message: 'Adresse inconnue.' });
      } else {
        const matched = route.matcher(path);
        result = await route.handler({ event, params: (matched ? matched.params : {}) as Record<string, string>, requestId });
      }
    } catch (error) {
      result = errorResponse(error, requestId);
    }
    log.info('request', { requestId, method, route: path.replace(/[0-9a-f-]{20,}/gi, ':id'), status: result.statusCode, ms: Date.now() - started });
    return result;
  };
}

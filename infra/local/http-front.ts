import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createRemoteJWKSet } from 'jose';
import mime from 'mime';
import { compileViewerRequest } from './cloudfront-function.ts';
import { readBody } from './read-body.ts';
import {
  apiGatewayEvent,
  authorizeJwt,
  createRouter,
  gatewayError,
  httpResult,
  type HttpResult,
} from './api-gateway.ts';
import { renderEmail, renderInbox, renderNotFound } from './inbox-page.ts';
import type { LambdaRuntime } from './lambda-runtime.ts';
import type { Logger } from './log.ts';
import type { S3Dispatcher } from './s3-dispatcher.ts';
import type { LocalSes } from './ses.ts';
import type { LocalDistribution, LocalRoute } from './template.ts';

/**
 * The local stand-in for CloudFront and the HTTP API, on one port: the distribution's behaviours
 * from the template (API routes, media bucket, site), its error pages and security headers, plus
 * local-only tools under /_local/ (inbox, deliveries, invocations).
 */

export interface FrontOptions {
  port: number;
  distribution: LocalDistribution;
  routes: LocalRoute[];
  runtime: LambdaRuntime;
  /** Reads the buckets behind the distribution. */
  s3: S3Client;
  /** Browsers upload there (presigned POST): the local CSP must allow it. */
  s3Origin: string;
  /** The console signs in there from the browser (on AWS, cognito-idp.<region>.amazonaws.com, which the CSP allows). */
  cognitoOrigin?: string;
  jwt: { issuer: string; jwksUrl: string };
  accountId: string;
  ses: LocalSes;
  dispatcher: S3Dispatcher;
  /**
   * Resolves once the emails already asked for have gone through the mail queue (bounded): the
   * inbox then lists what an action sent, without each reader guessing how long to wait.
   */
  mailSettled?: () => Promise<boolean>;
  log: Logger;
  /**
   * Whether the distribution's origin access (CloudFront's service principal, from this
   * distribution) may do `action` on `resource`, by the bucket's policy: the check S3 makes for OAC.
   */
  originAccess?: (action: string, resource: string) => Promise<boolean>;
  /** More local tools, by exact path (e.g. /_local/clock), answered with JSON. */
  localRoutes?: Record<
    string,
    (request: { method: string; body: Buffer }) => Promise<{ status: number; body: unknown }>
  >;
}

/** S3 refused the distribution's origin access (bucket policy). */
class OriginDenied extends Error {
  constructor(readonly bucket: string) {
    super(`origin access denied to ${bucket}`);
  }
}

/** Lambda's request payload limit. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** Local tools are not the site: their own CSP allows their inline styles and sandboxed email frames. */
const LOCAL_TOOLS_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};
/** An email's own HTML: inline styles and remote images allowed, nothing able to run. */
const EMAIL_HTML_CSP =
  "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data: http: https:; frame-ancestors 'self'";

/** The site's CSP allows uploads and sign-in at https://*.amazonaws.com; locally they go to s3rver and cognito-local. */
export function localizeCsp(csp: string, s3Origin: string, cognitoOrigin?: string): string {
  return csp
    .split(';')
    .map((directive) => directive.trim())
    .map((directive) => (/^(connect-src|form-action)\s/.test(directive) ? `${directive} ${s3Origin}` : directive))
    .map((directive) =>
      cognitoOrigin && /^connect-src\s/.test(directive) ? `${directive} ${cognitoOrigin}` : directive,
    )
    .join('; ');
}

/** CloudFront path patterns: `*` any characters, `?` one. */
function pathPatternRegExp(pattern: string): RegExp {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${pattern.startsWith('/') || pattern === '*' ? '' : '/'}${source}$`);
}

/** The S3 key CloudFront asks its origin for: the path without its slash, the default root object for `/` only. */
export function originKey(pathname: string, defaultRootObject = 'index.html'): string {
  const key = pathname.replace(/^\/+/, '');
  return key || defaultRootObject;
}

interface Body {
  headers: Record<string, string>;
  /** Buffer, or a stream with its length. */
  content: Buffer | { stream: Readable; length?: number };
}

export async function startFront(options: FrontOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const { distribution, log } = options;
  const router = createRouter(options.routes);
  const jwks = createRemoteJWKSet(new URL(options.jwt.jwksUrl));
  const behaviors = distribution.behaviors.map((b) => ({
    ...b,
    viewerRequest: b.viewerRequest === undefined ? undefined : compileViewerRequest(b.viewerRequest),
    pattern: pathPatternRegExp(b.pathPattern),
    headers: Object.fromEntries(
      Object.entries(b.headers).map(([k, v]) => [
        k,
        k === 'content-security-policy' ? localizeCsp(v, options.s3Origin, options.cognitoOrigin) : v,
      ]),
    ),
  }));
  const siteBehavior = behaviors.at(-1)!;
  const siteBucket = siteBehavior.origin.kind === 'bucket' ? siteBehavior.origin.bucketName : undefined;

  /**
   * An object of a bucket, or undefined if absent (a 404, since the distribution may list the bucket);
   * refused as S3 refuses a CloudFront origin its bucket policy does not allow.
   */
  const bucketObject = async (bucket: string, key: string): Promise<Body | undefined> => {
    if (options.originAccess && !(await options.originAccess('s3:GetObject', `arn:aws:s3:::${bucket}/${key}`)))
      throw new OriginDenied(bucket);
    try {
      const object = await options.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const type = object.ContentType ?? 'binary/octet-stream';
      if (/octet-stream/.test(type) && mime.getType(key))
        log.warn('object served without its content type', { bucket, key });
      return {
        headers: {
          'content-type': type,
          ...(object.ETag ? { etag: object.ETag } : {}),
          ...(object.LastModified ? { 'last-modified': object.LastModified.toUTCString() } : {}),
          ...(object.CacheControl ? { 'cache-control': object.CacheControl } : {}),
        },
        content: { stream: object.Body as Readable, length: object.ContentLength },
      };
    } catch (error) {
      if ((error as { name?: string }).name !== 'NoSuchKey') throw error;
      // Without s3:ListBucket S3 answers 403 for a missing key, not 404.
      if (options.originAccess && !(await options.originAccess('s3:ListBucket', `arn:aws:s3:::${bucket}`)))
        throw new OriginDenied(bucket);
      return undefined;
    }
  };

  /** A page of the site bucket only, as the distribution serves it: what the publication wrote is what a visitor gets. */
  const sitePage = (pathname: string): Promise<Body | undefined> =>
    siteBucket
      ? bucketObject(siteBucket, originKey(pathname, distribution.defaultRootObject))
      : Promise.resolve(undefined);

  /** CloudFront's custom error responses: they replace matching statuses of every origin, the API's included. */
  const errorPage = async (status: number): Promise<{ status: number; body: Body } | undefined> => {
    const custom = distribution.errorResponses.find((e) => e.errorCode === status);
    if (!custom) return undefined;
    const page = (await sitePage(custom.responsePagePath).catch(() => undefined)) ?? {
      headers: { 'content-type': 'text/html; charset=utf-8' },
      content: Buffer.from(renderNotFound()),
    };
    return { status: custom.responseCode, body: page };
  };

  const send = (
    res: ServerResponse,
    method: string,
    status: number,
    body: Body,
    extraHeaders: Record<string, string>,
    cookies: string[] = [],
  ) => {
    res.statusCode = status;
    for (const [name, value] of Object.entries({ ...body.headers, ...extraHeaders })) res.setHeader(name, value);
    if (cookies.length) res.setHeader('set-cookie', cookies);
    const content = body.content;
    const length = Buffer.isBuffer(content) ? content.length : content.length;
    if (length !== undefined) res.setHeader('content-length', length);
    if (Buffer.isBuffer(content)) {
      res.end(method === 'HEAD' ? undefined : content);
    } else if (method === 'HEAD') {
      content.stream.destroy();
      res.end();
    } else {
      content.stream.on('error', () => res.destroy()).pipe(res);
    }
  };

  const json = (value: unknown): Body => ({
    headers: { 'content-type': 'application/json; charset=utf-8' },
    content: Buffer.from(JSON.stringify(value, null, 2)),
  });
  const html = (text: string): Body => ({
    headers: { 'content-type': 'text/html; charset=utf-8' },
    content: Buffer.from(text),
  });

  /** /_local/…: tools for developers and tests; not part of the platform. */
  const localTool = (rawPath: string): { status: number; body: Body; headers?: Record<string, string> } => {
    const emails = options.ses.emails();
    switch (rawPath) {
      case '/_local/inbox':
        return { status: 200, body: html(renderInbox(emails)) };
      case '/_local/inbox.json':
        return { status: 200, body: json({ emails }) };
      case '/_local/deliveries':
        return { status: 200, body: json({ deliveries: options.dispatcher.recent() }) };
      case '/_local/invocations':
        return { status: 200, body: json({ invocations: options.runtime.recent() }) };
    }
    const email = /^\/_local\/inbox\/([^/]+?)(\.html)?$/.exec(rawPath);
    const found = email && emails.find((e) => e.messageId === decodeURIComponent(email[1]!));
    if (found && email[2])
      return { status: 200, body: html(found.body.html ?? ''), headers: { 'content-security-policy': EMAIL_HTML_CSP } };
    if (found) return { status: 200, body: html(renderEmail(found)) };
    return { status: 404, body: html(renderNotFound()) };
  };

  /** The HTTP API: route, JWT authorizer, handler. */
  const api = async (
    req: IncomingMessage,
    method: string,
    rawPath: string,
    rawQueryString: string,
  ): Promise<HttpResult & { route?: string }> => {
    const matched = router(method, rawPath);
    if (!matched) return gatewayError(404, 'Not Found');
    const route = matched.route.routeKey;
    let authorizer: Awaited<ReturnType<typeof authorizeJwt>>;
    if (matched.route.jwt) {
      authorizer = await authorizeJwt(req.headers.authorization, {
        issuer: options.jwt.issuer,
        audience: matched.route.jwt.audience,
        keys: jwks,
      });
      if (!authorizer) return { ...gatewayError(401, 'Unauthorized'), route };
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (!body) return { ...gatewayError(413, 'Request Entity Too Large'), route };
    const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
    const event = apiGatewayEvent({ method, rawPath, rawQueryString, headers: req.headers, body, sourceIp }, matched, {
      accountId: options.accountId,
      authorizer,
    });
    try {
      const result = await options.runtime.invoke(matched.route.target.entry, event, {
        source: 'http',
        details: { routeKey: route, method, path: rawPath, ...(authorizer ? { claims: authorizer.claims } : {}) },
      });
      return { ...httpResult(result), route };
    } catch {
      return { ...gatewayError(500, 'Internal Server Error'), route };
    }
  };

  const handle = async (
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
  ): Promise<{ status: number; route?: string }> => {
    const method = req.method ?? 'GET';
    const [rawPath = '/', rawQueryString = ''] = (req.url ?? '/').split(/\?(.*)/s);
    const localRoute = options.localRoutes?.[rawPath];
    if (localRoute) {
      const body = (await readBody(req, MAX_BODY_BYTES)) ?? Buffer.alloc(0);
      const answer = await localRoute({ method, body });
      send(res, method, answer.status, json(answer.body), LOCAL_TOOLS_HEADERS);
      return { status: answer.status };
    }
    if (rawPath === '/_local' || rawPath.startsWith('/_local/')) {
      const inbox = rawPath.startsWith('/_local/inbox') || rawPath === '/_local' || rawPath === '/_local/';
      // Tests fail on `busy` (test/support/inbox.ts): an answer before the queue is idle could miss emails.
      const busy = inbox && (await options.mailSettled?.()) === false;
      const tool = localTool(rawPath === '/_local' || rawPath === '/_local/' ? '/_local/inbox' : rawPath);
      send(res, method, tool.status, tool.body, {
        ...LOCAL_TOOLS_HEADERS,
        ...tool.headers,
        ...(busy ? { 'x-local-mail-queue': 'busy' } : {}),
      });
      return { status: tool.status };
    }
    const behavior = behaviors.find((b) => b.pattern.test(rawPath)) ?? siteBehavior;
    let pathname: string;
    try {
      pathname = decodeURIComponent(rawPath);
    } catch {
      pathname = '\0';
    }
    // CloudFront would have normalized dot segments; here they could walk out of s3rver's directory.
    if (pathname.includes('\0') || pathname.split('/').includes('..')) {
      send(res, method, 400, html(renderNotFound()), behavior.headers);
      return { status: 400 };
    }

    if (behavior.origin.kind === 'api') {
      const result = await api(req, method, rawPath, rawQueryString);
      const replaced = await errorPage(result.statusCode);
      if (replaced) {
        log.warn('api response replaced by the distribution error page, as CloudFront does', {
          requestId,
          route: result.route,
          status: result.statusCode,
        });
        send(res, method, replaced.status, replaced.body, behavior.headers);
        return { status: replaced.status, route: result.route };
      }
      send(
        res,
        method,
        result.statusCode,
        { headers: result.headers, content: result.body },
        behavior.headers,
        result.cookies,
      );
      return { status: result.statusCode, route: result.route };
    }

    if (method !== 'GET' && method !== 'HEAD') {
      send(
        res,
        method,
        403,
        json({ message: "Cette distribution n'accepte pas cette méthode HTTP." }),
        behavior.headers,
      );
      return { status: 403 };
    }
    if (behavior.viewerRequest) {
      const outcome = await behavior.viewerRequest({
        method,
        uri: rawPath,
        querystring: rawQueryString,
        headers: req.headers,
        ip: req.socket.remoteAddress ?? '127.0.0.1',
      });
      if (outcome.kind === 'response') {
        send(res, method, outcome.statusCode, { headers: outcome.headers, content: Buffer.alloc(0) }, behavior.headers);
        return { status: outcome.statusCode };
      }
      pathname = decodeURIComponent(outcome.uri);
    }
    let found: Body | undefined;
    try {
      found =
        behavior.origin.kind === 'bucket'
          ? await bucketObject(behavior.origin.bucketName, originKey(pathname, distribution.defaultRootObject))
          : undefined;
    } catch (error) {
      if (!(error instanceof OriginDenied)) throw error;
      log.warn('origin access denied by the bucket policy', { requestId, bucket: error.bucket });
      // S3's answer to CloudFront, which passes a 403 through (only 404 has an error page).
      const xml =
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>';
      send(
        res,
        method,
        403,
        { headers: { 'content-type': 'application/xml' }, content: Buffer.from(xml) },
        behavior.headers,
      );
      return { status: 403 };
    }
    if (found) {
      send(res, method, 200, found, behavior.headers);
      return { status: 200 };
    }
    const replaced = (await errorPage(404)) ?? { status: 404, body: html(renderNotFound()) };
    send(res, method, replaced.status, replaced.body, behavior.headers);
    return { status: replaced.status };
  };

  const server = createServer((req, res) => {
    const requestId = randomUUID();
    const started = Date.now();
    handle(req, res, requestId).then(
      ({ status, route }) =>
        log.info('request', {
          requestId,
          method: req.method,
          path: (req.url ?? '').split('?')[0],
          status,
          route,
          durationMs: Date.now() - started,
        }),
      (error: unknown) => {
        log.error('request failed', {
          requestId,
          method: req.method,
          path: (req.url ?? '').split('?')[0],
          error: String(error),
        });
        if (!res.headersSent) send(res, 'GET', 502, html(renderNotFound()), LOCAL_TOOLS_HEADERS);
        else res.destroy();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  return {
    url: `http://localhost:${options.port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import busboy from 'busboy';
import type { Logger } from '../log.ts';
import { readBody } from '../read-body.ts';
import { needsBody, requiredAuthorizations, s3ObjectArn, sqsQueueOf, type Authorization } from './aws-requests.ts';
import { FaultInjector } from './faults.ts';
import type { PolicyEvaluator, RolePrincipal } from './policies.ts';
import { checkPostPolicy, type PostRefusal } from './post-policy.ts';

/**
 * The local stand-in for AWS's front door: every SDK call of a handler (and every presigned URL
 * or form it hands to a browser) reaches the emulators through here. Like AWS, it knows the caller
 * by the access key of the signature (each function has its own, as each Lambda has its role's),
 * refuses a signature made for another region, works out the IAM action and resource of the
 * request, asks the function's role policies from the synthesized template, and only then forwards
 * the request unchanged. The emulators themselves check no permission at all.
 */

export interface GatewayIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  /** Absent: the local operator (the stack's own provisioning, tests' inspection), allowed everything, as an administrator's credentials would be. */
  principal?: RolePrincipal;
}

export interface LambdaInvoker {
  (
    functionArn: string,
    payload: unknown,
    invocationType: string,
  ): Promise<{ payload: unknown; functionError?: string }>;
}

export interface GatewayOptions {
  region: string;
  accountId: string;
  /** The caller an access key belongs to (looked up per request: functions get theirs once the runtime exists). */
  identityFor(accessKeyId: string): GatewayIdentity | undefined;
  evaluator: PolicyEvaluator;
  /** Emulator origins per signing service name. */
  targets: Partial<Record<'s3' | 'dynamodb' | 'ses' | 'states' | 'cloudfront' | 'sqs', string>>;
  /** The SQS emulator's URL for a queue name (it knows queues by its own URLs, not AWS's). */
  sqsQueueUrl?: (name: string) => string | undefined;
  lambda?: LambdaInvoker;
  /** S3 calls s3rver does not implement, answered here once authorized (its XML body). */
  s3ListObjectVersions?: (bucket: string, query: URLSearchParams) => Promise<string>;
  log: Logger;
  now?: () => Date;
  /** Faults injected by tests (`/_local/faults`); a new, empty injector by default. */
  faults?: FaultInjector;
}

export interface Denial {
  at: string;
  principal: string;
  service: string;
  action: string;
  resource: string;
  message: string;
}

/** S3 accepts POST forms up to 5 GB; the project's policies stop at 20 MB: more is refused before buffering. */
const MAX_FORM_BYTES = 64 * 1024 * 1024;
/** Global services sign for us-east-1 whatever the stack's region. */
const GLOBAL_SERVICES = new Set(['cloudfront', 'iam']);

interface Credential {
  accessKeyId: string;
  region: string;
  service: string;
}

function credentialOf(req: IncomingMessage, query: URLSearchParams): Credential | undefined {
  const scope =
    /Credential=([^,\s]+)/.exec(req.headers.authorization ?? '')?.[1] ?? query.get('X-Amz-Credential') ?? undefined;
  if (!scope) return undefined;
  const [accessKeyId = '', , region = '', service = ''] = scope.split('/');
  return { accessKeyId, region, service };
}

/** The fields of a multipart form and the size of its file (S3 requires the file to be the last field). */
function parseForm(contentType: string, body: Buffer): Promise<{ fields: Record<string, string>; fileSize: number }> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let fileSize = 0;
    const parser = busboy({ headers: { 'content-type': contentType }, limits: { fieldSize: 1024 * 1024 } });
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (_name, stream) => stream.on('data', (chunk: Buffer) => (fileSize += chunk.length)));
    parser.on('close', () => resolve({ fields, fileSize }));
    parser.on('error', reject);
    parser.end(body);
  });
}

export const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** An AWS error in the protocol of the service, as its SDK parses it. */
function awsError(
  res: ServerResponse,
  service: string,
  status: number,
  code: string,
  message: string,
  extra: Record<string, string | number> = {},
): void {
  const requestId = randomUUID();
  const more = Object.entries(extra)
    .map(([k, v]) => `<${k}>${escapeXml(String(v))}</${k}>`)
    .join('');
  switch (service) {
    case 'dynamodb':
    case 'states':
    case 'sqs':
      res.writeHead(status === 403 ? 400 : status, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': requestId,
      });
      res.end(
        JSON.stringify({
          __type: `com.amazonaws.local#${code === 'AccessDenied' ? 'AccessDeniedException' : code}`,
          message,
          Message: message,
        }),
      );
      return;
    case 'lambda':
      res.writeHead(status, {
        'content-type': 'application/json',
        'x-amzn-errortype': code === 'AccessDenied' ? 'AccessDeniedException' : code,
        'x-amzn-requestid': requestId,
      });
      res.end(JSON.stringify({ Type: 'User', message }));
      return;
    case 'ses':
    case 'email':
    case 'cloudfront':
      res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
      res.end(
        `<ErrorResponse><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      );
      return;
    default:
      res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': requestId });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>${more}<RequestId>${requestId}</RequestId></Error>`,
      );
  }
}

export async function startIamGateway(
  options: GatewayOptions,
): Promise<{ url: string; denials: Denial[]; faults: FaultInjector; stop(): Promise<void> }> {
  const { log } = options;
  const denials: Denial[] = [];
  const faults = options.faults ?? new FaultInjector();
  const now = options.now ?? (() => new Date());

  /** Forwards the request as received (same path, headers and Host: the signature stays valid). */
  const forward = (req: IncomingMessage, res: ServerResponse, target: string, body?: Buffer) => {
    const url = new URL(target);
    // A rewritten body (SQS) has its own length; the others are forwarded byte for byte.
    const headers =
      body && req.headers['content-length'] !== undefined
        ? { ...req.headers, 'content-length': String(body.length) }
        : req.headers;
    const upstream = http.request(
      { host: url.hostname, port: url.port, method: req.method, path: req.url, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    // A caller that goes away (an SQS long poll aborted at a stop) ends its upstream request too, as a
    // proxy would; the emulator may then be stopped without that request failing as « unreachable ».
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    upstream.on('error', (error) => {
      if (res.destroyed && !res.writableFinished) return;
      log.error('emulator unreachable', { target, error: String(error) });
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    if (body) upstream.end(body);
    else req.pipe(upstream);
  };

  /** The body with the queue's AWS URL replaced by the emulator's (fauxqs knows queues by its own URLs). */
  const sqsForEmulator = (body: Buffer | undefined): Buffer | undefined => {
    if (!body?.length) return body;
    const request = JSON.parse(body.toString('utf8')) as { QueueUrl?: string };
    const queue = request.QueueUrl ? sqsQueueOf(request.QueueUrl) : undefined;
    const local = queue && options.sqsQueueUrl?.(queue.name);
    return local ? Buffer.from(JSON.stringify({ ...request, QueueUrl: local })) : body;
  };

  /** Every authorization the request needs, or the first refusal (sent). */
  const authorize = async (
    res: ServerResponse,
    service: string,
    identity: GatewayIdentity,
    authorizations: Authorization[],
  ): Promise<boolean> => {
    const principal = identity.principal;
    if (!principal) return true;
    for (const authorization of authorizations) {
      const decision = await options.evaluator.decide(principal, authorization);
      if (!decision.allowed) {
        denials.push({
          at: now().toISOString(),
          principal: principal.functionId,
          service,
          ...authorization,
          message: decision.reason,
        });
        if (denials.length > 200) denials.shift();
        log.warn('access denied', {
          function: principal.functionId,
          action: authorization.action,
          resource: authorization.resource,
        });
        awsError(res, service, 403, 'AccessDenied', decision.reason);
        return false;
      }
    }
    return true;
  };

  /** A browser form upload to S3 (presigned POST): policy checks, then s3:PutObject for whoever signed it. */
  const formUpload = async (req: IncomingMessage, res: ServerResponse, bucket: string) => {
    const body = await readBody(req, MAX_FORM_BYTES);
    if (!body)
      return awsError(res, 's3', 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
    const form = await parseForm(req.headers['content-type'] ?? '', body).catch(() => undefined);
    if (!form)
      return awsError(
        res,
        's3',
        400,
        'MalformedPOSTRequest',
        'The body of your POST request is not well-formed multipart/form-data.',
      );
    const refusal: PostRefusal | undefined = checkPostPolicy(
      { ...form, bucket },
      { now: now(), secretFor: (key) => options.identityFor(key)?.secretAccessKey },
    );
    if (refusal) {
      log.warn('form upload refused', { bucket, code: refusal.code, message: refusal.message });
      return awsError(res, 's3', refusal.status, refusal.code, refusal.message, refusal.extra);
    }
    const lower = Object.fromEntries(Object.entries(form.fields).map(([k, v]) => [k.toLowerCase(), v]));
    const identity = options.identityFor(String(lower['x-amz-credential']).split('/')[0]!)!;
    if (
      !(await authorize(res, 's3', identity, [
        { action: 's3:PutObject', resource: s3ObjectArn(bucket, lower.key ?? '') },
      ]))
    )
      return;
    forward(req, res, options.targets.s3!, body);
  };

  const lambdaInvoke = async (req: IncomingMessage, res: ServerResponse, functionArn: string) => {
    const body = await readBody(req);
    let payload: unknown;
    try {
      payload = body?.length ? JSON.parse(body.toString('utf8')) : null;
    } catch {
      return awsError(res, 'lambda', 400, 'InvalidRequestContentException', 'Could not parse request body into json');
    }
    const invocationType = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
    try {
      const result = await options.lambda!(functionArn, payload, invocationType);
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-amz-executed-version': '$LATEST',
        'x-amzn-requestid': randomUUID(),
      };
      if (result.functionError) headers['x-amz-function-error'] = result.functionError;
      res
        .writeHead(invocationType === 'Event' ? 202 : 200, headers)
        .end(invocationType === 'Event' ? '' : JSON.stringify(result.payload ?? null));
    } catch (error) {
      awsError(res, 'lambda', 404, 'ResourceNotFoundException', error instanceof Error ? error.message : String(error));
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const method = req.method ?? 'GET';
    const credential = credentialOf(req, url.searchParams);

    if (!credential) {
      // Browsers: CORS preflights need no signature; a form upload is signed inside the form.
      if (method === 'OPTIONS') return forward(req, res, options.targets.s3!);
      const bucket = decodeURIComponent(url.pathname.split('/')[1] ?? '');
      if (method === 'POST' && /^multipart\/form-data/i.test(req.headers['content-type'] ?? '') && bucket)
        return formUpload(req, res, bucket);
      return awsError(res, 's3', 403, 'AccessDenied', 'Anonymous access is not allowed: sign the request.');
    }

    const { service } = credential;
    const identity = options.identityFor(credential.accessKeyId);
    if (!identity)
      return awsError(
        res,
        service,
        403,
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
      );
    // Global services sign for us-east-1 on AWS; with an endpoint override (here) the SDK signs with the client's region.
    const expectedRegion =
      GLOBAL_SERVICES.has(service) && credential.region === 'us-east-1' ? 'us-east-1' : options.region;
    if (credential.region !== expectedRegion) {
      // On AWS the call would reach another region's endpoint, where this stack's resources do not exist.
      const message = `Signed for region ${credential.region}; this stack lives in ${expectedRegion}.`;
      log.warn('wrong region', { service, region: credential.region, expected: expectedRegion });
      return awsError(
        res,
        service,
        403,
        service === 's3' ? 'AuthorizationHeaderMalformed' : 'InvalidSignatureException',
        message,
      );
    }

    const body = needsBody(service, method, url.searchParams) ? await readBody(req) : undefined;
    const required = requiredAuthorizations(
      { service, method, path: url.pathname, query: url.searchParams, headers: req.headers, body },
      options,
    );
    if ('unmodelled' in required) {
      if (identity.principal) {
        log.warn('request not modelled by the local IAM check', {
          function: identity.principal.functionId,
          request: required.unmodelled,
        });
        return awsError(
          res,
          service,
          403,
          'AccessDenied',
          `The local stack does not know which IAM action ${required.unmodelled} needs (infra/local/iam/aws-requests.ts): refused rather than guessed.`,
        );
      }
    } else if (!(await authorize(res, service, identity, required.authorizations))) {
      return;
    }
    // Injected faults: after authorization (a refused call stays refused), before the emulator.
    const fault =
      identity.principal && 'authorizations' in required
        ? faults.take({ functionId: identity.principal.functionId, authorizations: required.authorizations, body })
        : undefined;
    if (fault) {
      log.info('fault injected', {
        function: identity.principal!.functionId,
        action: fault.action,
        code: fault.error.code,
        remaining: fault.remaining,
      });
      if (!body) req.resume(); // an unread upload body would make the SDK see a reset connection, not AWS's error
      return awsError(res, service, fault.error.status, fault.error.code, fault.error.message);
    }

    if (service === 'lambda') {
      const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(url.pathname);
      if (!match || !options.lambda)
        return awsError(
          res,
          service,
          404,
          'ResourceNotFoundException',
          `No local Lambda API for ${method} ${url.pathname}`,
        );
      const authorized =
        'authorizations' in required ? required.authorizations[0]!.resource : decodeURIComponent(match[1]!);
      return lambdaInvoke(req, res, authorized);
    }
    if (service === 's3' && method === 'GET' && url.searchParams.has('versions') && options.s3ListObjectVersions) {
      const bucket = decodeURIComponent(url.pathname.split('/')[1] ?? '');
      res
        .writeHead(200, { 'content-type': 'application/xml', 'x-amz-request-id': randomUUID() })
        .end(await options.s3ListObjectVersions(bucket, url.searchParams));
      return;
    }
    const target = options.targets[service === 'email' ? 'ses' : (service as keyof GatewayOptions['targets'])];
    if (!target) return awsError(res, service, 400, 'UnknownService', `No local emulator for ${service}`);
    if (service === 'sqs') return forward(req, res, target, sqsForEmulator(body));
    forward(req, res, target, body);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error('gateway failure', { error: String(error) });
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    denials,
    faults,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

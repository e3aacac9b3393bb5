import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BUNDLES_DIR } from '../../infra/constructs/app-function.ts';
import { staticallyLoaded } from '../support/bundle-closure.ts';

/**
 * The bundles Lambda runs (`npm run build`, run by `npm test` first), loaded by a bare Node the way
 * the runtime does: the local stack runs the TypeScript sources, so only this shows that a bundle,
 * and each chunk it loads on demand, works on its own.
 */

const ENV = {
  PATH: process.env.PATH,
  AWS_REGION: 'eu-west-3',
  TABLE_NAME: 't',
  UPLOADS_BUCKET: 'u',
  MEDIA_BUCKET: 'm',
  MAIL_FROM: 'Avenir <noreply@example.org>',
  ADMIN_EMAIL: 'equipe@example.org',
  SITE_URL: 'https://avenir.example.org',
  // Set by Lambda on an on-demand environment (the logs' cold_start).
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
};

/** Runs an ES module script in a fresh Node inside dist/functions/<entry>; resolves to its stdout. */
async function runIn(entry: string, script: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    cwd: path.join(BUNDLES_DIR, entry),
    env: ENV,
  });
  return stdout.trim();
}

const chunk = async (entry: string, prefix: string) => {
  const name = (await readdir(path.join(BUNDLES_DIR, entry, 'chunks'))).find(
    (f) => f.startsWith(prefix) && f.endsWith('.mjs'),
  );
  if (!name) throw new Error(`no ${prefix} chunk in ${entry}`);
  return `./chunks/${name}`;
};

/**
 * The AWS services whose SDK client each bundle holds (a client's `defaultSigningName`; the
 * credential providers' own, sts, sso and signin, set aside): a function gets only the clients it
 * calls (functions/shared/clients/, one module per client), not every client of the app.
 */
const SERVICES: Record<string, string[]> = {
  'admin-api': ['dynamodb', 'lambda', 's3', 'sqs', 'states'],
  api: ['dynamodb', 'lambda', 's3', 'sqs'],
  compilation: ['dynamodb', 's3'],
  // The mail consumer reads attachments (a file's summary, a release) from the uploads bucket.
  mail: ['dynamodb', 's3', 'ses', 'sqs'],
  'mail-events': ['dynamodb'],
  photo: ['dynamodb', 's3', 'sqs'],
  publish: ['cloudfront', 'dynamodb', 's3'],
  purge: ['dynamodb', 'lambda', 's3', 'sqs'],
  redrive: ['lambda', 'sqs'],
  release: ['dynamodb', 's3', 'sqs'],
  timeline: ['dynamodb', 'lambda', 'sqs'],
};
const CREDENTIAL_SERVICES = new Set(['awsssoportal', 'signin', 'sso-oauth', 'sts']);

/** The services whose SDK client is in `code`, credential providers aside. */
const clientsIn = (code: string) =>
  [...new Set([...code.matchAll(/defaultSigningName:"([a-z0-9-]+)"/g)].map((m) => m[1]!))]
    .filter((s) => !CREDENTIAL_SERVICES.has(s))
    .sort();

describe('function bundles', () => {
  it('every bundle loads and exports its handler', async () => {
    const entries = (await readdir(BUNDLES_DIR, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(entries).toEqual(expect.arrayContaining(['api', 'admin-api', 'photo', 'release', 'timeline', 'publish']));
    for (const entry of entries) {
      expect(await runIn(entry, "const m = await import('./index.mjs'); console.log(typeof m.handler);"), entry).toBe(
        'function',
      );
    }
  });

  it('each bundle holds the SDK clients of the services its function calls, and no other', async () => {
    const entries = (await readdir(BUNDLES_DIR, { withFileTypes: true })).filter((d) => d.isDirectory());
    expect(entries.map((d) => d.name).sort()).toEqual(Object.keys(SERVICES).sort());
    for (const [entry, services] of Object.entries(SERVICES)) {
      const dir = path.join(BUNDLES_DIR, entry);
      // The chunks too: a client loaded on demand is in the bundle all the same.
      const files = [
        'index.mjs',
        ...(await readdir(path.join(dir, 'chunks'))).filter((f) => f.endsWith('.mjs')).map((f) => `chunks/${f}`),
      ];
      const code = (await Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')))).join('\n');
      expect(clientsIn(code), entry).toEqual(services);
    }
  });

  // What a cold start compiles (index.mjs and its static imports): the rest waits for the call that needs it.
  it('a cold start loads only what every call needs: the mail consumer without S3, the timeline without its tasks, the purge without erasing', async () => {
    const coldStart = async (entry: string) =>
      [...(await staticallyLoaded(path.join(BUNDLES_DIR, entry))).values()].join('\n');
    // S3 reads attachments, which few emails carry (functions/mail/attachments.ts).
    expect(clientsIn(await coldStart('mail'))).toEqual(['dynamodb', 'ses', 'sqs']);
    // Each task loads on its first call (functions/timeline/index.ts): the launch's Lambda invoke, the emails' templates.
    const timeline = await coldStart('timeline');
    expect(clientsIn(timeline)).toEqual(['dynamodb', 'sqs']);
    expect(timeline).not.toMatch(/Handlebars/);
    // Erasing loads on a day something is due (functions/purge/purge.ts): most days erase nothing.
    expect(clientsIn(await coldStart('purge'))).toEqual(['dynamodb', 'sqs']);
  });

  it('the compilation reads WOFF2 through Node’s Brotli, not the 475 KB JavaScript decoder fontkit imports', async () => {
    const compilation = [...(await staticallyLoaded(path.join(BUNDLES_DIR, 'compilation'))).values()].join('\n');
    expect(compilation).toContain('brotliDecompressSync');
    // The `brotli` package's decoder carries its dictionary and these function names.
    expect(compilation).not.toMatch(/BrotliDecompressBuffer|BrotliDecompressedSize/);
  });

  it('the public API answers a postal code through its lazily loaded communes chunk', async () => {
    const event = JSON.parse(
      await readFile(path.resolve(import.meta.dirname, '../../events/apigw-v2-request.json'), 'utf8'),
    );
    Object.assign(event, {
      rawPath: '/api/communes',
      rawQueryString: 'codePostal=69007',
      queryStringParameters: { codePostal: '69007' },
      body: undefined,
    });
    Object.assign(event.requestContext.http, { method: 'GET', path: '/api/communes' });
    event.pathParameters = { proxy: 'communes' };
    const context = {
      awsRequestId: 'lambda-req-1',
      functionName: 'avenir-api',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-3:000000000000:function:avenir-api',
      memoryLimitInMB: '512',
    };
    const out = await runIn(
      'api',
      `const { handler } = await import('./index.mjs'); const res = await handler(${JSON.stringify(event)}, ${JSON.stringify(context)}); console.log(JSON.stringify(res));`,
    );
    const res = JSON.parse(out.split('\n').at(-1)!) as { statusCode: number; body: string };
    expect(res.statusCode).toBe(200);
    // Its log line, as CloudWatch gets it: one JSON object (Powertools), not a string inside `message`.
    expect(
      out
        .split('\n')
        .slice(0, -1)
        .map((line) => JSON.parse(line)),
    ).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'request',
        service: 'api',
        cold_start: true,
        function_request_id: 'lambda-req-1',
        correlation_id: event.requestContext.requestId,
        status: 200,
      }),
    ]);
    expect(JSON.parse(res.body).communes).toContainEqual(
      expect.objectContaining({
        department: { code: '69', name: 'Rhône' },
        region: expect.objectContaining({ name: 'Auvergne-Rhône-Alpes' }),
      }),
    );
  });

  it('the chunks loaded on demand work on their own: disposable domains, the release proof PDF with its font beside the bundle', async () => {
    const domains = await chunk('api', 'disposable-domains-');
    expect(
      await runIn(
        'api',
        `const m = await import('${domains}'); const set = Object.values(m).find((v) => v instanceof Set); console.log(set.has('yopmail.com'), set.size > 10000);`,
      ),
    ).toBe('true true');
    const proof = await chunk('api', 'release-proof-');
    const pdf = await runIn(
      'api',
      `const m = await import('${proof}'); const make = m.releaseProofPdf;
       const bytes = await make({ release: { lastName: 'Świątek', firstName: 'Nguyễn Thị Ánh', role: 'Directrice', organisation: 'Atelier', imageCount: 4, consentsObtained: true, authorisePlatform: true, authoriseSocial: true, authoriseAllMedia: true, acknowledgesNoHarm: true, place: 'Lyon', approval: 'lu et approuvé' }, applicationId: 'a', initiativeName: 'Vélos', signedAt: '2028-02-01T10:00:00Z' });
       console.log(Buffer.from(bytes).subarray(0, 5).toString(), bytes.length);`,
    );
    expect(pdf).toMatch(/^%PDF- \d{4,}$/);
  });

  it('the release function renders the release’s copy with its lazily loaded template engine', async () => {
    const emails = await chunk('release', 'emails-');
    expect(
      await runIn(
        'release',
        `const m = await import('${emails}'); const email = m.releaseCopyEmail({ firstName: 'Awa', initiativeName: 'Vélos', release: { mode: 'scan' }, attached: true });
         console.log(email.subject, email.text.includes('copie jointe'));`,
      ),
      // French typography: non-breaking spaces inside the guillemets and before the colon.
    ).toMatch(/^Décharge droit à l’image signée\s:\s«\sVélos\s» true$/);
  });
});

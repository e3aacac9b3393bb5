import { typeset } from '../../functions/domain/french.ts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api as formApi } from '../../frontend/candidater/api.ts';
import { call as voteCall } from '../../frontend/vote/api.ts';

/**
 * What the browser apps show when an answer does not come from our API: API Gateway answers a
 * throttled request (429) or a too-large body (413) itself, in English (« Too Many Requests »,
 * « Request Entity Too Large »), and its HTTP API cannot be told otherwise. The apps show their own
 * French words then, and our API's French message otherwise.
 */
let server: Server;
let base: string;
const answers: Record<string, [number, unknown]> = {
  '/gateway-413': [413, { message: 'Request Entity Too Large' }],
  '/gateway-429': [429, { message: 'Too Many Requests' }],
  '/ours-409': [409, { error: 'conflict', message: 'Le dossier a changé entre-temps : rechargez la page.' }],
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const [status, body] = answers[req.url ?? ''] ?? [404, {}];
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const formMessage = (path: string) =>
  formApi('POST', `${base}${path}`, {}).then(
    () => 'no error',
    (error: Error) => error.message,
  );

describe('French messages whoever answers', () => {
  it('the form: API Gateway’s English 413 and 429 become French; our API’s message is kept', async () => {
    expect(await formMessage('/gateway-413')).toBe(
      typeset('Envoi trop volumineux : allégez le fichier ou le texte, puis réessayez.'),
    );
    expect(await formMessage('/gateway-429')).toBe(
      typeset('Trop de demandes en peu de temps : patientez une minute, puis réessayez.'),
    );
    expect(await formMessage('/ours-409')).toBe('Le dossier a changé entre-temps : rechargez la page.');
  });

  it('the vote: a throttled request on a newsletter day says so in French', async () => {
    expect((await voteCall('POST', `${base}/gateway-429`, {})).data.message).toBe(
      typeset('Trop de demandes\u00a0: réessayez dans quelques minutes.'),
    );
    expect((await voteCall('POST', `${base}/gateway-413`, {})).data.message).toMatch(/^Une erreur est survenue/);
    expect((await voteCall('POST', `${base}/ours-409`, {})).data.message).toBe(
      'Le dossier a changé entre-temps : rechargez la page.',
    );
  });
});

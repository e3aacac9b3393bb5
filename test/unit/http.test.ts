import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import apiEvent from '../../events/apigw-v2-request.json' with { type: 'json' };
import { invalid } from '../../functions/domain/errors.ts';
import { json, parseBody, router, type HttpEvent } from '../../functions/shared/http.ts';
import { requireAdmin } from '../../functions/admin-api/require-admin.ts';

const event = (method: string, path: string, body?: unknown): HttpEvent =>
  ({ ...(apiEvent as unknown as HttpEvent), rawPath: path, body: body === undefined ? undefined : JSON.stringify(body), isBase64Encoded: false, requestContext: { ...(apiEvent as unknown as HttpEvent).requestContext, http: { ...(apiEvent as unknown as HttpEvent).requestContext.http, method, path } } }) as HttpEvent;

describe('router', () => {
  const handle = router({
    'GET /api/things/:id': ({ params }) => json(200, { id: params.id }),
    'POST /api/things': ({ event: e }) => json(201, parseBody(e, z.object({ name: z.string().min(2, 'Nom : trop court.') }))),
    'GET /api/boom': () => {
      throw new Error('secret detail');
    },
    'GET /api/invalid': () => {
      throw invalid([{ field: 'contact.email', message: 'Courriel : invalide.' }]);
    },
  });

  it('routes by method and path with decoded params', async () => {
    const res = await handle(event('GET', '/api/things/a%20b'));
    expect(JSON.parse(res.body!)).toEqual({ id: 'a b' });
  });

  it('answers 405 for a known path with another method and 404 for an unknown one', async () => {
    expect((await handle(event('DELETE', '/api/things/1'))).statusCode).toBe(405);
    expect((await handle(event('GET', '/api/nothing'))).statusCode).toBe(404);
  });

  it('maps validation errors to 400 with the field and French message', async () => {
    const res = await handle(event('POST', '/api/things', { name: 'x' }));
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body!).issues).toEqual([{ field: 'name', message: 'Nom : trop court.' }]);
    expect((await handle(event('GET', '/api/invalid'))).statusCode).toBe(400);
  });

  it('hides unexpected errors behind a French 500', async () => {
    const res = await handle(event('GET', '/api/boom'));
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret detail');
    expect(JSON.parse(res.body!).message).toMatch(/Une erreur est survenue/);
  });

  it('refuses a body that is not JSON', async () => {
    const e = event('POST', '/api/things');
    e.body = '{oops';
    expect((await handle(e)).statusCode).toBe(400);
  });
});

describe('requireAdmin', () => {
  const withClaims = (claims?: Record<string, unknown>) => {
    const e = event('GET', '/api/admin/me');
    e.requestContext.authorizer = claims ? { jwt: { claims } } : undefined;
    return e;
  };

  it('accepts the admin group as API Gateway flattens it and as an array', () => {
    expect(requireAdmin(withClaims({ sub: '1', email: 'a@b.fr', 'cognito:groups': '[admin other]' })).groups).toContain('admin');
    expect(requireAdmin(withClaims({ sub: '1', 'cognito:groups': ['admin'] })).sub).toBe('1');
  });

  it('refuses a missing token (401) and a user outside the group (403)', () => {
    expect(() => requireAdmin(withClaims())).toThrow(expect.objectContaining({ kind: 'unauthorized' }));
    expect(() => requireAdmin(withClaims({ sub: '1', 'cognito:groups': '[editors]' }))).toThrow(expect.objectContaining({ kind: 'forbidden' }));
  });
});

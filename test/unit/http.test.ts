import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import apiEvent from '../../events/apigw-v2-request.json' with { type: 'json' };
import { invalid } from '../../functions/domain/errors.ts';
import { json, parseBody, router, type HttpEvent, type RouteContext } from '../../functions/shared/http.ts';
import { lazy } from '../../functions/shared/lazy.ts';
import { requireAdmin } from '../../functions/admin-api/require-admin.ts';

const event = (method: string, path: string, body?: unknown): HttpEvent =>
  ({
    ...(apiEvent as unknown as HttpEvent),
    rawPath: path,
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      ...(apiEvent as unknown as HttpEvent).requestContext,
      http: { ...(apiEvent as unknown as HttpEvent).requestContext.http, method, path },
    },
  }) as HttpEvent;

describe('router', () => {
  const handle = router({
    'GET /api/things/:id': ({ params }) => json(200, { id: params.id }),
    'POST /api/things': ({ event: e }) =>
      json(201, parseBody(e, z.object({ name: z.string().min(2, 'Nom : trop court.') }))),
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
    expect(JSON.parse(res.body!).issues).toEqual([{ field: 'name', message: 'Nom\u00a0: trop court.' }]);
    expect((await handle(event('GET', '/api/invalid'))).statusCode).toBe(400);
  });

  it('words zod’s own messages in French, in our typography, where a schema has none of ours (a type, a bound)', async () => {
    const strict = router({
      'POST /api/strict': ({ event: e }) =>
        json(201, parseBody(e, z.object({ count: z.number(), code: z.string().max(3) }))),
    });
    const res = await strict(event('POST', '/api/strict', { count: 'dix', code: 'ABCDEF' }));
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body!).issues).toEqual([
      { field: 'count', message: 'Entrée invalide\u00a0: nombre attendu, chaîne de caractères reçu' },
      { field: 'code', message: 'Trop grand\u00a0: chaîne de caractères doit avoir <=3 caractères' },
    ]);
  });

  it('loads a lazy route’s module on its first request, not at start nor for another route', async () => {
    const loaded: string[] = [];
    const things = async () => {
      loaded.push('things');
      return { getThing: ({ params }: RouteContext) => json(200, { id: params.id }) };
    };
    const lazyHandle = router({
      'GET /api/lazy/:id': lazy(things, 'getThing'),
      'GET /api/eager': () => json(200, {}),
    });
    expect((await lazyHandle(event('GET', '/api/eager'))).statusCode).toBe(200);
    expect(loaded).toEqual([]);
    expect(JSON.parse((await lazyHandle(event('GET', '/api/lazy/7'))).body!)).toEqual({ id: '7' });
    expect(loaded).toEqual(['things']);
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

describe('bodies: JSON only (no cross-site simple POST)', () => {
  let ran = 0;
  const handle = router({
    'POST /api/things': ({ event: e }) => {
      ran += 1;
      return json(201, parseBody(e, z.object({ name: z.string() })));
    },
    'POST /api/things/:id/submit': () => {
      ran += 1;
      return json(200, { ok: true });
    },
    'GET /api/things': () => json(200, { ok: true }),
  });
  const withType = (type: string | undefined, body: string | undefined, method = 'POST', path = '/api/things') => {
    const e = event(method, path);
    e.headers = { ...e.headers };
    delete e.headers['content-type'];
    if (type !== undefined) e.headers['content-type'] = type;
    e.body = body;
    return e;
  };

  it.each([
    ['text/plain', '{"name":"x"}'],
    ['text/plain;charset=UTF-8', '{"name":"x"}'],
    ['application/x-www-form-urlencoded', '{"name":"x"}'],
    ['multipart/form-data; boundary=x', '--x--'],
    ['application/jsonp', '{"name":"x"}'],
    [undefined, '{"name":"x"}'],
  ])('answers 415 with a French message to a body typed %s, before the route runs', async (type, body) => {
    ran = 0;
    const res = await handle(withType(type, body));
    expect(res.statusCode).toBe(415);
    expect(JSON.parse(res.body!)).toEqual({
      error: 'unsupported-media-type',
      message: expect.stringMatching(/^Format de requête non pris en charge\u00a0: .*JSON/),
      issues: [],
    });
    expect(ran).toBe(0);
  });

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8'])(
    'accepts %s',
    async (type) => {
      expect((await handle(withType(type, '{"name":"x"}'))).statusCode).toBe(201);
    },
  );

  it('lets bodiless requests through (a POST without body nor type, a GET), but not a bodiless POST typed text/plain', async () => {
    ran = 0;
    expect((await handle(withType(undefined, undefined, 'POST', '/api/things/1/submit'))).statusCode).toBe(200);
    expect((await handle(withType('text/plain', undefined, 'GET'))).statusCode).toBe(200);
    expect((await handle(withType('text/plain', '', 'POST', '/api/things/1/submit'))).statusCode).toBe(415);
    expect(ran).toBe(1);
  });

  it('answers 404/405 as before for unknown routes, whatever the type', async () => {
    expect((await handle(withType('text/plain', 'x', 'POST', '/api/nothing'))).statusCode).toBe(404);
  });
});

describe('requireAdmin', () => {
  const withClaims = (claims?: Record<string, unknown>) => {
    const e = event('GET', '/api/admin/me');
    e.requestContext.authorizer = claims ? { jwt: { claims } } : undefined;
    return e;
  };

  it('accepts the admin group as API Gateway flattens it and as an array', () => {
    expect(requireAdmin(withClaims({ sub: '1', email: 'a@b.fr', 'cognito:groups': '[admin other]' })).groups).toContain(
      'admin',
    );
    expect(requireAdmin(withClaims({ sub: '1', 'cognito:groups': ['admin'] })).sub).toBe('1');
  });

  it('refuses a missing token (401) and a user outside the group (403)', () => {
    expect(() => requireAdmin(withClaims())).toThrow(expect.objectContaining({ kind: 'unauthorized' }));
    expect(() => requireAdmin(withClaims({ sub: '1', 'cognito:groups': '[editors]' }))).toThrow(
      expect.objectContaining({ kind: 'forbidden' }),
    );
  });
});

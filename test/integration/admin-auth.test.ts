import {
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeJwt, importJWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { issueToken } from '../../infra/local/cognito.ts';
import { createPoolUser, localCognito, signIn } from '../support/local-clients.ts';

/**
 * Every console route is behind the JWT authorizer (local front, as API Gateway) and the admin group
 * check (handler). Tokens tried: none, expired, tampered, from another pool, of a user outside the
 * group, and the admin's.
 */
const stack = inject('stack');
const front = stack.urls.front;
const password = 'Motdepasse-de-test-42!';
const run = Date.now().toString(36);

const routes = [
  { method: 'GET', path: '/api/admin/me' },
  { method: 'POST', path: '/api/admin/decisions', body: {} },
];
const call = (route: (typeof routes)[number], token?: string) =>
  fetch(`${front}${route.path}`, {
    method: route.method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: route.body ? JSON.stringify(route.body) : undefined,
  });

let adminToken: string;

const createUser = (userPoolId: string, email: string, group?: string) =>
  createPoolUser(userPoolId, email, password, group);

/** Signed with cognito-local's own key (it ships with the package): only the claims make it wrong. */
async function signedLikeCognitoLocal(claims: Record<string, unknown>): Promise<string> {
  const file = path.resolve(import.meta.dirname, '../../node_modules/cognito-local/lib/keys/cognitoLocal.private.json');
  const { jwk } = JSON.parse(await readFile(file, 'utf8')) as { jwk: Record<string, string> };
  const key = await importJWK(jwk, 'RS256');
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' }).sign(key);
}

beforeAll(async () => {
  adminToken = (await signIn()).idToken;
});

describe('console API authentication', () => {
  it('lets the admin through with the ID token (aud = the client, cognito:groups = admin)', async () => {
    const me = await call(routes[0]!, adminToken);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ email: stack.admin.email, groups: ['admin'] });
    // Past the authorizer and the group: the handler reads the body.
    const write = await call(routes[1]!, adminToken);
    expect(write.status).toBe(400);
  });

  it('answers 401 without a token', async () => {
    for (const route of routes) expect((await call(route)).status).toBe(401);
  });

  it('answers 401 to an expired token, even correctly signed', async () => {
    const claims = decodeJwt(adminToken);
    const now = Math.floor(Date.now() / 1000);
    const expired = await signedLikeCognitoLocal({ ...claims, iat: now - 7200, exp: now - 3600 });
    const fresh = await signedLikeCognitoLocal({ ...claims, iat: now, exp: now + 600 });
    expect((await call(routes[0]!, fresh)).status).toBe(200); // the forging itself is right
    for (const route of routes) expect((await call(route, expired)).status).toBe(401);
  });

  it('answers 401 to a tampered token (claims changed, signature kept)', async () => {
    const [header, , signature] = adminToken.split('.');
    const claims = { ...decodeJwt(adminToken), email: 'intrus@example.org' };
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    for (const route of routes) expect((await call(route, tampered)).status).toBe(401);
  });

  it('answers 401 to an admin of another user pool', async () => {
    const cognito = localCognito();
    const pool = (
      await cognito.send(new CreateUserPoolCommand({ PoolName: `other-${run}`, UsernameAttributes: ['email'] }))
    ).UserPool!.Id!;
    const client = (
      await cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId: pool,
          ClientName: 'other',
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      )
    ).UserPoolClient!.ClientId!;
    await cognito.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: 'admin' }));
    const email = `autre-${run}@example.org`;
    await createUser(pool, email, 'admin');
    const { idToken, accessToken } = await issueToken(
      { url: stack.urls.cognito, clientId: client, region: stack.env.AWS_REGION },
      email,
      password,
    );
    expect(decodeJwt(idToken)['cognito:groups']).toEqual(['admin']);
    for (const route of routes) {
      expect((await call(route, idToken)).status).toBe(401);
      expect((await call(route, accessToken)).status).toBe(401);
    }
  });

  it('answers 403 with a French explanation to a user of the pool outside the admin group', async () => {
    const email = `redacteur-${run}@example.org`;
    await createUser(stack.cognito.userPoolId, email);
    const { idToken } = await issueToken(
      { url: stack.urls.cognito, clientId: stack.cognito.clientId, region: stack.env.AWS_REGION },
      email,
      password,
    );
    for (const route of routes) {
      const res = await call(route, idToken);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { message: string }).message).toBe(
        'Votre compte n’a pas accès à la console\u00a0: demandez à un administrateur de vous ajouter au groupe «\u00a0admin\u00a0».',
      );
    }
  });
});

import { ADMIN_GROUP } from '../domain/admin.ts';
import { forbidden, unauthorized } from '../domain/errors.ts';
import type { HttpEvent } from '../shared/http.ts';

export interface AdminIdentity {
  sub: string;
  email: string;
  groups: string[];
}

/**
 * The HTTP API's JWT authorizer has already checked signature, issuer, audience and expiry; the
 * group cannot be checked there, so every admin route goes through this.
 */
export function requireAdmin(event: HttpEvent): AdminIdentity {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  if (!claims?.sub) throw unauthorized('Session absente ou expirée\u00a0: reconnectez-vous.');
  const groups = groupsOf(claims['cognito:groups']);
  if (!groups.includes(ADMIN_GROUP))
    throw forbidden(
      'Votre compte n’a pas accès à la console\u00a0: demandez à un administrateur de vous ajouter au groupe «\u00a0admin\u00a0».',
    );
  return { sub: String(claims.sub), email: String(claims.email ?? claims.username ?? ''), groups };
}

/**
 * The token's groups, each an exact name. The HTTP API's JWT authorizer flattens an array claim to
 * one string, `[admin readers]` (brackets, single spaces); the local front passes the array as is.
 * Cognito group names cannot hold whitespace but may hold commas and brackets, so only whitespace
 * separates names, and only one enclosing pair of brackets is removed: `readers,admin`,
 * `administrators` or `[admin]` are other groups, never `admin`.
 */
export function groupsOf(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== 'string') return [];
  const inner = raw.startsWith('[') && raw.endsWith(']') ? raw.slice(1, -1) : raw;
  return inner.split(/\s+/).filter(Boolean);
}

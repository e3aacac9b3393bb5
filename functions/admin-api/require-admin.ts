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
  if (!claims?.sub) throw unauthorized('Session absente ou expirée : reconnectez-vous.');
  const raw = claims['cognito:groups'];
  // API Gateway flattens array claims to "[a b]"; the local front passes the array as is.
  const groups = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean) : [];
  if (!groups.includes(ADMIN_GROUP)) throw forbidden("Votre compte n'a pas accès à la console : demandez à un administrateur de vous ajouter au groupe « admin ».");
  return { sub: String(claims.sub), email: String(claims.email ?? claims.username ?? ''), groups };
}

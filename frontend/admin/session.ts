import { refreshAuth, revokeToken, type AuthTokens } from './cognito.ts';

/**
 * The signed-in admin's tokens, in sessionStorage: they live as long as the tab, are not shared
 * with other tabs or sites, and go away with the tab. The ID token is the one sent to the API: it
 * carries the client id as `aud` (what the HTTP API's JWT authorizer checks), `email` (who
 * decided, who sent) and `cognito:groups`.
 */
interface Session {
  idToken: string;
  refreshToken: string;
  /** Epoch ms when the ID token expires. */
  expiresAt: number;
  email: string;
}

const KEY = 'avenir.console.session';
/** Refresh a little before expiry, so a request never leaves with a token about to lapse. */
const MARGIN_MS = 60_000;

function claims(token: string): Record<string, unknown> {
  try {
    const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)))) as Record<
      string,
      unknown
    >;
  } catch {
    return {};
  }
}

function read(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : undefined;
  } catch {
    return undefined;
  }
}

export function store(tokens: AuthTokens, refreshToken = tokens.RefreshToken ?? read()?.refreshToken ?? ''): void {
  const session: Session = {
    idToken: tokens.IdToken,
    refreshToken,
    expiresAt: Date.now() + tokens.ExpiresIn * 1000,
    email: String(claims(tokens.IdToken).email ?? ''),
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export const signedInEmail = () => read()?.email;
export const hasSession = () => Boolean(read());

export function clear(): void {
  sessionStorage.removeItem(KEY);
}

/** A valid ID token, refreshed when close to expiry; undefined when the admin must sign in again. */
export async function idToken(): Promise<string | undefined> {
  const session = read();
  if (!session) return undefined;
  if (Date.now() < session.expiresAt - MARGIN_MS) return session.idToken;
  try {
    const { AuthenticationResult } = await refreshAuth(session.refreshToken);
    if (!AuthenticationResult) throw new Error('no tokens');
    store(AuthenticationResult, session.refreshToken);
    return AuthenticationResult.IdToken;
  } catch {
    clear();
    return undefined;
  }
}

/** Signs out here and revokes the refresh token at Cognito (best effort: the tab forgets it anyway). */
export async function signOut(): Promise<void> {
  const session = read();
  clear();
  if (session?.refreshToken) await revokeToken(session.refreshToken).catch(() => undefined);
}

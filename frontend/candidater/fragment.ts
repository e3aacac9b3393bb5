/**
 * The private link of an application lives in the URL fragment (`#dossier=<id>&jeton=<token>`): the
 * fragment is never sent to a server, so the token stays out of access logs and Referer headers.
 */
export interface Credentials {
  id: string;
  token: string;
}

/** Reads `dossier` and `jeton` from a location hash; `+` is kept as is (tokens may be base64). */
export function parseFragment(hash: string): Credentials | null {
  const values: Record<string, string> = {};
  for (const pair of hash.replace(/^#/, '').split('&')) {
    const at = pair.indexOf('=');
    if (at < 1) continue;
    try {
      values[pair.slice(0, at)] = decodeURIComponent(pair.slice(at + 1)).trim();
    } catch {
      // A truncated link (broken %-escape): ignore this pair.
    }
  }
  const { dossier: id, jeton: token } = values;
  return id && token ? { id, token } : null;
}

export function formatFragment({ id, token }: Credentials): string {
  return `#dossier=${encodeURIComponent(id)}&jeton=${encodeURIComponent(token)}`;
}

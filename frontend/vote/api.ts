/** Calls of the vote's public API from the browser; every failure comes back with a French message. */

export interface ApiAnswer<T> {
  status: number;
  data: T & { error?: string; message?: string; reason?: string; issues?: { field: string; message: string }[] };
}

export const OFFLINE_MESSAGE = 'Connexion impossible\u00a0: vérifiez votre connexion à internet, puis réessayez.';
const FALLBACK = 'Une erreur est survenue de notre côté\u00a0: réessayez dans un instant.';

/** Status 0: the network failed. A non-JSON answer (a proxy's error page) gets a generic message. */
export async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    return { status: 0, data: { message: OFFLINE_MESSAGE } as ApiAnswer<T>['data'] };
  }
  const data = (await response.json().catch(() => ({}))) as ApiAnswer<T>['data'];
  // Our API's errors carry a code (`error`) and a French message; anything else (API Gateway's throttling
  // « Too Many Requests », a 413, a proxy's page) is in English or absent: our French words instead.
  if (!response.ok && !data.error)
    data.message = response.status === 429 ? 'Trop de demandes\u00a0: réessayez dans quelques minutes.' : FALLBACK;
  return { status: response.status, data };
}

const number = new Intl.NumberFormat('fr-FR');
/** « 0 vote », « 1 vote », « 1 234 votes ». */
export const votesLabel = (n: number) => `${number.format(n)} ${n > 1 ? 'votes' : 'vote'}`;

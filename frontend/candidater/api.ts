import type { FieldIssue } from '../../functions/domain/errors.ts';

/** Calls to the public API (same origin). Errors come back as ApiError with French messages. */
export class ApiError extends Error {
  // Declared and assigned (not parameter properties): no class-field helper in the form's bundle.
  declare readonly status: number;
  declare readonly code: string;
  declare readonly issues: FieldIssue[];
  constructor(status: number, code: string, message: string, issues: FieldIssue[] = []) {
    super(message);
    Object.assign(this, { status, code, issues });
  }
}

const FALLBACK: Record<number, string> = {
  0: 'Connexion impossible\u00a0: vérifiez votre connexion à internet, puis réessayez.',
  401: 'Ce lien ne permet pas d’ouvrir le dossier\u00a0: il est incomplet ou n’est plus valable.',
  404: 'Dossier introuvable.',
  409: 'L’appel à initiatives est clos\u00a0: le dossier ne peut plus être modifié.',
  413: 'Envoi trop volumineux\u00a0: allégez le fichier ou le texte, puis réessayez.',
  429: 'Trop de demandes en peu de temps\u00a0: patientez une minute, puis réessayez.',
};
export const fallbackMessage = (status: number) =>
  FALLBACK[status] ??
  'Une erreur est survenue de notre côté. Ce qui était déjà enregistré est conservé\u202f; réessayez dans un instant.';

let token: string | null = null;
export function setToken(value: string | null): void {
  token = value;
}

/** `keepalive`: the request outlives the page (sent while it is being left). */
export async function api<T>(method: string, path: string, body?: unknown, keepalive = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers['x-application-token'] = token;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      keepalive,
    });
  } catch {
    throw new ApiError(0, 'network', fallbackMessage(0));
  }
  const data = (await response.json().catch(() => null)) as {
    error?: string;
    message?: string;
    issues?: FieldIssue[];
  } | null;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      data?.error ?? 'http',
      // Only our API's errors (with their code) carry French words; API Gateway's own answers
      // (« Request Entity Too Large », « Too Many Requests ») are English.
      (data?.error && data.message) || fallbackMessage(response.status),
      data?.issues ?? [],
    );
  }
  return data as T;
}

import type { FieldIssue } from '../../functions/domain/errors.ts';
import { clear, idToken } from './session.ts';

/** Calls to the console API with the admin's ID token. Errors carry a French message to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** An error in the API's French words, with what it says of each field (a rule's message). */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return [error.message, ...error.issues.map((i) => i.message)].join(' ');
  return error instanceof Error ? error.message : String(error);
}

const FALLBACK: Record<number, string> = {
  0: 'Connexion impossible\u00a0: vérifiez votre connexion à internet, puis réessayez.',
  401: 'Votre session a expiré\u00a0: reconnectez-vous.',
  403: 'Votre compte n’a pas accès à la console.',
  404: 'Élément introuvable.',
};

/** Called when the session is gone (expired, revoked): the console shows the sign-in again. */
let onSignedOut: (message: string) => void = () => undefined;
export function whenSignedOut(handler: (message: string) => void): void {
  onSignedOut = handler;
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const token = await idToken();
  if (!token) {
    onSignedOut(FALLBACK[401]!);
    throw new ApiError(401, FALLBACK[401]!);
  }
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, FALLBACK[0]!);
  }
  if (response.status === 401) {
    clear();
    onSignedOut(FALLBACK[401]!);
  }
  if (!response.ok) {
    const data = (await response.json().catch(() => null)) as {
      error?: string;
      message?: string;
      issues?: FieldIssue[];
    } | null;
    // Only our API's errors (with their code) carry French words; API Gateway's own answers are English.
    throw new ApiError(
      response.status,
      (data?.error && data.message) ||
        FALLBACK[response.status] ||
        'Une erreur est survenue\u00a0: réessayez dans un instant.',
      data?.issues ?? [],
    );
  }
  return response;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  return (await (await send(method, path, body)).json()) as T;
}

/** Downloads a file the API answers (CSV export): the token must travel in a header, so no plain link. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await send('GET', path);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

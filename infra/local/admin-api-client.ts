import { issueToken } from './cognito.ts';

/**
 * The console's API as the local admin (`npm start`'s first call, `npm run demo`): signs in through
 * cognito-local as the console does, then sends JSON with the ID token; a refusal throws with the
 * API's French message.
 */
export async function adminApi(target: {
  front: string;
  cognito: { url: string; clientId: string; region?: string };
  admin: { email: string; password: string };
}) {
  const { idToken } = await issueToken(target.cognito, target.admin.email, target.admin.password);
  return async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${target.front}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${idToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as T & { message?: string };
    if (!res.ok) throw new Error(`${method} ${route} : ${res.status} ${json.message ?? ''}`.trim());
    return json;
  };
}

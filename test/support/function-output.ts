import { expect, vi } from 'vitest';

/**
 * What a handler writes, as Lambda's log stream gets it: its stdout and stderr, each line one JSON
 * object (Powertools' Logger and Metrics write through their own Console on these streams). For
 * unit tests that run real handler modules in this process.
 */
export async function functionOutput(
  fn: () => Promise<unknown>,
): Promise<{ lines: Record<string, unknown>[]; text: string }> {
  let text = '';
  const capture = (chunk: string | Uint8Array) => {
    // Node's own process warnings (the SDK's Node version notice) are not the function's logs.
    if (!String(chunk).startsWith('(node:')) text += String(chunk);
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    await fn();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const lines = text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      if (!l.startsWith('{')) throw new Error(`not a JSON line: ${text}`);
      const parsed = JSON.parse(l) as unknown;
      expect(parsed, l).toBeTypeOf('object');
      return parsed as Record<string, unknown>;
    });
  return { lines, text };
}

/**
 * The settings every function gets from the stack, and SDK clients aimed at a closed port (a call
 * fails at once, for real): for `vi.stubEnv` in a beforeAll.
 */
export function stubFunctionEnv(): void {
  vi.stubEnv('TABLE_NAME', 't');
  vi.stubEnv('UPLOADS_BUCKET', 'u');
  vi.stubEnv('MEDIA_BUCKET', 'm');
  vi.stubEnv('MAIL_FROM', 'Avenir <noreply@example.org>');
  vi.stubEnv('ADMIN_EMAIL', 'equipe@example.org');
  vi.stubEnv('SITE_URL', 'https://avenir.example.org');
  vi.stubEnv('AWS_REGION', 'eu-west-3');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIALOCALTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', 'http://127.0.0.1:9');
  vi.stubEnv('AWS_MAX_ATTEMPTS', '1');
}

import { createHash, randomBytes } from 'node:crypto';

/** A private-link token: 256 random bits, URL-safe. Only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Time-sortable id (48-bit ms timestamp + 80 random bits, hex): later uploads sort after earlier ones. */
export function sortableId(now: Date): string {
  return now.getTime().toString(16).padStart(12, '0') + randomBytes(10).toString('hex');
}

import type { VoteStore } from '../adapters/vote-store.ts';
import { EMAIL_LIMITS, recipientHash, type LimitedEmail } from '../domain/email-limits.ts';
import { rateWindow } from '../domain/votes.ts';
import { log } from '../shared/log.ts';

/**
 * Counts one email of `kind` to `address` in each of its windows (functions/domain/email-limits.ts,
 * shortest first); false when one of them is full: the caller then answers as usual and sends
 * nothing. Logged as a warning with the first characters of the hash, never the address.
 */
export async function underEmailLimits(
  counter: Pick<VoteStore, 'hit'>,
  kind: LimitedEmail,
  campaignId: string,
  address: string,
  at: Date,
): Promise<boolean> {
  const hash = recipientHash(campaignId, address);
  // Shortest window first, one after the other: a request refused by the hour does not use up the day.
  for (const [scope, limit] of Object.entries(EMAIL_LIMITS[kind])) {
    const { window, max, expiresAt } = rateWindow(limit, at);
    if (!(await counter.hit(scope, hash, window, max, expiresAt))) {
      log.warn('email rate limited', { kind, scope, campaignId, key: hash.slice(0, 12) });
      return false;
    }
  }
  return true;
}

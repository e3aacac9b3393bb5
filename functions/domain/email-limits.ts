import { emailHash, normaliseEmail, type RateLimit } from './votes.ts';

/**
 * Emails that anyone can have sent to any address (issue #16): the welcome email of
 * `POST /api/applications` (whose subject carries the initiative's name), the private links of
 * `POST /api/resume-links` and the copies of a signed release (functions/services/release-copy.ts). Each is limited per recipient, counted like the vote's requests (the
 * same `RATE#<scope>#<hash>#<window>` conditional ADD, `VoteStore.hit`, `rateWindow`), with the same
 * salted hash of the normalised address (plus-addressing and Gmail's dots are one mailbox: they
 * cannot multiply the emails). Past a limit the API answers as usual and the email is not sent.
 *
 * Every request that would send counts, replays and double clicks included: the counters bound the
 * emails from above (a creation replayed after a lost response may use a unit without a second email).
 */
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

export const EMAIL_LIMITS = {
  welcome: {
    'welcome-hour': { max: 3, windowMs: HOUR },
    'welcome-day': { max: 5, windowMs: DAY },
  },
  'resume-links': {
    'resume-hour': { max: 3, windowMs: HOUR },
  },
  // Whoever holds a file's link may sign its release again and again: each copy goes to the contact
  // and to the address typed as the signatory's.
  'release-copy': {
    'release-copy-hour': { max: 3, windowMs: HOUR },
    'release-copy-day': { max: 10, windowMs: DAY },
  },
} as const satisfies Record<string, Record<string, RateLimit>>;
export type LimitedEmail = keyof typeof EMAIL_LIMITS;

/** The counters' key for an address: as the vote's, sha256 of the campaign id and the normalised address. */
export const recipientHash = (campaignId: string, address: string): string =>
  emailHash(campaignId, normaliseEmail(address) ?? address.normalize('NFC').trim().toLowerCase());

import { describe, expect, it } from 'vitest';
import { fixtureCampaign } from '../support/site-fixtures.ts';
import { confirmedExpiresAt } from '../../functions/domain/retention.ts';
import {
  isLinkExpired,
  LINK_LIFETIME_MS,
  linkExpiry,
  pendingExpiresAt,
  RATE_LIMITS,
  rateWindow,
  refusalMessage,
  RETENTION,
  votingClosesAt,
  votingOpensAt,
  votingState,
} from '../../functions/domain/votes.ts';

const { dates } = fixtureCampaign();
const launched = { phase: 'launched' as const, dates };
const at = (iso: string) => new Date(iso);

describe('the voting window', () => {
  it('opens at the launch and closes after the last second of the closing day (Paris)', () => {
    expect(votingOpensAt(launched).toISOString()).toBe('2028-05-16T07:00:00.000Z');
    expect(votingClosesAt(launched).toISOString()).toBe('2028-06-30T22:00:00.000Z');
  });

  it('is open only while launched, between the two instants', () => {
    expect(votingState(launched, at('2028-05-16T06:59:59Z'))).toBe('not-yet');
    expect(votingState(launched, at('2028-05-16T07:00:00Z'))).toBe('open');
    expect(votingState(launched, at('2028-06-30T21:59:59.999Z'))).toBe('open');
    expect(votingState(launched, at('2028-06-30T22:00:00Z'))).toBe('closed');
  });

  it('is not open before the site is launched, even once the date has come (the timeline is late)', () => {
    expect(votingState({ phase: 'validation', dates }, at('2028-05-20T10:00:00Z'))).toBe('not-yet');
  });

  it('is closed once the results are frozen or the campaign closed, whatever the date', () => {
    expect(votingState({ ...launched, frozenAt: '2028-06-01T00:00:00Z' }, at('2028-06-02T10:00:00Z'))).toBe('closed');
    expect(votingState({ phase: 'closed', dates }, at('2028-06-02T10:00:00Z'))).toBe('closed');
  });
});

describe('confirmation links', () => {
  it('live 24 hours, never beyond the close', () => {
    const asked = at('2028-05-20T10:00:00Z');
    expect(linkExpiry(launched, asked).getTime()).toBe(asked.getTime() + LINK_LIFETIME_MS);
    expect(linkExpiry(launched, at('2028-06-30T20:00:00Z')).toISOString()).toBe('2028-06-30T22:00:00.000Z');
  });

  it('expire at their instant exactly (checked against the clock, not the TTL)', () => {
    expect(isLinkExpired('2028-05-21T10:00:00.000Z', at('2028-05-21T09:59:59.999Z'))).toBe(false);
    expect(isLinkExpired('2028-05-21T10:00:00.000Z', at('2028-05-21T10:00:00Z'))).toBe(true);
  });

  it('pending votes (the address in clear) are deleted a day after their link expires', () => {
    const expires = at('2028-05-21T10:00:00Z');
    expect(pendingExpiresAt(expires)).toBe(expires.getTime() / 1000 + RETENTION.pendingAfterLinkMs / 1000);
  });

  it('confirmed votes (hashes only) are deleted at the latest three months after the close (TTL a week before)', () => {
    // Close 30 June 23:59:59 Paris → 30 September 23:59:59 → TTL on 23 September.
    expect(new Date(confirmedExpiresAt(launched) * 1000).toISOString()).toBe('2028-09-23T21:59:59.000Z');
  });
});

describe('rate windows', () => {
  it('are fixed hours, with a TTL after the next one', () => {
    const a = rateWindow('ip', at('2028-05-20T10:00:00Z'));
    const b = rateWindow('ip', at('2028-05-20T10:59:59.999Z'));
    const c = rateWindow('ip', at('2028-05-20T11:00:00Z'));
    expect(a.window).toBe(b.window);
    expect(Number(c.window)).toBe(Number(a.window) + 1);
    expect(a.max).toBe(RATE_LIMITS.ip.max);
    expect(a.expiresAt).toBe(Date.parse('2028-05-20T12:00:00Z') / 1000);
    expect(rateWindow('email', at('2028-05-20T10:00:00Z')).max).toBe(RATE_LIMITS.email.max);
  });
});

describe('refusal messages', () => {
  it('are French and say what to do', () => {
    expect(refusalMessage('expired')).toMatch(/expiré.*Votez à nouveau/);
    expect(refusalMessage('used')).toMatch(/déjà servi/);
    expect(refusalMessage('limit', { maxPerEmail: 3 })).toMatch(/3 initiatives/);
    expect(refusalMessage('closed', { closesAt: votingClosesAt(launched) })).toBe(
      'Les votes sont clos depuis le 30 juin 2028 à 23 h 59\u00a0: ce vote n’a pas pu être enregistré.',
    );
    expect(refusalMessage('not-open', { opensAt: votingOpensAt(launched) })).toMatch(/16 mai 2028 à 9 h 00/);
  });
});

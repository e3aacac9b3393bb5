import { afterEach, describe, expect, it, vi } from 'vitest';
import { EMAIL_LIMITS, recipientHash } from '../../functions/domain/email-limits.ts';
import {
  completeEmail,
  missingEmail,
  SUBJECT_NAME_MAX,
  subjectName,
  welcomeEmail,
} from '../../functions/domain/emails.ts';
import { emailHash } from '../../functions/domain/votes.ts';
import { underEmailLimits } from '../../functions/services/email-limits.ts';
import { log } from '../../functions/shared/log.ts';
import { atLeast } from '../../functions/shared/min-duration.ts';

/** The vote store's conditional ADD, in memory: one counter per RATE#scope#hash#window key. */
function memoryCounter() {
  const counts = new Map<string, number>();
  return {
    counts,
    hit: async (scope: string, hash: string, window: string, max: number) => {
      const key = `${scope}#${hash}#${window}`;
      const n = counts.get(key) ?? 0;
      if (n >= max) return false;
      counts.set(key, n + 1);
      return true;
    },
  };
}

const at = (iso: string) => new Date(iso);

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('per-recipient email limits', () => {
  it('welcome: 3 an hour, then none until the next hour; 5 a day (requests refused by the hour do not use up the day)', async () => {
    const counter = memoryCounter();
    const sent: boolean[] = [];
    for (let i = 0; i < 4; i++)
      sent.push(await underEmailLimits(counter, 'welcome', 'c1', 'cible@example.org', at('2028-01-10T10:05:00Z')));
    expect(sent).toEqual([true, true, true, false]);
    // Next hour: two more reach the daily 5, the rest of the day nothing.
    const later: boolean[] = [];
    for (let i = 0; i < 3; i++)
      later.push(await underEmailLimits(counter, 'welcome', 'c1', 'cible@example.org', at('2028-01-10T11:05:00Z')));
    expect(later).toEqual([true, true, false]);
    expect(await underEmailLimits(counter, 'welcome', 'c1', 'cible@example.org', at('2028-01-10T15:05:00Z'))).toBe(
      false,
    );
    expect(await underEmailLimits(counter, 'welcome', 'c1', 'cible@example.org', at('2028-01-11T00:05:00Z'))).toBe(
      true,
    );
    expect(EMAIL_LIMITS.welcome).toEqual({
      'welcome-hour': { max: 3, windowMs: 3600_000 },
      'welcome-day': { max: 5, windowMs: 86_400_000 },
    });
  });

  it('resume links: 3 an hour; counters apart from the welcome ones', async () => {
    const counter = memoryCounter();
    await underEmailLimits(counter, 'welcome', 'c1', 'cible@example.org', at('2028-01-10T10:05:00Z'));
    const sent: boolean[] = [];
    for (let i = 0; i < 5; i++)
      sent.push(await underEmailLimits(counter, 'resume-links', 'c1', 'cible@example.org', at('2028-01-10T10:06:00Z')));
    expect(sent).toEqual([true, true, true, false, false]);
  });

  it('counts one mailbox whatever its spelling (case, +tag, Gmail dots), salted with the campaign like the vote', async () => {
    const counter = memoryCounter();
    const spellings = ['Cible+1@Example.org', 'cible+2@example.org', 'cible@example.org ', 'cible+zz@EXAMPLE.ORG'];
    const sent = [];
    for (const address of spellings)
      sent.push(await underEmailLimits(counter, 'welcome', 'c1', address, at('2028-01-10T10:05:00Z')));
    expect(sent).toEqual([true, true, true, false]);
    expect(recipientHash('c1', 'Jean.Dupont+x@googlemail.com')).toBe(emailHash('c1', 'jeandupont@gmail.com'));
    expect(recipientHash('c1', 'cible@example.org')).not.toBe(recipientHash('c2', 'cible@example.org'));
    // Another campaign's salt: other counters.
    expect(await underEmailLimits(counter, 'welcome', 'c2', 'cible@example.org', at('2028-01-10T10:05:00Z'))).toBe(
      true,
    );
  });

  it('logs a refusal as a warning, with a hash prefix and never the address', async () => {
    const counter = memoryCounter();
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    for (let i = 0; i < 4; i++)
      await underEmailLimits(counter, 'resume-links', 'c1', 'secret.person@example.org', at('2028-01-10T10:05:00Z'));
    expect(warn).toHaveBeenCalledTimes(1);
    const [message, fields] = warn.mock.calls[0]!;
    expect(message).toBe('email rate limited');
    expect(fields).toMatchObject({
      kind: 'resume-links',
      scope: 'resume-hour',
      key: recipientHash('c1', 'secret.person@example.org').slice(0, 12),
    });
    expect(JSON.stringify(warn.mock.calls)).not.toMatch(/secret|example\.org/);
  });
});

describe('initiative names in subjects', () => {
  const base = {
    firstName: 'Claire',
    resumeUrl: 'https://site.example/candidater/#dossier=1&jeton=abc',
    deadlineLabel: '29 février 2028 à 23 h 59',
  };

  it('keeps an ordinary name as typed', () => {
    expect(subjectName('La recyclerie du Val')).toBe('La recyclerie du Val');
    expect(welcomeEmail({ ...base, initiativeName: 'La recyclerie' }).subject).toContain('«\u00a0La recyclerie\u00a0»');
  });

  it(`cuts a long name to ${SUBJECT_NAME_MAX} characters with « … »`, () => {
    const name = subjectName(`Gagnez ${'x'.repeat(300)}`)!;
    expect(Array.from(name)).toHaveLength(SUBJECT_NAME_MAX);
    expect(name.endsWith('…')).toBe(true);
    // Code points, not UTF-16 units: never half an emoji.
    expect(Array.from(subjectName('🌱'.repeat(200))!)).toHaveLength(SUBJECT_NAME_MAX);
  });

  it('strips control and invisible characters and link schemes', () => {
    expect(subjectName('Votre compte\r\nBcc: x\u0000 \u202egnp.exe\u200b')).toBe('Votre compte Bcc: x gnp.exe');
    expect(subjectName('Remboursement : https://banque.example/login')).toBe('Remboursement : banque.example/login');
    expect(subjectName('Cliquez www.arnaque.example ou mailto:a et javascript:alert(1) hxxp://x')).toBe(
      'Cliquez arnaque.example ou a et alert(1) x',
    );
    expect(subjectName('httphttps://s://x')).not.toMatch(/:\/\//);
    expect(subjectName('\u0000\u200b https:// ')).toBeUndefined();
  });

  it('is what the welcome, complete and missing subjects carry (the body keeps the name as typed)', () => {
    const initiativeName = `Offre https://piege.example ${'y'.repeat(200)}\n`;
    for (const email of [
      welcomeEmail({ ...base, initiativeName }),
      completeEmail({ ...base, initiativeName, notificationLabel: '15 mars 2028', reference: 'NTA-2028-0001' }),
      missingEmail({ ...base, initiativeName, missing: [] }),
    ]) {
      expect(email.subject).not.toMatch(/https?:|\n|y{100}/);
      expect(email.subject).toContain(subjectName(initiativeName));
    }
    expect(welcomeEmail({ ...base, initiativeName: '\u200b' }).subject).toBe(
      'Votre lien personnel pour compléter votre candidature',
    );
  });
});

describe('atLeast (a minimum answer time)', () => {
  it('answers no sooner than the floor, after success or failure', async () => {
    vi.useFakeTimers();
    let done = false;
    const ok = atLeast(150, async () => 'ok').then((v) => {
      done = true;
      return v;
    });
    await vi.advanceTimersByTimeAsync(149);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    await expect(ok).resolves.toBe('ok');

    let failed = false;
    const ko = atLeast(150, async () => {
      throw new Error('invalide');
    }).catch((error: Error) => {
      failed = true;
      return error.message;
    });
    await vi.advanceTimersByTimeAsync(149);
    expect(failed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(ko).resolves.toBe('invalide');
  });
});

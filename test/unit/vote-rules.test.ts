import { describe, expect, it } from 'vitest';
import { voteConfirmationEmail, voteRefusedEmail } from '../../functions/domain/emails.ts';
import {
  emailDomain,
  emailHash,
  ipHash,
  ipKey,
  isDisposableDomain,
  normaliseEmail,
  VOTING_DEFAULTS,
  voteConfirmSchema,
  voteRequestSchema,
  viewerIp,
  votingSettings,
} from '../../functions/domain/votes.ts';
import { DISPOSABLE_DOMAINS } from '../../functions/domain/disposable-domains.ts';

describe('email normalisation (the identity of a voter)', () => {
  it('ignores case and surrounding spaces', () => {
    expect(normaliseEmail('  Claire.Martin@Exemple.FR ')).toBe('claire.martin@exemple.fr');
  });

  it('treats plus-addressing as the same voter, on every domain', () => {
    expect(normaliseEmail('claire+vote1@exemple.fr')).toBe('claire@exemple.fr');
    expect(normaliseEmail('claire+vote2@exemple.fr')).toBe(normaliseEmail('claire@exemple.fr'));
    expect(normaliseEmail('Claire+X@outlook.fr')).toBe('claire@outlook.fr');
  });

  it('ignores dots at Gmail and maps googlemail.com to gmail.com', () => {
    expect(normaliseEmail('c.l.a.i.r.e@gmail.com')).toBe('claire@gmail.com');
    expect(normaliseEmail('Claire.M+x@googlemail.com')).toBe('clairem@gmail.com');
    // Elsewhere dots are significant.
    expect(normaliseEmail('c.laire@exemple.fr')).not.toBe(normaliseEmail('claire@exemple.fr'));
  });

  it('keeps accents in a canonical form (NFC) and drops a trailing dot of the domain', () => {
    expect(normaliseEmail('ame\u0301lie@exemple.fr')).toBe(normaliseEmail('amélie@exemple.fr'));
    expect(normaliseEmail('claire@exemple.fr.')).toBe('claire@exemple.fr');
  });

  it('refuses what is not an address', () => {
    for (const bad of [
      '',
      'claire',
      '@exemple.fr',
      'claire@',
      'claire@localhost',
      '+tag@exemple.fr',
      'cla ire@exemple.fr',
    ])
      expect(normaliseEmail(bad)).toBeUndefined();
  });

  it('hashes per campaign: the same address gives another hash in another edition', () => {
    const a = emailHash('c1', 'claire@exemple.fr');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(emailHash('c1', 'claire@exemple.fr')).toBe(a);
    expect(emailHash('c2', 'claire@exemple.fr')).not.toBe(a);
    expect(emailDomain('claire@exemple.fr')).toBe('exemple.fr');
  });
});

describe('disposable domains', () => {
  it('refuses known throwaway domains and their subdomains', () => {
    expect(isDisposableDomain('yopmail.com', DISPOSABLE_DOMAINS)).toBe(true);
    expect(isDisposableDomain('YOPMAIL.FR', DISPOSABLE_DOMAINS)).toBe(true);
    expect(isDisposableDomain('spam.mailinator.com', DISPOSABLE_DOMAINS)).toBe(true);
    expect(isDisposableDomain('jetable.org', DISPOSABLE_DOMAINS)).toBe(true);
  });

  it('accepts ordinary providers and lookalikes', () => {
    for (const ok of ['gmail.com', 'orange.fr', 'exemple.fr', 'notyopmail.com', 'yopmail.com.example.org'])
      expect(isDisposableDomain(ok, DISPOSABLE_DOMAINS)).toBe(false);
  });

  it('takes another list (the npm package, once installed)', () => {
    expect(isDisposableDomain('a.b.example', new Set(['b.example']))).toBe(true);
  });
});

describe('connections', () => {
  it('keeps IPv4 as is and IPv4-mapped IPv6 as IPv4', () => {
    expect(ipKey('203.0.113.7')).toBe('203.0.113.7');
    expect(ipKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('cuts IPv6 to its /64: one subscriber counts once whatever the rest', () => {
    expect(ipKey('2001:db8:abcd:12::1')).toBe('2001:0db8:abcd:0012::/64');
    expect(ipKey('2001:db8:abcd:12:ffff:1:2:3')).toBe('2001:0db8:abcd:0012::/64');
    expect(ipKey('2001:DB8::1')).toBe('2001:0db8:0000:0000::/64');
    expect(ipHash('c', '2001:db8:abcd:12::1')).toBe(ipHash('c', '2001:db8:abcd:12:9::9'));
    expect(ipHash('c', '203.0.113.7')).not.toBe(ipHash('c', '203.0.113.8'));
  });
});

describe('the viewer behind CloudFront', () => {
  it('reads CloudFront-Viewer-Address (ip:port, IPv4 or IPv6), else the source address', () => {
    expect(viewerIp('198.51.100.10:46532', '130.176.1.1')).toBe('198.51.100.10');
    expect(viewerIp('2001:db8:85a3::8a2e:370:7334:46532', '130.176.1.1')).toBe('2001:db8:85a3::8a2e:370:7334');
    expect(viewerIp(undefined, '127.0.0.1')).toBe('127.0.0.1');
    expect(viewerIp('pas une adresse', '127.0.0.1')).toBe('127.0.0.1');
  });
});

describe('settings', () => {
  it('reads the campaign rule with defaults when absent or invalid', () => {
    expect(votingSettings({})).toEqual(VOTING_DEFAULTS);
    expect(VOTING_DEFAULTS).toEqual({ maxPerEmail: 3, showCounts: false });
    expect(votingSettings({ voting: { maxPerEmail: 5 } })).toEqual({ maxPerEmail: 5, showCounts: false });
    expect(votingSettings({ voting: { showCounts: true } })).toEqual({ maxPerEmail: 3, showCounts: true });
    expect(votingSettings({ voting: { maxPerEmail: 0, showCounts: 'yes' as unknown as boolean } })).toEqual(
      VOTING_DEFAULTS,
    );
  });
});

describe('requests', () => {
  it('validates the address with a French message on the email field', () => {
    const bad = voteRequestSchema.safeParse({ initiativeId: 'abc-1', email: 'pas une adresse' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['email']);
    expect(bad.error?.issues[0]?.message).toMatch(/Adresse e-mail/);
    const ok = voteRequestSchema.parse({
      initiativeId: 'abc-1',
      email: '  claire@exemple.fr ',
      page: '/initiatives/un-atelier/',
    });
    expect(ok.email).toBe('claire@exemple.fr');
    expect(ok.page).toBe('/initiatives/un-atelier/');
  });

  it('drops a return page that is not an initiative page (no open redirect)', () => {
    for (const page of ['https://evil.example/', '//evil.example/', '/initiatives/../admin/', 'javascript:alert(1)']) {
      expect(voteRequestSchema.parse({ initiativeId: 'a', email: 'c@exemple.fr', page }).page).toBeUndefined();
    }
  });

  it('accepts only token-shaped confirmation tokens', () => {
    expect(voteConfirmSchema.safeParse({ token: 'x' }).success).toBe(false);
    expect(voteConfirmSchema.safeParse({ token: `${'a'.repeat(40)}<script>` }).success).toBe(false);
    expect(voteConfirmSchema.safeParse({ token: 'A'.repeat(43) }).success).toBe(true);
  });
});

describe('emails', () => {
  it('escapes the initiative title in the HTML and carries the link', () => {
    const email = voteConfirmationEmail({
      initiativeTitle: '<b>Atelier</b> & co',
      confirmUrl: 'https://site.example/voter/confirmation/#jeton=abc',
      expiresLabel: '21 mai 2028 à 10 h 00',
      maxPerEmail: 3,
    });
    expect(email.subject).toBe('Confirmez votre vote pour «\u00a0<b>Atelier</b> & co\u00a0»');
    expect(email.html).not.toContain('<b>Atelier</b>');
    expect(email.html).toContain('&lt;b&gt;Atelier&lt;/b&gt; &amp; co');
    // Handlebars writes `=` as `&#x3D;` in attributes; browsers and mail clients decode it.
    expect(email.html.replaceAll('&#x3D;', '=')).toContain('href="https://site.example/voter/confirmation/#jeton=abc"');
    expect(email.text).toContain('https://site.example/voter/confirmation/#jeton=abc');
    expect(email.text).toContain('3 initiatives au plus');
  });

  it('says why a vote cannot be added, without a link', () => {
    const already = voteRefusedEmail({ initiativeTitle: 'Atelier', reason: 'already-voted', maxPerEmail: 3 });
    expect(already.text).toMatch(/déjà enregistré/);
    const limit = voteRefusedEmail({ initiativeTitle: 'Atelier', reason: 'limit', maxPerEmail: 3 });
    expect(limit.text).toMatch(/déjà voté pour 3 initiatives/);
    expect(`${already.html}${limit.html}`).not.toContain('jeton=');
  });
});

import { describe, expect, it } from 'vitest';
import { completeLink } from '../../frontend/candidater/links.ts';
import { savable, validateField, validateSection } from '../../frontend/candidater/validation.ts';
import { formatLongDate, formatTime } from '../../frontend/candidater/dates.ts';

describe('form checks (shared schemas)', () => {
  it('lists every issue of a section once, with its path and French message', () => {
    const issues = validateSection('contact', {
      lastName: '',
      firstName: 'Claire',
      phone: '12',
      email: 'claire@',
      role: ' ',
    });
    expect(issues.map((i) => i.field)).toEqual(['contact.lastName', 'contact.phone', 'contact.email', 'contact.role']);
    expect(issues[0]!.message).toBe('Nom\u00a0: champ obligatoire.');
    expect(issues[1]!.message).toMatch(/^Téléphone/);
  });

  it('treats an unchecked axis and an empty description as « not given »', () => {
    const issues = validateSection('initiative', {
      name: 'x',
      axis: '',
      description: '',
      website: '',
      twitter: '',
      facebook: '',
      otherLinks: '',
    });
    expect(issues).toEqual([
      { field: 'initiative.axis', message: 'Axe\u00a0: choisissez l’un des trois axes.' },
      { field: 'initiative.description', message: 'Description\u00a0: champ obligatoire.' },
    ]);
  });

  it('checks one field', () => {
    expect(validateField('company', 'postalCode', '7501')).toMatch(/5 chiffres/);
    expect(validateField('company', 'postalCode', ' 75011 ')).toBeNull();
    expect(validateField('company', 'unknown', 'x')).toBeNull();
  });

  it('saves drafts as typed (trimmed): short texts, half-typed values and emptied fields; not a choice not made', () => {
    expect(savable('contact', { email: ' Claire.Martin@Exa ', lastName: '', phone: '12' })).toEqual({
      data: { email: 'claire.martin@exa', lastName: '', phone: '12' },
      invalid: [],
    });
    expect(savable('initiative', { website: '', description: ' Trop court. ', axis: '' }).data).toEqual({
      website: '',
      description: 'Trop court.',
    });
  });

  it('refuses to save only what even a draft cannot hold, with a French message', () => {
    expect(savable('initiative', { name: 'x'.repeat(321), description: 'ok' })).toEqual({
      data: { description: 'ok' },
      invalid: [
        {
          field: 'initiative.name',
          message: 'Nom de l’initiative\u00a0: texte trop long pour être enregistré (320 caractères au maximum).',
        },
      ],
    });
  });
});

describe('links typed as people know them', () => {
  it('adds https:// to bare domains and builds social addresses', () => {
    expect(completeLink('website', 'www.lepoles.org')).toBe('https://www.lepoles.org');
    expect(completeLink('website', 'exemple.fr/page?a=1')).toBe('https://exemple.fr/page?a=1');
    expect(completeLink('twitter', '@LePoleS')).toBe('https://x.com/LePoleS');
    expect(completeLink('facebook', 'LePoleS')).toBe('https://www.facebook.com/LePoleS');
    expect(completeLink('website', 'http://a.fr')).toBe('http://a.fr');
    expect(completeLink('website', 'pas un lien')).toBe('pas un lien');
    expect(completeLink('website', '  ')).toBe('');
  });
});

describe('French times and dates', () => {
  it('writes « 14 h 32 » and « 3 mars 2028 »', () => {
    const date = new Date('2028-03-03T13:32:00Z');
    expect(formatTime(date, 'Europe/Paris')).toBe('14 h 32');
    expect(formatTime(new Date('2028-03-03T08:05:00Z'), 'Europe/Paris')).toBe('9 h 05');
    expect(formatLongDate(date)).toBe('3 mars 2028');
    expect(formatLongDate(new Date('2028-02-29T23:30:00Z'))).toBe('1 mars 2028'); // already March in Paris
  });
});

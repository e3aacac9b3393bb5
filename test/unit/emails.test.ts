import { describe, expect, it } from 'vitest';
import { completeEmail, missingEmail, welcomeEmail } from '../../functions/domain/emails.ts';

const base = {
  firstName: 'Claire',
  initiativeName: 'La recyclerie',
  resumeUrl: 'https://site.example/candidater/#dossier=1&jeton=abc',
  deadlineLabel: '29 février 2028 à 23 h 59',
};

describe('emails', () => {
  it('send the resume link in HTML and plain text', () => {
    const email = welcomeEmail(base);
    expect(email.subject).toContain('La recyclerie');
    // Handlebars also escapes '=' (as &#x3D;), which browsers and mail clients decode.
    expect(email.html).toContain('href="https://site.example/candidater/#dossier&#x3D;1&amp;jeton&#x3D;abc"');
    expect(email.text).toContain('https://site.example/candidater/#dossier=1&jeton=abc');
    expect(email.html).toMatch(/<html lang="fr">/);
  });

  it('escape what applicants typed', () => {
    const email = completeEmail({
      ...base,
      firstName: '<script>alert(1)</script>',
      initiativeName: '<img src=x onerror=alert(1)>',
      notificationLabel: '15 mars 2028',
      reference: 'NTA-2028-0001',
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img src=x');
    expect(email.html).toContain('&lt;script&gt;');
  });

  it('list exactly what is missing', () => {
    const email = missingEmail({
      ...base,
      missing: [
        { field: 'photos.2', message: 'Photo 2 : à ajouter.' },
        { field: 'release', message: 'Décharge\u00a0: à signer.' },
      ],
    });
    expect(email.html.match(/<li>/g)).toHaveLength(2);
    // The completeness messages, typeset for the email (non-breaking space before the colon).
    expect(email.text).toContain('- Photo 2\u00a0: à ajouter.');
    expect(email.text).toContain('- Décharge\u00a0: à signer.');
  });
});

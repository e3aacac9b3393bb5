import { describe, expect, it } from 'vitest';
import {
  failureAlertEmail,
  launchEmail,
  notProcessedEmail,
  notSelectedEmail,
  reminderEmail,
  selectedEmail,
  undecidedAlertEmail,
  validationReminderEmail,
} from '../../functions/domain/timeline-emails.ts';

const who = { firstName: 'Claire', initiativeName: 'La recyclerie du Val' };

describe('timeline emails (French, kind, plain text and HTML)', () => {
  it('a reminder lists exactly what the file still lacks, with the link and the deadline', () => {
    const email = reminderEmail({
      ...who,
      resumeUrl: 'https://site.example/candidater/#dossier=1&jeton=abc',
      deadlineLabel: '29 février 2028 à 23 h 59',
      daysLeft: 3,
      missing: [{ field: 'photos.2', message: 'Photo 2 : à ajouter (4 photos sont demandées).' }, { field: 'release', message: "Décharge droit à l'image : à signer en ligne ou à déposer signée." }],
      submitted: false,
    });
    expect(email.subject).toBe('Plus que 3 jours pour compléter votre dossier « La recyclerie du Val »');
    expect(email.text).toContain('Bonjour Claire,');
    expect(email.text).toContain('- Photo 2 : à ajouter (4 photos sont demandées).');
    expect(email.text).toContain("- Décharge droit à l'image : à signer en ligne ou à déposer signée.");
    expect(email.text).toContain('29 février 2028 à 23 h 59');
    expect(email.text).toContain('https://site.example/candidater/#dossier=1&jeton=abc');
    expect(email.text).toContain('« J\'envoie mon dossier »');
    expect(email.html.match(/<li>/g)).toHaveLength(2);
  });

  it('a reminder for a file with everything but not sent says to send it; one day is singular', () => {
    const email = reminderEmail({ ...who, resumeUrl: 'https://x', deadlineLabel: 'd', daysLeft: 1, missing: [], submitted: false });
    expect(email.subject).toBe('Plus que 1 jour : envoyez votre dossier « La recyclerie du Val »');
    expect(email.text).toContain("Il ne reste qu'à l'envoyer");
  });

  it('« not processed » is kind and says what was missing', () => {
    const email = notProcessedEmail({ ...who, deadlineLabel: '28 février 2027 à 23 h 59', missing: [{ field: 'release', message: 'Décharge : à signer.' }], submitted: true });
    expect(email.subject).toBe('Votre dossier « La recyclerie du Val » ne pourra pas être examiné');
    expect(email.text).toMatch(/Nous sommes désolés/);
    expect(email.text).toContain('- Décharge : à signer.');
    expect(email.text).not.toContain("n'avait pas été envoyé");
    expect(notProcessedEmail({ deadlineLabel: 'x', missing: [], submitted: false }).text).toContain("n'avait pas été envoyé");
  });

  it('selected: congratulations and the next steps (article written together until the validation end, then the launch)', () => {
    const email = selectedEmail({ ...who, validationEndLabel: '15 mai 2028', launchLabel: '16 mai 2028', comment: 'Bravo pour les résultats !' });
    expect(email.subject).toBe('Bonne nouvelle : votre initiative « La recyclerie du Val » est retenue');
    expect(email.text).toMatch(/Félicitations/);
    expect(email.text).toMatch(/rédiger avec vous un article/);
    expect(email.text).toContain('jusqu\'au 15 mai 2028');
    expect(email.text).toContain('le 16 mai 2028');
    expect(email.text).toContain('Bravo pour les résultats !');
  });

  it('not selected: thanks, the criteria, no blame', () => {
    const email = notSelectedEmail(who);
    expect(email.subject).toBe('Votre candidature « La recyclerie du Val » : la réponse de la fédération');
    expect(email.text).toMatch(/Merci d'avoir présenté/);
    expect(email.text).toMatch(/pertinence par rapport à l'axe choisi et sur les résultats/);
    expect(email.text).toMatch(/ne dit rien de la valeur de votre action/);
    expect(email.text).not.toMatch(/Le mot de l'équipe/);
  });

  it('article reminder, launch, and the two alerts to the team', () => {
    expect(validationReminderEmail({ ...who, validationEndLabel: '15 mai 2028' }).text).toMatch(/pas encore validé.*15 mai 2028/s);
    expect(launchEmail({ ...who, siteUrl: 'https://site.example/' }).subject).toBe('Votre initiative « La recyclerie du Val » est en ligne');
    const alert = undecidedAlertEmail({ campaignTitle: 'Édition 2028', undecided: 2, complete: 40, nextCheckLabel: '16 mars 2028 à 9 h 00', consoleUrl: 'https://site.example/admin/' });
    expect(alert.text).toContain('2 dossier(s) complet(s) sur 40');
    expect(alert.text).toContain('Aucune décision n\'a été envoyée');
    expect(failureAlertEmail({ campaignTitle: 'Édition 2028', execution: 'c-v1', error: 'Boom', cause: '<b>x</b>' }).html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('escapes what applicants typed', () => {
    const email = selectedEmail({ firstName: '<script>x</script>', initiativeName: '<img src=x>', validationEndLabel: 'a', launchLabel: 'b' });
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img src=x>');
  });
});

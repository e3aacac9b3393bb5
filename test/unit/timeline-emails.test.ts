import { describe, expect, it } from 'vitest';
import {
  failureAlertEmail,
  launchEmail,
  notProcessedEmail,
  notSelectedEmail,
  reminderEmail,
  selectedEmail,
  unapprovedArticlesAlertEmail,
  undecidedAlertEmail,
  validationReminderEmail,
} from '../../functions/domain/timeline-emails.ts';
import { typeset } from '../../functions/domain/french.ts';

const who = { firstName: 'Claire', initiativeName: 'La recyclerie du Val' };

// Expected texts are written plainly and typeset as the emails are (functions/domain/french.ts, tested in french-style.test.ts).
describe('timeline emails (French, kind, plain text and HTML)', () => {
  it('a reminder lists exactly what the file still lacks, with the link and the deadline', () => {
    const email = reminderEmail({
      ...who,
      resumeUrl: 'https://site.example/candidater/#dossier=1&jeton=abc',
      deadlineLabel: '29 février 2028 à 23 h 59',
      daysLeft: 3,
      missing: [
        { field: 'photos.2', message: 'Photo 2 : à ajouter (4 photos sont demandées).' },
        { field: 'release', message: 'Décharge droit à l’image : à signer en ligne ou à déposer signée.' },
      ],
      submitted: false,
    });
    expect(email.subject).toBe(typeset('Plus que 3 jours pour compléter votre dossier « La recyclerie du Val »'));
    expect(email.text).toContain('Bonjour Claire,');
    expect(email.text).toContain(typeset('- Photo 2 : à ajouter (4 photos sont demandées).'));
    expect(email.text).toContain(typeset('- Décharge droit à l’image : à signer en ligne ou à déposer signée.'));
    expect(email.text).toContain('29 février 2028 à 23 h 59');
    expect(email.text).toContain('https://site.example/candidater/#dossier=1&jeton=abc');
    expect(email.text).toContain(typeset("« J'envoie mon dossier »"));
    expect(email.html.match(/<li>/g)).toHaveLength(2);
  });

  it('a reminder for a file with everything but not sent says to send it; one day is singular', () => {
    const email = reminderEmail({
      ...who,
      resumeUrl: 'https://x',
      deadlineLabel: 'd',
      daysLeft: 1,
      missing: [],
      submitted: false,
    });
    expect(email.subject).toBe(typeset("Plus qu'un jour : envoyez votre dossier « La recyclerie du Val »"));
    expect(email.text).toContain(typeset("Il ne reste qu'à l'envoyer"));
    expect(
      reminderEmail({ resumeUrl: 'https://x', deadlineLabel: 'd', daysLeft: 3, missing: [], submitted: false }).subject,
    ).toBe(typeset('Plus que 3 jours : envoyez votre dossier'));
  });

  it('« not processed » is kind and says what was missing', () => {
    const email = notProcessedEmail({
      ...who,
      deadlineLabel: '28 février 2027 à 23 h 59',
      missing: [{ field: 'release', message: 'Décharge\u00a0: à signer.' }],
      submitted: true,
    });
    expect(email.subject).toBe(typeset('Votre dossier « La recyclerie du Val » ne pourra pas être examiné'));
    expect(email.text).toMatch(/Nous sommes désolés/);
    expect(email.text).toContain(typeset('- Décharge\u00a0: à signer.'));
    expect(email.text).not.toContain('n’avait pas été envoyé');
    expect(notProcessedEmail({ deadlineLabel: 'x', missing: [], submitted: false }).text).toContain(
      'n’avait pas été envoyé',
    );
  });

  it('selected: congratulations and the next steps (article written together until the validation end, then the launch)', () => {
    const email = selectedEmail({
      ...who,
      validationEndLabel: '15 mai 2028',
      launchLabel: '16 mai 2028',
      comment: 'Bravo pour les résultats !',
    });
    expect(email.subject).toBe(typeset('Bonne nouvelle : votre initiative « La recyclerie du Val » est retenue'));
    expect(email.text).toMatch(/Félicitations/);
    expect(email.text).toMatch(/rédiger avec vous un article/);
    expect(email.text).toContain('jusqu’au 15 mai 2028');
    expect(email.text).toContain('le 16 mai 2028');
    // The team's words, as typed, on their own line.
    expect(email.text).toContain(`${typeset("Le mot de l'équipe :")}\nBravo pour les résultats !`);
  });

  it('not selected: thanks, the criteria, no blame', () => {
    const email = notSelectedEmail(who);
    expect(email.subject).toBe(typeset('Votre candidature « La recyclerie du Val » : la réponse de la fédération'));
    expect(email.text).toMatch(/Merci d’avoir présenté/);
    expect(email.text).toMatch(/pertinence par rapport à l’axe choisi et sur les résultats/);
    expect(email.text).toMatch(/ne dit rien de la valeur de votre action/);
    expect(email.text).not.toMatch(/Le mot de l’équipe/);
  });

  it('article reminder: the private link, and what to do depending on where the article stands', () => {
    const link = 'https://site.example/validation/#jeton=abc';
    const sent = validationReminderEmail({
      ...who,
      validationUrl: link,
      validationEndLabel: '15 mai 2028',
      changesRequested: false,
    });
    expect(sent.subject).toBe(
      typeset('Article de votre initiative « La recyclerie du Val » : à valider avant le 15 mai 2028'),
    );
    expect(sent.text).toMatch(/vous attend et n’est pas encore validé.*15 mai 2028/s);
    expect(sent.text).toContain(link);
    expect(sent.html).toContain('href="https://site.example/validation/#jeton&#x3D;abc"');
    const changes = validationReminderEmail({
      ...who,
      validationUrl: link,
      validationEndLabel: '15 mai 2028',
      changesRequested: true,
    });
    expect(changes.text).toMatch(/Vous avez demandé des modifications.*nouvelle version/s);
    expect(changes.text).toContain(link);
  });

  it("launch: the link to the initiative's own page", () => {
    const email = launchEmail({
      ...who,
      pageUrl: 'https://site.example/initiatives/la-recyclerie-du-val/',
      votingCloseLabel: '30 juin 2028',
    });
    expect(email.subject).toBe(typeset('Votre initiative « La recyclerie du Val » est en ligne'));
    expect(email.text).toContain('https://site.example/initiatives/la-recyclerie-du-val/');
    expect(email.html).toContain('href="https://site.example/initiatives/la-recyclerie-du-val/"');
    expect(email.text).toContain('Jusqu’au 30 juin 2028, le public peut voter');
  });

  it('the alerts to the team', () => {
    const alert = undecidedAlertEmail({
      campaignTitle: 'Édition 2028',
      undecided: 2,
      complete: 40,
      nextCheckLabel: '16 mars 2028 à 9 h 00',
      consoleUrl: 'https://site.example/admin/',
    });
    expect(alert.subject).toBe(typeset('Édition 2028 : 2 dossiers complets sans décision, annonce en attente'));
    expect(alert.text).toContain('2 dossiers complets sur 40 n’ont pas encore de décision');
    expect(
      undecidedAlertEmail({ campaignTitle: 'É', undecided: 1, complete: 3, nextCheckLabel: 'x', consoleUrl: 'y' }).text,
    ).toContain('1 dossier complet sur 3 n’a pas encore de décision');
    expect(alert.text).toContain('Aucune décision n’a été envoyée');
    const files = [
      {
        initiative: 'La recyclerie du Val',
        company: 'Atelier du Val',
        progress: 'none' as const,
        consoleUrl: 'https://site.example/admin/#/dossiers/a/article',
      },
      {
        initiative: 'Jardins partagés',
        progress: 'sent' as const,
        consoleUrl: 'https://site.example/admin/#/dossiers/b/article',
      },
    ];
    const before = unapprovedArticlesAlertEmail({
      campaignTitle: 'Édition 2028',
      validationEndLabel: '15 mai 2028',
      launchLabel: '16 mai 2028',
      closed: false,
      files,
    });
    expect(before.subject).toBe(
      typeset("Édition 2028 : 2 initiatives retenues sans article validé, validation jusqu'au 15 mai 2028"),
    );
    expect(before.text).toContain(
      typeset(
        '- « La recyclerie du Val » (Atelier du Val) : aucun article envoyé\n  https://site.example/admin/#/dossiers/a/article',
      ),
    );
    expect(before.text).toContain(
      typeset("- « Jardins partagés » : article envoyé, en attente de la réponse de l'entreprise"),
    );
    expect(before.text).toContain('ne seront pas publiées au lancement du 16 mai 2028');
    const closed = unapprovedArticlesAlertEmail({
      campaignTitle: 'Édition 2028',
      validationEndLabel: '15 mai 2028',
      launchLabel: '16 mai 2028',
      closed: true,
      files: files.slice(0, 1),
    });
    expect(closed.subject).toBe(
      typeset('Édition 2028 : 1 initiative retenue sans article validé, non publiée au lancement'),
    );
    expect(closed.text).toContain(
      'elle ne sera pas publiée au lancement du 16 mai 2028, et son entreprise ne recevra pas l’annonce',
    );
    expect(
      failureAlertEmail({ campaignTitle: 'Édition 2028', execution: 'c-v1', error: 'Boom', cause: '<b>x</b>' }).html,
    ).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('escapes what applicants typed', () => {
    const email = selectedEmail({
      firstName: '<script>x</script>',
      initiativeName: '<img src=x>',
      validationEndLabel: 'a',
      launchLabel: 'b',
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img src=x>');
  });
});

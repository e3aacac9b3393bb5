import { emailButton as button, emailGreeting as greeting, emailTextGreeting as textGreeting, renderEmail as render, type Email } from './emails.ts';
import type { FieldIssue } from './errors.ts';

/**
 * The emails of the campaign timeline: reminders before the deadline, « not processed » at the
 * deadline, the decisions (all sent together), article reminders, the launch; and two alerts to the
 * team. French, kind, for non-technical readers; Handlebars escapes everything applicants typed.
 */

interface Applicant {
  firstName?: string;
  initiativeName?: string;
}
/** « votre initiative « Nom » », or « votre initiative » when it has no name. */
const initiativeOf = (d: Applicant) => (d.initiativeName ? `votre initiative « ${d.initiativeName} »` : 'votre initiative');
/** « votre dossier « Nom » », or « votre dossier » when the initiative has no name yet. */
const fileOf = (d: Applicant) => (d.initiativeName ? `votre dossier « ${d.initiativeName} »` : 'votre dossier');
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const days = (n: number) => (n === 1 ? '1 jour' : `${n} jours`);

export function reminderEmail(
  d: Applicant & { resumeUrl: string; deadlineLabel: string; daysLeft: number; missing: FieldIssue[]; submitted: boolean },
): Email {
  const onlySend = d.missing.length === 0 && !d.submitted;
  return render(
    onlySend ? `Plus que ${days(d.daysLeft)} : envoyez ${fileOf(d)}` : `Plus que ${days(d.daysLeft)} pour compléter ${fileOf(d)}`,
    `${greeting}
<p>Il reste <strong>{{daysLabel}}</strong> pour déposer votre candidature : l'appel à initiatives ferme le <strong>{{deadlineLabel}}</strong> (heure de Paris).</p>
{{#if onlySend}}<p>{{fileLabelCap}} contient tout ce qui est demandé. Il ne reste qu'à l'envoyer avec le bouton « J'envoie mon dossier ».</p>
{{else}}<p>Pour que {{fileLabel}} puisse être examiné, il manque encore :</p>
<ul>{{#each missing}}<li>{{message}}</li>{{/each}}</ul>
{{#unless submitted}}<p>Une fois ces éléments ajoutés, pensez à cliquer sur « J'envoie mon dossier ».</p>{{/unless}}{{/if}}
${button('resumeUrl', 'Compléter mon dossier')}
<p>Les dossiers incomplets à la date limite ne pourront pas être examinés.</p>`,
    `${textGreeting}

Il reste {{daysLabel}} pour déposer votre candidature : l'appel à initiatives ferme le {{deadlineLabel}} (heure de Paris).

{{#if onlySend}}{{fileLabelCap}} contient tout ce qui est demandé. Il ne reste qu'à l'envoyer avec le bouton « J'envoie mon dossier ».
{{else}}Pour que {{fileLabel}} puisse être examiné, il manque encore :
{{#each missing}}- {{message}}
{{/each}}{{#unless submitted}}
Une fois ces éléments ajoutés, pensez à cliquer sur « J'envoie mon dossier ».{{/unless}}{{/if}}

Votre dossier : {{resumeUrl}}

Les dossiers incomplets à la date limite ne pourront pas être examinés.`,
    { ...d, onlySend, daysLabel: days(d.daysLeft), fileLabel: fileOf(d), fileLabelCap: capitalized(fileOf(d)) },
  );
}

export function notProcessedEmail(d: Applicant & { deadlineLabel: string; missing: FieldIssue[]; submitted: boolean }): Email {
  return render(
    `${capitalized(fileOf(d))} ne pourra pas être examiné`,
    `${greeting}
<p>L'appel à initiatives a fermé le {{deadlineLabel}}. Nous sommes désolés : {{fileLabel}} n'était pas complet à cette date, et comme l'annonçait le règlement, les dossiers incomplets ne peuvent pas être examinés.</p>
{{#if missing.length}}<p>Il manquait :</p>
<ul>{{#each missing}}<li>{{message}}</li>{{/each}}</ul>{{/if}}
{{#unless submitted}}<p>Le dossier n'avait pas été envoyé (bouton « J'envoie mon dossier »).</p>{{/unless}}
<p>Merci de l'intérêt que vous portez à l'appel « Nos territoires ont de l'avenir ». Nous serions heureux de découvrir votre initiative lors d'une prochaine édition.</p>`,
    `${textGreeting}

L'appel à initiatives a fermé le {{deadlineLabel}}. Nous sommes désolés : {{fileLabel}} n'était pas complet à cette date, et comme l'annonçait le règlement, les dossiers incomplets ne peuvent pas être examinés.
{{#if missing.length}}
Il manquait :
{{#each missing}}- {{message}}
{{/each}}{{/if}}{{#unless submitted}}
Le dossier n'avait pas été envoyé (bouton « J'envoie mon dossier »).
{{/unless}}
Merci de l'intérêt que vous portez à l'appel « Nos territoires ont de l'avenir ». Nous serions heureux de découvrir votre initiative lors d'une prochaine édition.`,
    { ...d, fileLabel: fileOf(d) },
  );
}

export function selectedEmail(d: Applicant & { validationEndLabel: string; launchLabel: string; comment?: string }): Email {
  return render(
    `Bonne nouvelle : ${initiativeOf(d)} est retenue`,
    `${greeting}
<p>Nous avons le plaisir de vous annoncer que {{initiativeLabel}} a été <strong>retenue</strong> pour figurer sur la plateforme « Nos territoires ont de l'avenir ». Félicitations à toute votre équipe !</p>
{{#if comment}}<p>Le mot de l'équipe : {{comment}}</p>{{/if}}
<p><strong>La suite :</strong></p>
<ul>
<li>l'équipe communication de la fédération va rédiger avec vous un article qui présentera votre initiative ; elle vous contactera dans les prochains jours ;</li>
<li>vous pourrez relire cet article, demander des modifications puis le valider, jusqu'au <strong>{{validationEndLabel}}</strong> ;</li>
<li>le site sera lancé le <strong>{{launchLabel}}</strong> : nous vous préviendrons dès que votre initiative sera en ligne.</li>
</ul>`,
    `${textGreeting}

Nous avons le plaisir de vous annoncer que {{initiativeLabel}} a été retenue pour figurer sur la plateforme « Nos territoires ont de l'avenir ». Félicitations à toute votre équipe !
{{#if comment}}
Le mot de l'équipe : {{comment}}
{{/if}}
La suite :
- l'équipe communication de la fédération va rédiger avec vous un article qui présentera votre initiative ; elle vous contactera dans les prochains jours ;
- vous pourrez relire cet article, demander des modifications puis le valider, jusqu'au {{validationEndLabel}} ;
- le site sera lancé le {{launchLabel}} : nous vous préviendrons dès que votre initiative sera en ligne.`,
    { ...d, initiativeLabel: initiativeOf(d) },
  );
}

export function notSelectedEmail(d: Applicant & { comment?: string }): Email {
  return render(
    `${d.initiativeName ? `Votre candidature « ${d.initiativeName} »` : 'Votre candidature'} : la réponse de la fédération`,
    `${greeting}
<p>Merci d'avoir présenté {{initiativeLabel}}. Nous avons reçu de nombreux dossiers de grande qualité, et nous avons le regret de vous annoncer que le vôtre n'a pas été retenu cette année.</p>
<p>Ce choix ne dit rien de la valeur de votre action : la sélection s'est faite sur la pertinence par rapport à l'axe choisi et sur les résultats, en cherchant aussi à montrer la diversité des territoires.</p>
{{#if comment}}<p>Le mot de l'équipe : {{comment}}</p>{{/if}}
<p>Nous espérons vous retrouver lors d'une prochaine édition, et vous remercions pour votre engagement sur votre territoire.</p>`,
    `${textGreeting}

Merci d'avoir présenté {{initiativeLabel}}. Nous avons reçu de nombreux dossiers de grande qualité, et nous avons le regret de vous annoncer que le vôtre n'a pas été retenu cette année.

Ce choix ne dit rien de la valeur de votre action : la sélection s'est faite sur la pertinence par rapport à l'axe choisi et sur les résultats, en cherchant aussi à montrer la diversité des territoires.
{{#if comment}}
Le mot de l'équipe : {{comment}}
{{/if}}
Nous espérons vous retrouver lors d'une prochaine édition, et vous remercions pour votre engagement sur votre territoire.`,
    { ...d, initiativeLabel: initiativeOf(d) },
  );
}

export function validationReminderEmail(d: Applicant & { validationEndLabel: string }): Email {
  return render(
    `Article de ${initiativeOf(d)} : à valider avant le ${d.validationEndLabel}`,
    `${greeting}
<p>L'article qui présentera {{initiativeLabel}} sur la plateforme n'est pas encore validé. Relisez-le avec l'équipe communication, demandez les modifications utiles, puis validez-le avant le <strong>{{validationEndLabel}}</strong> : seuls les articles validés seront publiés au lancement du site.</p>
<p>Pour toute question, répondez simplement à ce courriel.</p>`,
    `${textGreeting}

L'article qui présentera {{initiativeLabel}} sur la plateforme n'est pas encore validé. Relisez-le avec l'équipe communication, demandez les modifications utiles, puis validez-le avant le {{validationEndLabel}} : seuls les articles validés seront publiés au lancement du site.

Pour toute question, répondez simplement à ce courriel.`,
    { ...d, initiativeLabel: initiativeOf(d) },
  );
}

export function launchEmail(d: Applicant & { siteUrl: string }): Email {
  return render(
    `${capitalized(initiativeOf(d))} est en ligne`,
    `${greeting}
<p>La plateforme « Nos territoires ont de l'avenir » est lancée : {{initiativeLabel}} y est présentée aux côtés des autres initiatives retenues.</p>
${button('siteUrl', 'Découvrir la plateforme')}
<p>Le public peut désormais voter pour les initiatives qui l'inspirent le plus : n'hésitez pas à partager le lien autour de vous.</p>`,
    `${textGreeting}

La plateforme « Nos territoires ont de l'avenir » est lancée : {{initiativeLabel}} y est présentée aux côtés des autres initiatives retenues.
{{siteUrl}}

Le public peut désormais voter pour les initiatives qui l'inspirent le plus : n'hésitez pas à partager le lien autour de vous.`,
    { ...d, initiativeLabel: initiativeOf(d) },
  );
}

// --- To the communication team ---------------------------------------------------------------

export function undecidedAlertEmail(d: { campaignTitle: string; undecided: number; complete: number; nextCheckLabel: string; consoleUrl: string }): Email {
  return render(
    `${d.campaignTitle} : ${d.undecided} dossier(s) complet(s) sans décision, annonce en attente`,
    `<p>Bonjour,</p>
<p>C'est la date d'annonce des décisions de l'appel « {{campaignTitle}} », mais <strong>{{undecided}} dossier(s) complet(s) sur {{complete}}</strong> n'ont pas encore de décision (retenu ou non retenu).</p>
<p>Aucune décision n'a été envoyée : elles partent toutes ensemble, une fois chaque dossier décidé. Prochaine vérification : <strong>{{nextCheckLabel}}</strong> (heure de Paris).</p>
${button('consoleUrl', 'Ouvrir la console')}`,
    `Bonjour,

C'est la date d'annonce des décisions de l'appel « {{campaignTitle}} », mais {{undecided}} dossier(s) complet(s) sur {{complete}} n'ont pas encore de décision (retenu ou non retenu).

Aucune décision n'a été envoyée : elles partent toutes ensemble, une fois chaque dossier décidé. Prochaine vérification : {{nextCheckLabel}} (heure de Paris).

Console : {{consoleUrl}}`,
    d,
  );
}

export function failureAlertEmail(d: { campaignTitle: string; execution: string; error: string; cause: string }): Email {
  return render(
    `${d.campaignTitle} : le calendrier automatique s'est arrêté sur une erreur`,
    `<p>Bonjour,</p>
<p>Le calendrier automatique de l'appel « {{campaignTitle}} » (exécution {{execution}}) s'est arrêté après plusieurs tentatives.</p>
<p>Erreur : <code>{{error}}</code><br>Détail : <code>{{cause}}</code></p>
<p>Les étapes déjà faites sont enregistrées et ne seront pas refaites : une fois la cause corrigée, rouvrez la campagne depuis la console (ou l'API <code>POST /api/admin/campaigns/:id/open</code>) pour reprendre le calendrier.</p>`,
    `Bonjour,

Le calendrier automatique de l'appel « {{campaignTitle}} » (exécution {{execution}}) s'est arrêté après plusieurs tentatives.

Erreur : {{error}}
Détail : {{cause}}

Les étapes déjà faites sont enregistrées et ne seront pas refaites : une fois la cause corrigée, rouvrez la campagne depuis la console (ou l'API POST /api/admin/campaigns/:id/open) pour reprendre le calendrier.`,
    d,
  );
}

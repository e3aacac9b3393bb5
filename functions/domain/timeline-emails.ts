import {
  emailButton as button,
  emailGreeting as greeting,
  emailTextGreeting as textGreeting,
  renderEmail as render,
  typesetIssues,
  type Email,
  yourFile,
  yourInitiative,
} from './emails.ts';
import type { FieldIssue } from './errors.ts';
import { capitalized, fr, onlyLeft, plural, typeset } from './french.ts';

/**
 * The emails of the campaign timeline: reminders before the deadline, « not processed » at the
 * deadline, the decisions (all sent together), article reminders, the launch; and the alerts to the
 * team. French, kind, for non-technical readers; Handlebars escapes everything applicants typed.
 */

interface Applicant {
  firstName?: string;
  initiativeName?: string;
}
const days = (n: number) => plural(n, 'jour', 'jours');

export function reminderEmail(
  d: Applicant & {
    resumeUrl: string;
    deadlineLabel: string;
    daysLeft: number;
    missing: FieldIssue[];
    submitted: boolean;
  },
): Email {
  const onlySend = d.missing.length === 0 && !d.submitted;
  return render(
    capitalized(
      onlySend
        ? fr`${onlyLeft(d.daysLeft, 'jour', 'jours')} : envoyez ${yourFile(d)}`
        : `${onlyLeft(d.daysLeft, 'jour', 'jours')} pour compléter ${yourFile(d)}`,
    ),
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
    {
      ...d,
      missing: typesetIssues(d.missing),
      onlySend,
      daysLabel: days(d.daysLeft),
      fileLabel: yourFile(d),
      fileLabelCap: capitalized(yourFile(d)),
    },
  );
}

export function notProcessedEmail(
  d: Applicant & { deadlineLabel: string; missing: FieldIssue[]; submitted: boolean },
): Email {
  return render(
    `${capitalized(yourFile(d))} ne pourra pas être examiné`,
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
    { ...d, missing: typesetIssues(d.missing), fileLabel: yourFile(d) },
  );
}

export function selectedEmail(
  d: Applicant & { validationEndLabel: string; launchLabel: string; comment?: string },
): Email {
  return render(
    fr`Bonne nouvelle : ${yourInitiative(d)} est retenue`,
    `${greeting}
<p>Nous avons le plaisir de vous annoncer que {{initiativeLabel}} a été <strong>retenue</strong> pour figurer sur la plateforme « Nos territoires ont de l'avenir ». Félicitations à toute votre équipe !</p>
{{#if comment}}<p>Le mot de l'équipe :</p>
<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #d6dadb;white-space:pre-line">{{comment}}</blockquote>{{/if}}
<p><strong>La suite :</strong></p>
<ul>
<li>l'équipe communication de la fédération va rédiger avec vous un article qui présentera votre initiative ; elle vous contactera dans les prochains jours ;</li>
<li>vous pourrez relire cet article, demander des modifications puis le valider, jusqu'au <strong>{{validationEndLabel}}</strong> ;</li>
<li>le site sera lancé le <strong>{{launchLabel}}</strong> : nous vous préviendrons dès que votre initiative sera en ligne.</li>
</ul>`,
    `${textGreeting}

Nous avons le plaisir de vous annoncer que {{initiativeLabel}} a été retenue pour figurer sur la plateforme « Nos territoires ont de l'avenir ». Félicitations à toute votre équipe !
{{#if comment}}
Le mot de l'équipe :
{{comment}}
{{/if}}
La suite :
- l'équipe communication de la fédération va rédiger avec vous un article qui présentera votre initiative ; elle vous contactera dans les prochains jours ;
- vous pourrez relire cet article, demander des modifications puis le valider, jusqu'au {{validationEndLabel}} ;
- le site sera lancé le {{launchLabel}} : nous vous préviendrons dès que votre initiative sera en ligne.`,
    { ...d, initiativeLabel: yourInitiative(d) },
  );
}

export function notSelectedEmail(d: Applicant & { comment?: string }): Email {
  return render(
    d.initiativeName
      ? fr`Votre candidature « ${d.initiativeName} » : la réponse de la fédération`
      : fr`Votre candidature : la réponse de la fédération`,
    `${greeting}
<p>Merci d'avoir présenté {{initiativeLabel}}. Nous avons reçu de nombreux dossiers de grande qualité, et nous avons le regret de vous annoncer que le vôtre n'a pas été retenu cette année.</p>
<p>Ce choix ne dit rien de la valeur de votre action : la sélection s'est faite sur la pertinence par rapport à l'axe choisi et sur les résultats, en cherchant aussi à montrer la diversité des territoires.</p>
{{#if comment}}<p>Le mot de l'équipe :</p>
<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #d6dadb;white-space:pre-line">{{comment}}</blockquote>{{/if}}
<p>Nous espérons vous retrouver lors d'une prochaine édition, et vous remercions pour votre engagement sur votre territoire.</p>`,
    `${textGreeting}

Merci d'avoir présenté {{initiativeLabel}}. Nous avons reçu de nombreux dossiers de grande qualité, et nous avons le regret de vous annoncer que le vôtre n'a pas été retenu cette année.

Ce choix ne dit rien de la valeur de votre action : la sélection s'est faite sur la pertinence par rapport à l'axe choisi et sur les résultats, en cherchant aussi à montrer la diversité des territoires.
{{#if comment}}
Le mot de l'équipe :
{{comment}}
{{/if}}
Nous espérons vous retrouver lors d'une prochaine édition, et vous remercions pour votre engagement sur votre territoire.`,
    { ...d, initiativeLabel: yourInitiative(d) },
  );
}

/**
 * Weekly, to an enterprise whose article was sent and is not approved yet, with a fresh private
 * link (functions/timeline/validation-reminder.ts): to read and approve it, or, once it asked for
 * changes, to look at it again while the team prepares the next version.
 */
export function validationReminderEmail(
  d: Applicant & { validationUrl: string; validationEndLabel: string; changesRequested: boolean },
): Email {
  return render(
    fr`Article de ${yourInitiative(d)} : à valider avant le ${d.validationEndLabel}`,
    `${greeting}
{{#if changesRequested}}<p>Vous avez demandé des modifications de l'article qui présentera {{initiativeLabel}} : l'équipe communication prépare une nouvelle version, que vous recevrez pour relecture.</p>
<p>L'article devra être validé avant le <strong>{{validationEndLabel}}</strong> : seuls les articles validés seront publiés au lancement du site. Vous pouvez revoir la version envoyée et vos demandes depuis votre lien personnel :</p>
{{else}}<p>L'article qui présentera {{initiativeLabel}} sur la plateforme vous attend et n'est pas encore validé. Relisez-le, puis validez-le ou demandez des modifications avant le <strong>{{validationEndLabel}}</strong> : seuls les articles validés seront publiés au lancement du site.</p>
{{/if}}${button('validationUrl', "Relire l'article")}
<p>Ce lien est personnel : il permet de valider l'article au nom de votre structure. Pour toute question, répondez simplement à ce courriel.</p>`,
    `${textGreeting}

{{#if changesRequested}}Vous avez demandé des modifications de l'article qui présentera {{initiativeLabel}} : l'équipe communication prépare une nouvelle version, que vous recevrez pour relecture.
L'article devra être validé avant le {{validationEndLabel}} : seuls les articles validés seront publiés au lancement du site. Vous pouvez revoir la version envoyée et vos demandes depuis votre lien personnel :{{else}}L'article qui présentera {{initiativeLabel}} sur la plateforme vous attend et n'est pas encore validé. Relisez-le, puis validez-le ou demandez des modifications avant le {{validationEndLabel}} : seuls les articles validés seront publiés au lancement du site.
Votre lien personnel :{{/if}}
{{validationUrl}}

Ce lien est personnel : il permet de valider l'article au nom de votre structure. Pour toute question, répondez simplement à ce courriel.`,
    { ...d, initiativeLabel: yourInitiative(d) },
  );
}

/** At the launch, to an enterprise whose article is published (approved), with the link to its page. */
export function launchEmail(d: Applicant & { pageUrl: string; votingCloseLabel: string }): Email {
  return render(
    `${capitalized(yourInitiative(d))} est en ligne`,
    `${greeting}
<p>La plateforme « Nos territoires ont de l'avenir » est lancée : l'article qui présente {{initiativeLabel}} y est publié, aux côtés des autres initiatives retenues.</p>
${button('pageUrl', 'Voir la page de votre initiative')}
<p>Jusqu'au {{votingCloseLabel}}, le public peut voter pour les initiatives qui l'inspirent le plus : n'hésitez pas à partager ce lien autour de vous.</p>`,
    `${textGreeting}

La plateforme « Nos territoires ont de l'avenir » est lancée : l'article qui présente {{initiativeLabel}} y est publié, aux côtés des autres initiatives retenues.
La page de votre initiative : {{pageUrl}}

Jusqu'au {{votingCloseLabel}}, le public peut voter pour les initiatives qui l'inspirent le plus : n'hésitez pas à partager ce lien autour de vous.`,
    { ...d, initiativeLabel: yourInitiative(d) },
  );
}

// --- To the communication team ---------------------------------------------------------------

export function undecidedAlertEmail(d: {
  campaignTitle: string;
  undecided: number;
  complete: number;
  nextCheckLabel: string;
  consoleUrl: string;
}): Email {
  const many = d.undecided > 1;
  return render(
    fr`${d.campaignTitle} : ${plural(d.undecided, 'dossier complet', 'dossiers complets')} sans décision, annonce en attente`,
    `<p>Bonjour,</p>
<p>C'est la date d'annonce des décisions de l'appel « {{campaignTitle}} », mais <strong>{{undecidedLabel}} sur {{complete}}</strong> {{#if many}}n'ont{{else}}n'a{{/if}} pas encore de décision (retenu ou non retenu).</p>
<p>Aucune décision n'a été envoyée : elles partent toutes ensemble, une fois chaque dossier décidé. Prochaine vérification : <strong>{{nextCheckLabel}}</strong> (heure de Paris).</p>
${button('consoleUrl', 'Ouvrir la console')}`,
    `Bonjour,

C'est la date d'annonce des décisions de l'appel « {{campaignTitle}} », mais {{undecidedLabel}} sur {{complete}} {{#if many}}n'ont{{else}}n'a{{/if}} pas encore de décision (retenu ou non retenu).

Aucune décision n'a été envoyée : elles partent toutes ensemble, une fois chaque dossier décidé. Prochaine vérification : {{nextCheckLabel}} (heure de Paris).

Console : {{consoleUrl}}`,
    { ...d, many, undecidedLabel: plural(d.undecided, 'dossier complet', 'dossiers complets') },
  );
}

/** Where a selected file's article stands, for the team (the mirrored `articleStatus`). */
export type ArticleProgress = 'none' | 'draft' | 'sent' | 'changes-requested';
const PROGRESS: Record<ArticleProgress, string> = {
  none: 'aucun article envoyé',
  draft: 'nouvelle version en préparation, pas encore envoyée',
  sent: "article envoyé, en attente de la réponse de l'entreprise",
  'changes-requested': "l'entreprise a demandé des modifications",
};

/**
 * To the team, before the launch: the selected files whose article is not approved, which the
 * launch will not publish. Sent with the last weekly reminder (still time to act) and at the
 * validation end (final: these initiatives stay offline and their enterprises get no launch email).
 */
export function unapprovedArticlesAlertEmail(d: {
  campaignTitle: string;
  validationEndLabel: string;
  launchLabel: string;
  closed: boolean;
  files: { initiative: string; company?: string; progress: ArticleProgress; consoleUrl: string }[];
}): Email {
  const many = d.files.length > 1;
  const count = plural(d.files.length, 'initiative retenue', 'initiatives retenues');
  const files = d.files.map((f) => ({
    ...f,
    label: f.initiative ? fr`« ${f.initiative} »` : 'Initiative sans nom',
    progressLabel: typeset(PROGRESS[f.progress]),
  }));
  const call = fr`l'appel « ${d.campaignTitle} »`;
  // Final once the validation ended; else still time to act.
  const closedIntro = many
    ? fr`La validation des articles de ${call} est terminée. Ces initiatives retenues n'ont pas d'article validé : elles ne seront pas publiées au lancement du ${d.launchLabel}, et leurs entreprises ne recevront pas l'annonce de la mise en ligne. Prévenez-les si besoin.`
    : fr`La validation des articles de ${call} est terminée. Cette initiative retenue n'a pas d'article validé : elle ne sera pas publiée au lancement du ${d.launchLabel}, et son entreprise ne recevra pas l'annonce de la mise en ligne. Prévenez-la si besoin.`;
  const openIntro = many
    ? fr`La validation des articles de ${call} se termine le ${d.validationEndLabel} ; les entreprises ont reçu aujourd'hui leur dernier rappel. Ces initiatives retenues n'ont pas encore d'article validé : sans validation d'ici là, elles ne seront pas publiées au lancement du ${d.launchLabel}.`
    : fr`La validation des articles de ${call} se termine le ${d.validationEndLabel} ; les entreprises ont reçu aujourd'hui leur dernier rappel. Cette initiative retenue n'a pas encore d'article validé : sans validation d'ici là, elle ne sera pas publiée au lancement du ${d.launchLabel}.`;
  const intro = d.closed ? closedIntro : openIntro;
  return render(
    d.closed
      ? fr`${d.campaignTitle} : ${count} sans article validé, ${many ? 'non publiées' : 'non publiée'} au lancement`
      : fr`${d.campaignTitle} : ${count} sans article validé, validation jusqu'au ${d.validationEndLabel}`,
    `<p>Bonjour,</p>
<p>{{intro}}</p>
<ul>{{#each files}}<li>{{label}}{{#if company}} ({{company}}){{/if}} : {{progressLabel}} – <a href="{{consoleUrl}}">ouvrir l'article</a></li>{{/each}}</ul>`,
    `Bonjour,

{{intro}}

{{#each files}}- {{label}}{{#if company}} ({{company}}){{/if}} : {{progressLabel}}
  {{consoleUrl}}
{{/each}}`,
    { ...d, intro, files },
  );
}

export function failureAlertEmail(d: {
  campaignTitle: string;
  execution: string;
  error: string;
  cause: string;
}): Email {
  return render(
    fr`${d.campaignTitle} : le calendrier automatique s'est arrêté sur une erreur`,
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

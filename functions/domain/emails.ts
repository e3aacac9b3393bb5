import Handlebars from 'handlebars';
import type { FieldIssue } from './errors.ts';
import { fr, plural, typeset, typesetTemplate } from './french.ts';

/**
 * Every automated email: French, HTML + plain text, one shared layout. Handlebars escapes every
 * `{{value}}`, so text typed by applicants can never inject markup into an email. Every template
 * and subject goes through the French typography of french.ts (values are inserted as typed).
 */
export interface Email {
  subject: string;
  html: string;
  text: string;
}

const layout = Handlebars.compile(
  typesetTemplate(`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{{subject}}</title></head>
<body style="margin:0;padding:0;background:#f4f4f0;font-family:Arial,Helvetica,sans-serif;color:#1f2a2e">
<div style="max-width:600px;margin:0 auto;padding:24px;background:#ffffff">
<p style="font-size:14px;color:#46555b;margin:0 0 16px">Nos territoires ont de l'avenir</p>
{{{content}}}
<hr style="border:none;border-top:1px solid #d6dadb;margin:24px 0">
<p style="font-size:13px;color:#46555b">Ce message automatique vous est envoyé dans le cadre de l'appel à initiatives « Nos territoires ont de l'avenir ». Pour toute question, répondez simplement à ce courriel.</p>
</div></body></html>`),
);

const SIGNATURE = typeset("Nos territoires ont de l'avenir");

/** `subject` is final (built with `fr`); the templates are typeset here, never the values they receive. */
function render(subject: string, contentTemplate: string, textTemplate: string, data: object): Email {
  const content = Handlebars.compile(typesetTemplate(contentTemplate))(data);
  const text = Handlebars.compile(typesetTemplate(textTemplate), { noEscape: true })(data);
  return { subject, html: layout({ subject, content }), text: `${text.trim()}\n\n--\n${SIGNATURE}\n` };
}

/** The completeness messages are ours (functions/domain/completeness.ts), written for the form: typeset them for the emails. */
const typesetIssues = (issues: FieldIssue[]) => issues.map((issue) => ({ ...issue, message: typeset(issue.message) }));

const button = (href: string, label: string) =>
  `<p><a href="{{${href}}}" style="display:inline-block;background:#0b5d4b;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:bold">${label}</a></p>`;

interface ApplicantData {
  firstName?: string;
  initiativeName?: string;
  resumeUrl: string;
  deadlineLabel: string;
}

const greeting = '<p>Bonjour{{#if firstName}} {{firstName}}{{/if}},</p>';
const textGreeting = 'Bonjour{{#if firstName}} {{firstName}}{{/if}},';
/** Longest initiative name shown in a subject (longer ones end with « … »). */
export const SUBJECT_NAME_MAX = 80;
const LINK_SCHEME = /\b[a-z][a-z0-9+.-]*:\/\/|\b(?:mailto|tel|sms|callto|javascript|data|file):|\bwww\./gi;

/**
 * The initiative's name as a subject may carry it. Anyone can create a file for any address (the
 * welcome email), so the subject must not become their message: at most SUBJECT_NAME_MAX
 * characters, without control or invisible formatting characters (line breaks, bidi overrides,
 * zero-width) and without link schemes (« https:// », « www. », « mailto: »). Undefined when
 * nothing is left: the subject without a name is used. The body keeps the name as typed (escaped).
 */
export function subjectName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  let clean = name.normalize('NFC').replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ');
  for (let before = ''; before !== clean;) {
    before = clean;
    clean = clean.replace(LINK_SCHEME, '');
  }
  clean = clean.replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  if (chars.length > SUBJECT_NAME_MAX)
    clean = `${chars
      .slice(0, SUBJECT_NAME_MAX - 1)
      .join('')
      .trimEnd()}…`;
  return clean || undefined;
}

/** « votre dossier « Nom » », or « votre dossier » while the initiative has no name yet. */
const fileOf = (d: { initiativeName?: string }) =>
  d.initiativeName ? fr`votre dossier « ${d.initiativeName} »` : 'votre dossier';
/** « votre initiative « Nom » », or « votre initiative » (never « votre initiative votre initiative »). */
const initiativeOf = (d: { initiativeName?: string }) =>
  d.initiativeName ? fr`votre initiative « ${d.initiativeName} »` : 'votre initiative';

export function welcomeEmail(d: ApplicantData): Email {
  return render(
    subjectName(d.initiativeName)
      ? fr`Votre candidature « ${subjectName(d.initiativeName)} » : votre lien personnel`
      : 'Votre lien personnel pour compléter votre candidature',
    `${greeting}
<p>Votre dossier de candidature est bien enregistré. Vous pouvez le compléter à tout moment jusqu'au <strong>{{deadlineLabel}}</strong> (heure de Paris), depuis ce lien personnel :</p>
${button('resumeUrl', 'Reprendre mon dossier')}
<p>Ce lien est personnel : ne le transférez qu'aux personnes qui préparent le dossier avec vous.</p>
<p>Pour être examiné, le dossier doit contenir toutes les informations demandées, 4 photos et la décharge droit à l'image signée.</p>`,
    `${textGreeting}

Votre dossier de candidature est bien enregistré. Vous pouvez le compléter à tout moment jusqu'au {{deadlineLabel}} (heure de Paris), depuis ce lien personnel :
{{resumeUrl}}

Ce lien est personnel : ne le transférez qu'aux personnes qui préparent le dossier avec vous.
Pour être examiné, le dossier doit contenir toutes les informations demandées, 4 photos et la décharge droit à l'image signée.`,
    d,
  );
}

/** « Dossier complet », with the file's reference (functions/domain/file-reference.ts) and its summary attached (PDF). */
export function completeEmail(d: ApplicantData & { notificationLabel: string; reference: string }): Email {
  return render(
    subjectName(d.initiativeName)
      ? fr`Dossier complet : « ${subjectName(d.initiativeName)} »`
      : 'Votre dossier est complet',
    `${greeting}
<p>Bonne nouvelle : {{fileLabel}} est <strong>complet</strong>. Il sera examiné par l'équipe de la fédération.</p>
<p>Sa référence : <strong>{{reference}}</strong>. Rappelez-la si vous écrivez à l'équipe.</p>
<p>Le récapitulatif de votre dossier est joint à ce message (PDF) : ce que vous avez indiqué, vos photos et la décharge droit à l'image.</p>
<p>Vous serez informé(e) de la décision vers le <strong>{{notificationLabel}}</strong>. Deux points seront regardés : la pertinence de l'initiative par rapport à l'axe choisi et ses résultats.</p>
<p>Jusqu'au {{deadlineLabel}}, vous pouvez encore modifier votre dossier :</p>
${button('resumeUrl', 'Voir mon dossier')}`,
    `${textGreeting}

Bonne nouvelle : {{fileLabel}} est complet. Il sera examiné par l'équipe de la fédération.
Sa référence : {{reference}}. Rappelez-la si vous écrivez à l'équipe.
Le récapitulatif de votre dossier est joint à ce message (PDF) : ce que vous avez indiqué, vos photos et la décharge droit à l'image.

Vous serez informé(e) de la décision vers le {{notificationLabel}}. Deux points seront regardés : la pertinence de l'initiative par rapport à l'axe choisi et ses résultats.

Jusqu'au {{deadlineLabel}}, vous pouvez encore modifier votre dossier :
{{resumeUrl}}`,
    { ...d, fileLabel: fileOf(d) },
  );
}

export function missingEmail(d: ApplicantData & { missing: FieldIssue[] }): Email {
  return render(
    subjectName(d.initiativeName)
      ? fr`Pièces manquantes : « ${subjectName(d.initiativeName)} »`
      : 'Pièces manquantes dans votre dossier',
    `${greeting}
<p>Merci pour l'envoi de {{fileLabel}}. Il n'est <strong>pas encore complet</strong> ; les dossiers incomplets ne peuvent pas être examinés. Il manque :</p>
<ul>{{#each missing}}<li>{{message}}</li>{{/each}}</ul>
<p>Vous avez jusqu'au <strong>{{deadlineLabel}}</strong> (heure de Paris) pour le compléter :</p>
${button('resumeUrl', 'Compléter mon dossier')}`,
    `${textGreeting}

Merci pour l'envoi de {{fileLabel}}. Il n'est pas encore complet ; les dossiers incomplets ne peuvent pas être examinés. Il manque :
{{#each missing}}- {{message}}
{{/each}}
Vous avez jusqu'au {{deadlineLabel}} (heure de Paris) pour le compléter :
{{resumeUrl}}`,
    { ...d, fileLabel: fileOf(d), missing: typesetIssues(d.missing) },
  );
}

/**
 * A copy of the signed image-rights release, to the file's contact and to the signatory when the
 * signatory gave another address (functions/services/release-copy.ts): the PDF proof of an online
 * signature, or the scan sent, attached unless it is too heavy for an email.
 */
export function releaseCopyEmail(d: {
  firstName?: string;
  initiativeName?: string;
  release: { mode: 'online'; signatory: string; signedAtLabel: string } | { mode: 'scan' };
  attached: boolean;
}): Email {
  const online = d.release.mode === 'online' ? d.release : undefined;
  return render(
    subjectName(d.initiativeName)
      ? fr`Décharge droit à l'image signée : « ${subjectName(d.initiativeName)} »`
      : typeset("Votre décharge droit à l'image signée"),
    `${greeting}
{{#if online}}<p>La décharge droit à l'image {{fileLabel}} a été signée en ligne par <strong>{{online.signatory}}</strong> le {{online.signedAtLabel}} (heure de Paris).</p>{{else}}<p>La décharge droit à l'image signée {{fileLabel}} a bien été reçue.</p>{{/if}}
{{#if attached}}<p>Vous en trouverez une copie jointe à ce message : gardez-la avec vos documents.</p>{{else}}<p>Le fichier déposé est trop lourd pour être joint à ce message. Il est conservé avec le dossier : l'équipe peut vous en envoyer une copie sur demande.</p>{{/if}}
<p>Par cette décharge, la fédération peut diffuser les photos du dossier pour présenter l'initiative (plateforme web, réseaux sociaux, supports papier ou web), à titre gracieux.</p>`,
    `${textGreeting}

{{#if online}}La décharge droit à l'image {{fileLabel}} a été signée en ligne par {{online.signatory}} le {{online.signedAtLabel}} (heure de Paris).{{else}}La décharge droit à l'image signée {{fileLabel}} a bien été reçue.{{/if}}
{{#if attached}}Vous en trouverez une copie jointe à ce message : gardez-la avec vos documents.{{else}}Le fichier déposé est trop lourd pour être joint à ce message. Il est conservé avec le dossier : l'équipe peut vous en envoyer une copie sur demande.{{/if}}

Par cette décharge, la fédération peut diffuser les photos du dossier pour présenter l'initiative (plateforme web, réseaux sociaux, supports papier ou web), à titre gracieux.`,
    {
      ...d,
      online,
      fileLabel: d.initiativeName ? fr`du dossier « ${d.initiativeName} »` : 'du dossier',
    },
  );
}

/** The shared layout and pieces, for the other email modules (timeline-emails.ts). */
export {
  render as renderEmail,
  button as emailButton,
  greeting as emailGreeting,
  textGreeting as emailTextGreeting,
  fileOf as yourFile,
  initiativeOf as yourInitiative,
  typesetIssues,
};

export function resumeLinksEmail(d: { deadlineLabel: string; files: { name: string; url: string }[] }): Email {
  return render(
    'Vos liens pour reprendre vos dossiers',
    `<p>Bonjour,</p>
<p>Voici le lien personnel de chacun de vos dossiers de candidature. Vous pouvez les compléter jusqu'au <strong>{{deadlineLabel}}</strong> (heure de Paris).</p>
<ul>{{#each files}}<li><a href="{{url}}">{{name}}</a></li>{{/each}}</ul>
<p>Vous n'avez rien demandé ? Ignorez ce message : vos dossiers restent inchangés.</p>`,
    `Bonjour,

Voici le lien personnel de chacun de vos dossiers de candidature. Vous pouvez les compléter jusqu'au {{deadlineLabel}} (heure de Paris).
{{#each files}}- {{name}} : {{url}}
{{/each}}
Vous n'avez rien demandé ? Ignorez ce message : vos dossiers restent inchangés.`,
    d,
  );
}

/** Public vote: the link that makes a vote count (functions/domain/votes.ts). */
export function voteConfirmationEmail(d: {
  initiativeTitle: string;
  confirmUrl: string;
  expiresLabel: string;
  maxPerEmail: number;
}): Email {
  return render(
    fr`Confirmez votre vote pour « ${d.initiativeTitle} »`,
    `<p>Bonjour,</p>
<p>Vous avez demandé à voter pour l'initiative <strong>« {{initiativeTitle}} »</strong>. Pour que votre vote compte, confirmez-le :</p>
${button('confirmUrl', 'Je confirme mon vote')}
<p>Ce lien est valable jusqu'au <strong>{{expiresLabel}}</strong> (heure de Paris) et ne sert qu'une fois. Une même adresse peut voter pour {{maxLabel}} au plus, une fois chacune.</p>
<p>Vous n'avez rien demandé ? Ignorez ce message : aucun vote ne sera compté et votre adresse sera effacée sous 48 heures.</p>`,
    `Bonjour,

Vous avez demandé à voter pour l'initiative « {{initiativeTitle}} ». Pour que votre vote compte, confirmez-le en ouvrant ce lien :
{{confirmUrl}}

Ce lien est valable jusqu'au {{expiresLabel}} (heure de Paris) et ne sert qu'une fois. Une même adresse peut voter pour {{maxLabel}} au plus, une fois chacune.

Vous n'avez rien demandé ? Ignorez ce message : aucun vote ne sera compté et votre adresse sera effacée sous 48 heures.`,
    { ...d, maxLabel: plural(d.maxPerEmail, 'initiative', 'initiatives') },
  );
}

/** Public vote: asked again for an initiative already voted for, or over the limit (said only to the mailbox, never on the site). */
export function voteRefusedEmail(d: {
  initiativeTitle: string;
  reason: 'already-voted' | 'limit';
  maxPerEmail: number;
}): Email {
  const already = d.reason === 'already-voted';
  return render(
    already ? fr`Votre vote pour « ${d.initiativeTitle} » est déjà enregistré` : 'Vous avez utilisé tous vos votes',
    `<p>Bonjour,</p>
${already ? "<p>Vous avez demandé à voter pour l'initiative <strong>« {{initiativeTitle}} »</strong> : votre vote pour elle est <strong>déjà enregistré</strong> avec cette adresse. Il compte une fois ; vous n'avez rien d'autre à faire.</p>" : "<p>Vous avez demandé à voter pour l'initiative <strong>« {{initiativeTitle}} »</strong>, mais cette adresse a déjà voté pour {{maxLabel}}, le maximum pour cette édition : ce vote ne peut pas être ajouté.</p>"}
<p>Merci de votre soutien aux initiatives du réseau.</p>
<p>Vous n'avez rien demandé ? Ignorez ce message.</p>`,
    `Bonjour,

${already ? "Vous avez demandé à voter pour l'initiative « {{initiativeTitle}} » : votre vote pour elle est déjà enregistré avec cette adresse. Il compte une fois ; vous n'avez rien d'autre à faire." : "Vous avez demandé à voter pour l'initiative « {{initiativeTitle}} », mais cette adresse a déjà voté pour {{maxLabel}}, le maximum pour cette édition : ce vote ne peut pas être ajouté."}

Merci de votre soutien aux initiatives du réseau.

Vous n'avez rien demandé ? Ignorez ce message.`,
    { ...d, maxLabel: plural(d.maxPerEmail, 'initiative', 'initiatives') },
  );
}

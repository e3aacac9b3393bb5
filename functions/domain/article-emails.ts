import {
  emailButton as button,
  emailGreeting as greeting,
  emailTextGreeting as textGreeting,
  renderEmail as render,
  type Email,
  yourInitiative,
} from './emails.ts';
import { capitalized, fr } from './french.ts';

/**
 * Emails of the article validation, in the shared layout: the link to read and validate a version,
 * and the acknowledgements of the enterprise's answers. Handlebars escapes every value.
 */

interface Recipient {
  firstName?: string;
  initiativeName?: string;
}
/** « l'article « Nom » », or « l'article de votre initiative ». */
const theArticle = (d: Recipient) =>
  d.initiativeName ? fr`l'article « ${d.initiativeName} »` : fr`l'article de votre initiative`;
/** For the team, who may have files without a name. */
const named = (d: Recipient) => (d.initiativeName ? fr`« ${d.initiativeName} »` : 'sans nom');

export function articleToValidateEmail(
  d: Recipient & { validationUrl: string; validationEndLabel: string; version: number },
): Email {
  const revised = d.version > 1;
  return render(
    revised
      ? fr`Nouvelle version de ${theArticle(d)} à relire`
      : fr`${capitalized(theArticle(d))} est prêt : à relire et valider`,
    `${greeting}
<p>{{#if revised}}Voici une nouvelle version de l'article qui présentera {{initiativeLabel}}, avec les modifications demandées.{{else}}L'équipe communication a rédigé l'article qui présentera {{initiativeLabel}} sur la plateforme « Nos territoires ont de l'avenir ».{{/if}}</p>
<p>Relisez-le avec ses photos, puis validez-le ou demandez des modifications, avant le <strong>{{validationEndLabel}}</strong> :</p>
${button('validationUrl', "Relire l'article")}
<p>Ce lien est personnel : il permet de valider l'article au nom de votre structure.</p>`,
    `${textGreeting}

{{#if revised}}Voici une nouvelle version de l'article qui présentera {{initiativeLabel}}, avec les modifications demandées.{{else}}L'équipe communication a rédigé l'article qui présentera {{initiativeLabel}} sur la plateforme « Nos territoires ont de l'avenir ».{{/if}}

Relisez-le avec ses photos, puis validez-le ou demandez des modifications, avant le {{validationEndLabel}} :
{{validationUrl}}

Ce lien est personnel : il permet de valider l'article au nom de votre structure.`,
    { ...d, revised, initiativeLabel: yourInitiative(d) },
  );
}

export function articleApprovedEmail(d: Recipient & { approvedBy: string; launchLabel: string }): Email {
  return render(
    d.initiativeName ? fr`Article validé : « ${d.initiativeName} »` : 'Votre article est validé',
    `${greeting}
<p>Merci : l'article de {{initiativeLabel}} est validé (par {{approvedBy}}). Il sera publié au lancement de la plateforme, le <strong>{{launchLabel}}</strong>.</p>`,
    `${textGreeting}

Merci : l'article de {{initiativeLabel}} est validé (par {{approvedBy}}). Il sera publié au lancement de la plateforme, le {{launchLabel}}.`,
    { ...d, initiativeLabel: yourInitiative(d) },
  );
}

export function articleChangesEmail(d: Recipient & { comments: string }): Email {
  return render(
    d.initiativeName ? fr`Demande de modifications reçue : « ${d.initiativeName} »` : 'Demande de modifications reçue',
    `${greeting}
<p>Nous avons bien reçu vos demandes de modifications de {{articleLabel}} :</p>
<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #d6dadb;white-space:pre-line">{{comments}}</blockquote>
<p>L'équipe communication vous enverra une nouvelle version à relire.</p>`,
    `${textGreeting}

Nous avons bien reçu vos demandes de modifications de {{articleLabel}} :

{{comments}}

L'équipe communication vous enverra une nouvelle version à relire.`,
    { ...d, articleLabel: theArticle(d) },
  );
}

/** To the communication team: an enterprise answered on its article, with what it asked. */
export function articleAnswerTeamEmail(
  d: Recipient & { company?: string; version: number; consoleUrl: string } & (
      { approvedBy: string } | { comments: string }
    ),
): Email {
  const approved = 'approvedBy' in d;
  return render(
    approved ? fr`Article validé par l'entreprise : ${named(d)}` : fr`Modifications demandées : ${named(d)}`,
    `<p>Bonjour,</p>
{{#if approved}}<p>{{companyLabel}} a validé la version {{version}} de l'article {{initiativeLabel}} (validé par {{approvedBy}}). Il sera publié au lancement.</p>
{{else}}<p>{{companyLabel}} demande des modifications sur la version {{version}} de l'article {{initiativeLabel}} :</p>
<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #d6dadb;white-space:pre-line">{{comments}}</blockquote>
<p>Préparez une nouvelle version depuis la console puis envoyez-la à l'entreprise.</p>{{/if}}
${button('consoleUrl', "Ouvrir l'article dans la console")}`,
    `Bonjour,

{{#if approved}}{{companyLabel}} a validé la version {{version}} de l'article {{initiativeLabel}} (validé par {{approvedBy}}). Il sera publié au lancement.{{else}}{{companyLabel}} demande des modifications sur la version {{version}} de l'article {{initiativeLabel}} :

{{comments}}

Préparez une nouvelle version depuis la console puis envoyez-la à l'entreprise.{{/if}}

Console : {{consoleUrl}}`,
    {
      ...d,
      approved,
      initiativeLabel: named(d),
      companyLabel: d.company ? fr`L'entreprise ${d.company}` : fr`L'entreprise`,
    },
  );
}

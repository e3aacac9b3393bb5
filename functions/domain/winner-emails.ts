import {
  emailButton as button,
  emailGreeting as greeting,
  emailTextGreeting as textGreeting,
  renderEmail as render,
  type Email,
  yourInitiative,
} from './emails.ts';
import { capitalized, fr, plural } from './french.ts';

/**
 * The emails of the vote's close (seed 000: « des projets pourront être choisis par les internautes
 * comme étant les plus inspirants et gagner des prix »): each winner's enterprise, once, and the
 * team with the list. Sent by the timeline's close-voting step, after the results page is online.
 */

interface Winner {
  firstName?: string;
  initiativeName?: string;
}

/** To a winner's enterprise: its axis, ties, the prize if the team worded it, the votes if the campaign shows them. */
export function winnerEmail(
  d: Winner & { axisLabel: string; votes?: number; tiedWith: string[]; prize?: string; resultsUrl: string },
): Email {
  const tied = d.tiedWith.map((name) => fr`« ${name} »`).join(', ');
  return render(
    capitalized(fr`${yourInitiative(d)} est lauréate du vote du public`),
    `${greeting}
<p>Le vote du public de « Nos territoires ont de l'avenir » est clos : les internautes ont choisi {{initiativeLabel}} comme la plus inspirante de l'axe « {{axisLabel}} »{{#if votesLabel}}, avec {{votesLabel}}{{/if}}. Félicitations à toute votre équipe !</p>
{{#if tied}}<p>Elle partage cette place, ex aequo, avec {{tied}}.</p>{{/if}}
{{#if prize}}<p>Le prix : <strong>{{prize}}</strong></p>{{/if}}
${button('resultsUrl', 'Voir les résultats du vote')}
<p>Merci d'avoir partagé votre initiative, et merci à toutes les personnes qui ont voté pour elle.</p>`,
    `${textGreeting}

Le vote du public de « Nos territoires ont de l'avenir » est clos : les internautes ont choisi {{initiativeLabel}} comme la plus inspirante de l'axe « {{axisLabel}} »{{#if votesLabel}}, avec {{votesLabel}}{{/if}}. Félicitations à toute votre équipe !
{{#if tied}}
Elle partage cette place, ex aequo, avec {{tied}}.
{{/if}}{{#if prize}}
Le prix : {{prize}}
{{/if}}
Les résultats du vote : {{resultsUrl}}

Merci d'avoir partagé votre initiative, et merci à toutes les personnes qui ont voté pour elle.`,
    {
      ...d,
      initiativeLabel: yourInitiative(d),
      votesLabel: d.votes === undefined ? undefined : plural(d.votes, 'vote', 'votes'),
      tied,
    },
  );
}

/** To the team: the winners per axis with their votes and prizes, and whom the platform emailed. */
export function winnersTeamEmail(d: {
  campaignTitle: string;
  total: number;
  axes: {
    label: string;
    prize?: string;
    winners: { title: string; company?: string; votes: number; emailed: boolean }[];
  }[];
  resultsUrl: string;
  consoleUrl: string;
}): Email {
  const axes = d.axes.map((a) => ({
    ...a,
    winners: a.winners.map((w) => ({ ...w, votesLabel: plural(w.votes, 'vote', 'votes') })),
  }));
  return render(
    fr`${d.campaignTitle} : le vote est clos, voici les lauréats`,
    `<p>Bonjour,</p>
<p>Le vote du public de l'appel « {{campaignTitle}} » est clos, avec {{totalLabel}} en tout. Les résultats sont figés et publiés sur le site. Chaque entreprise lauréate en est informée par courriel, sauf mention contraire ci-dessous.</p>
<ul>{{#each axes}}<li><strong>{{label}}</strong>{{#if prize}} (prix : {{prize}}){{/if}} : {{#each winners}}« {{title}} »{{#if company}} ({{company}}){{/if}}, {{votesLabel}}{{#unless emailed}}, sans courriel (dossier introuvable){{/unless}}{{#unless @last}} ; {{/unless}}{{else}}aucun vote{{/each}}</li>{{/each}}</ul>
${button('resultsUrl', 'Voir la page des résultats')}
<p>Le détail des votes et l'export pour Excel sont dans la console : <a href="{{consoleUrl}}">{{consoleUrl}}</a></p>`,
    `Bonjour,

Le vote du public de l'appel « {{campaignTitle}} » est clos, avec {{totalLabel}} en tout. Les résultats sont figés et publiés sur le site. Chaque entreprise lauréate en est informée par courriel, sauf mention contraire ci-dessous.

{{#each axes}}- {{label}}{{#if prize}} (prix : {{prize}}){{/if}} : {{#each winners}}« {{title}} »{{#if company}} ({{company}}){{/if}}, {{votesLabel}}{{#unless emailed}}, sans courriel (dossier introuvable){{/unless}}{{#unless @last}} ; {{/unless}}{{else}}aucun vote{{/each}}
{{/each}}
La page des résultats : {{resultsUrl}}
Le détail des votes et l'export pour Excel, dans la console : {{consoleUrl}}`,
    { ...d, axes, totalLabel: plural(d.total, 'vote confirmé', 'votes confirmés') },
  );
}

import { acceptsChanges, formatParisDate, formatParisDateTime, type Campaign } from '../campaign.ts';
import { durationLabel, purgeDate, resumeLinkExpiry, RETENTION_POLICY, voteHashesEnd } from '../retention.ts';
import { fr, plural, typeset } from '../french.ts';
import { FEDERATION, SITE_NAME } from './federation.ts';

/**
 * The showcase's own French copy: introductions, the holding page, the legal pages. Written for
 * the general public; dates come from the campaign, never from constants. Typeset (french.ts):
 * plain strings with `typeset`, those that hold a campaign's title with `fr` (the title as typed).
 */

export interface TextSection {
  heading?: string;
  paragraphs: string[];
  list?: string[];
  links?: { href: string; label: string }[];
}

export const initiativesLabel = (n: number) => (n === 0 ? 'Aucune initiative' : plural(n, 'initiative', 'initiatives'));

export function homeIntro(count: number): string {
  return typeset(
    `${count > 1 ? `${count} entreprises` : 'Des entreprises'} de l'économie sociale et solidaire racontent ici une initiative qui crée des emplois, ` +
      "rassemble les acteurs d'un territoire ou prend soin de ses ressources. Découvrez-les par axe ou par région, et reprenez chez vous les idées qui marchent.",
  );
}

export function homeAbout(campaign: Campaign): string[] {
  return [
    fr`« ${campaign.title} » est l'appel à initiatives de ${FEDERATION.name}, qui fédère des entreprises de l'économie sociale et solidaire dans toute la France.`,
    typeset(
      "Les entreprises du réseau, et celles qui en partagent les valeurs, y présentent une initiative déjà en place ou tout juste lancée. Chacune a été retenue pour sa pertinence au regard de l'axe choisi et pour ses résultats, puis son article a été écrit avec l'entreprise qui la porte.",
    ),
    typeset(
      "L'appel n'a rien d'un concours : il cherche à faire connaître le plus grand nombre d'initiatives, pour que d'autres territoires puissent s'en inspirer.",
    ),
  ];
}

export interface HoldingCopy {
  title: string;
  intro: string;
  status: string[];
  formUrl?: string;
  who: string[];
  steps: { when: string; what: string }[];
}

/** Where the call stands: not open yet, open until its deadline, or closed until the launch. */
function holdingStatus(campaign: Campaign, open: boolean): string[] {
  if (campaign.phase === 'draft') return ["L'appel ouvrira prochainement : revenez sur cette page pour y répondre."];
  const deadline = formatParisDateTime(campaign.dates.deadline);
  if (open)
    return [
      `Les candidatures sont ouvertes jusqu'au ${deadline} (heure de Paris).`,
      `Le dossier se remplit en ligne : la description de l'initiative, ${campaign.photoCount} photos et l'autorisation de les publier (décharge droit à l'image). Vous pouvez l'enregistrer et le reprendre plus tard.`,
    ];
  return [
    `Les candidatures sont closes depuis le ${deadline}.`,
    `Les initiatives retenues seront présentées sur ce site à partir du ${formatParisDate(campaign.dates.launch)}.`,
  ];
}

/** The page shown before the launch: the call, and while it is open a link to the form. */
export function holdingCopy(campaign: Campaign | null, now: Date): HoldingCopy {
  if (!campaign) {
    return {
      title: SITE_NAME,
      intro: typeset(
        `Ce site présente les initiatives des entreprises du réseau ${FEDERATION.name} retenues lors de l'appel « ${SITE_NAME} ».`,
      ),
      status: [
        typeset("Aucun appel à initiatives n'est ouvert pour le moment."),
        `Pour être prévenu de la prochaine édition, écrivez à ${FEDERATION.email}.`,
      ],
      who: [],
      steps: [],
    };
  }
  const open = acceptsChanges(campaign, now);
  const launch = formatParisDate(campaign.dates.launch);
  const status = holdingStatus(campaign, open).map(typeset);
  return {
    title: campaign.title,
    intro: typeset(
      `${FEDERATION.name} invite les entreprises de l'économie sociale et solidaire à faire connaître leurs initiatives pour l'emploi, la coopération entre acteurs locaux et l'environnement. Les initiatives retenues seront présentées sur ce site.`,
    ),
    status,
    formUrl: open ? '/candidater/' : undefined,
    who: [
      `Les entreprises adhérentes de ${FEDERATION.name}, et celles qui sont proches du réseau par leurs valeurs ou leurs projets.`,
      'Pour une initiative déjà en place, ou récente mais opérationnelle : ses résultats, ou à défaut ses objectifs, doivent pouvoir être décrits.',
      'Une entreprise peut présenter plusieurs initiatives, avec un dossier pour chacune.',
      'Seuls les dossiers complets sont examinés.',
    ].map(typeset),
    steps: [
      { when: `Jusqu'au ${formatParisDate(campaign.dates.deadline)}`, what: 'dépôt des dossiers en ligne' },
      {
        when: `Le ${formatParisDate(campaign.dates.notification)}`,
        what: 'chaque entreprise apprend si son initiative est retenue',
      },
      {
        when: `Jusqu'au ${formatParisDate(campaign.dates.validationEnd)}`,
        what: "l'article de chaque initiative retenue est écrit et validé avec l'entreprise",
      },
      { when: `Le ${launch}`, what: 'les initiatives sont mises en ligne sur ce site' },
      {
        when: `Jusqu'au ${formatParisDate(campaign.dates.votingClose)}`,
        what: "le public vote pour les initiatives qui l'inspirent le plus",
      },
    ].map((step) => ({ when: typeset(step.when), what: typeset(step.what) })),
  };
}

const address = `${FEDERATION.street}, ${FEDERATION.postalCode} ${FEDERATION.city}`;

/** A text already typeset, that holds a typed value (left as typed): `typesetSection` keeps it as is. */
class Typeset {
  constructor(readonly text: string) {}
}
const typesetText = (text: string | Typeset) => (text instanceof Typeset ? text.text : typeset(text));

/** Every text of a section written here, typeset. */
const typesetSection = (section: Omit<TextSection, 'list'> & { list?: (string | Typeset)[] }): TextSection => ({
  heading: section.heading && typeset(section.heading),
  paragraphs: section.paragraphs.map(typeset),
  list: section.list?.map(typesetText),
  links: section.links?.map((link) => ({ ...link, label: typeset(link.label) })),
});

export function legalNotice(): TextSection[] {
  return [
    {
      heading: 'Éditeur',
      paragraphs: [
        `Ce site est édité par ${FEDERATION.name}, fédération d'entreprises de l'économie sociale et solidaire, ${address}.`,
        `Téléphone : ${FEDERATION.phone}. Courriel : ${FEDERATION.email}.`,
        'Responsable de la publication : la personne qui représente légalement la fédération.',
      ],
    },
    {
      heading: 'Hébergement',
      paragraphs: [
        "Amazon Web Services EMEA SARL, 38 avenue John F. Kennedy, L-1855 Luxembourg. Les pages, les photos et les données de la plateforme sont stockées dans un centre de données situé dans l'Union européenne.",
      ],
    },
    {
      heading: 'Articles et photos',
      paragraphs: [
        "Les articles sont écrits par l'équipe de communication de la fédération et validés par chaque entreprise présentée.",
        "Les photos sont publiées avec l'autorisation écrite de l'entreprise qui les a fournies ; leur auteur est indiqué après le signe ©. Toute reproduction demande l'accord préalable de la fédération et de l'auteur.",
      ],
    },
    {
      heading: 'Accessibilité',
      paragraphs: [
        "Ce site est conçu pour être utilisable au clavier, avec un lecteur d'écran ou un texte agrandi, en suivant le niveau AA des règles internationales d'accessibilité (WCAG 2.1). Toutes les pages fonctionnent sans JavaScript, sauf la recherche.",
        `Si une page vous pose une difficulté, écrivez à ${FEDERATION.email} : nous vous transmettrons l'information sous une autre forme.`,
      ],
    },
    {
      heading: 'Cookies',
      paragraphs: ["Ce site ne dépose aucun cookie et n'utilise aucun outil de mesure d'audience."],
      links: [{ href: '/donnees-personnelles/', label: 'Vos données personnelles' }],
    },
  ].map(typesetSection);
}

const P = RETENTION_POLICY;
const logsLabel = durationLabel.days(P.logDays);

/** The retention rules, written plainly from functions/domain/retention.ts, with the current call's dates when there is one. */
export function privacyNotice(campaign: Campaign | null): TextSection[] {
  const day = (date: Date) => formatParisDate(date.toISOString());
  const filesEnd = campaign
    ? fr` Pour l'appel « ${campaign.title} », ils seront supprimés le ${day(purgeDate(campaign))}.`
    : '';
  const linksEnd = campaign
    ? fr` Pour l'appel « ${campaign.title} », ils cessent de fonctionner le ${day(new Date(resumeLinkExpiry(campaign) * 1000))}.`
    : '';
  const votesEnd = campaign
    ? fr` Pour l'appel « ${campaign.title} », elles seront supprimées le ${day(voteHashesEnd(campaign))} au plus tard.`
    : '';
  return [
    {
      heading: 'Qui est responsable de vos données',
      paragraphs: [
        `${FEDERATION.name}, ${address}, pour l'appel à initiatives et pour les votes du public sur ce site.`,
      ],
    },
    {
      heading: 'Ce que nous recueillons, et pourquoi',
      paragraphs: [
        'Nous ne recueillons que ce qui sert à examiner les candidatures, à publier les initiatives retenues et à organiser le vote :',
      ],
      list: [
        "pour chaque candidature : l'entreprise (nom, adresse, région), la personne à contacter (nom, prénom, fonction, téléphone, courriel), la description de l'initiative, les photos et l'autorisation de les publier ;",
        "pour chaque vote : l'adresse électronique du votant, qui sert à confirmer le vote et à éviter les votes en double ;",
        "à chaque visite : les journaux techniques de l'hébergeur (adresse IP, page demandée, date et heure), pour la sécurité du service.",
      ],
    },
    {
      paragraphs: ["Nous ne vendons ni ne cédons aucune donnée, et nous n'envoyons pas de publicité."],
    },
    {
      heading: 'Combien de temps nous les gardons',
      paragraphs: [],
      list: [
        // The sentences with the campaign's title are typeset already (the title as typed).
        new Typeset(
          `${typeset(`Les dossiers de candidature, leur historique, les photos d'origine telles que vous les avez envoyées et les décharges droit à l'image sont gardés le temps d'un cycle de campagne, soit ${durationLabel.months(P.applicationMonthsAfterDeadline)} après la date limite de dépôt, puis supprimés, avec les photos redimensionnées des initiatives qui n'ont pas été publiées.`)}${filesEnd}`,
        ),
        'Les photos publiées sont des copies redimensionnées, sans aucune métadonnée : ni position GPS, ni date de prise de vue.',
        new Typeset(
          `${typeset(`Les liens privés envoyés par courriel pour reprendre un dossier expirent ${durationLabel.days(P.resumeLinkDaysAfterDeadline)} après la date limite de dépôt.`)}${linksEnd}`,
        ),
        new Typeset(
          `${typeset(`L'adresse électronique d'un votant sert à confirmer son vote. Une fois le vote confirmé, nous ne gardons plus l'adresse elle-même, seulement son empreinte (un « hachage »), qui empêche de voter deux fois. Une adresse dont le vote n'est pas confirmé est effacée au plus tard ${durationLabel.hours(P.pendingVoteHours)} après la demande. Pour repérer les votes en rafale, nous gardons aussi l'empreinte de l'adresse IP de connexion et le nom de domaine de l'adresse électronique (la partie après « @ »). Ces empreintes sont supprimées ${durationLabel.months(P.voteHashMonthsAfterClose)} après la clôture des votes.`)}${votesEnd}`,
        ),
        `Pour éviter qu'on se serve du formulaire pour inonder une boîte aux lettres, nous comptons les courriels envoyés à chaque adresse à l'aide de son empreinte (un « hachage »), qui expire au bout de ${durationLabel.days(P.rateCounterDays)} et est supprimée dans les jours qui suivent.`,
        `Si une adresse nous revient en erreur définitive, ou si son titulaire signale nos courriels comme indésirables, nous gardons son empreinte (un « hachage ») pour ne plus y écrire, pendant ${durationLabel.months(P.undeliverableMonths)} après le dernier signalement.`,
        "Les articles et les photos publiés restent en ligne tant que le site présente l'appel ; une entreprise peut demander leur retrait à tout moment.",
        `Les journaux techniques (ceux de la plateforme, sans adresse ni nom, et ceux de l'hébergeur, avec l'adresse IP) sont gardés ${logsLabel}, puis supprimés.`,
      ],
    },
    {
      heading: 'Qui y a accès',
      paragraphs: [
        "L'équipe de communication de la fédération. Notre hébergeur, Amazon Web Services, stocke les données pour notre compte dans l'Union européenne, sans pouvoir les utiliser pour lui-même.",
      ],
    },
    {
      heading: 'Vos droits',
      paragraphs: [
        `Vous pouvez consulter, corriger ou faire supprimer les données qui vous concernent, ou vous opposer à leur utilisation, en écrivant à ${FEDERATION.email} ou à ${FEDERATION.name}, ${address}.`,
        "Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission nationale de l'informatique et des libertés (CNIL).",
      ],
      links: [{ href: 'https://www.cnil.fr/fr/plaintes', label: 'Adresser une réclamation à la CNIL' }],
    },
  ].map(typesetSection);
}

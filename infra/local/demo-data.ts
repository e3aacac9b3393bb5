import type { ApplicationFields } from '../../functions/domain/application.ts';
import type { Article } from '../../functions/domain/article.ts';

/**
 * Twelve fictional enterprises for `npm run demo`, written for the demo (any resemblance to a real
 * structure is fortuitous): different regions, the three axes, realistic lengths. Addresses use
 * example.org for email and web. Each selected initiative has the article the communication team
 * writes from its file, and the enterprise's answer to it.
 */

/** A photo of the file (slot 1-4) and its caption in the article, in display order (the cover first). */
type DemoPhoto = [slot: number, caption: string];

export interface DemoArticle {
  title: string;
  lead: string;
  /** The paragraphs of the text. */
  body: string[];
  /** « En savoir plus ». */
  moreInfo?: string;
  photos: DemoPhoto[];
  /**
   * What the enterprise does with the version it is sent: approves it; asks for changes, then
   * approves the version the team revises; or does not answer before the validation end (its
   * initiative is then not published).
   */
  answer:
    | { kind: 'approve' }
    | {
        kind: 'changes';
        comments: string;
        revised: Partial<Pick<DemoArticle, 'lead' | 'body' | 'moreInfo' | 'photos'>>;
      }
    | { kind: 'none' };
}

export interface DemoEnterprise {
  fields: Omit<ApplicationFields, 'contact'> & { contact: Omit<ApplicationFields['contact'], 'email'> };
  /** The team's decision in the demo. */
  selected: boolean;
  comment: string;
  /** The article of a selected initiative. */
  article?: DemoArticle;
}

const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function demoEmail(enterprise: DemoEnterprise): string {
  const { firstName, lastName } = enterprise.fields.contact;
  return `${slug(firstName)}.${slug(lastName)}@${slug(enterprise.fields.company.name)}.example.org`;
}

export function demoWebsite(name: string): string {
  return `https://${slug(name)}.example.org`;
}

/**
 * The article as the team saves it in the console (functions/domain/article.ts): paragraphs
 * separated by a blank line, a link to the enterprise's website, each photo with its caption and
 * the enterprise's credit. `revised`: the second version, after the enterprise asked for changes.
 */
export function demoArticle(enterprise: DemoEnterprise, version: 'first' | 'revised' = 'first'): Article {
  const spec = enterprise.article;
  if (!spec)
    throw new Error(`${enterprise.fields.company.name} : pas d'article dans la démo (initiative non retenue).`);
  const text = version === 'revised' && spec.answer.kind === 'changes' ? { ...spec, ...spec.answer.revised } : spec;
  const company = enterprise.fields.company.name;
  return {
    title: text.title,
    lead: text.lead,
    body: text.body.join('\n\n'),
    moreInfo: text.moreInfo ?? '',
    links: [{ label: `Le site de ${company}`, url: demoWebsite(company) }],
    photoOrder: text.photos.map(([slot]) => slot),
    photoTexts: Object.fromEntries(
      text.photos.map(([slot, caption]) => [String(slot), { caption, credit: `Photo : ${company}` }]),
    ),
  };
}

const e = (
  company: ApplicationFields['company'],
  contact: DemoEnterprise['fields']['contact'],
  initiative: { name: string; axis: ApplicationFields['initiative']['axis']; description: string },
  selected: boolean,
  comment: string,
  article?: DemoArticle,
): DemoEnterprise => ({
  fields: {
    company,
    contact,
    initiative: { ...initiative, website: demoWebsite(company.name), twitter: '', facebook: '', otherLinks: '' },
  },
  selected,
  comment,
  article,
});

export const DEMO_ENTERPRISES: DemoEnterprise[] = [
  e(
    {
      name: 'Ty Récup',
      address: '4 quai de la Douane',
      postalCode: '29200',
      city: 'Brest',
      region: 'Bretagne',
      department: 'Finistère',
    },
    { lastName: 'Le Goff', firstName: 'Maëlle', phone: '02 98 10 20 31', role: 'Coordinatrice' },
    {
      name: 'Les voiles de seconde vie',
      axis: 'environnement-economie',
      description:
        "Chaque hiver, les clubs nautiques de la rade remplacent des dizaines de voiles usées qui finissaient à la déchetterie. Depuis trois ans, notre atelier les collecte, les lave et les découpe pour fabriquer des sacs, des trousses et des bâches réparables. Six salariés en parcours d'insertion y apprennent la couture industrielle, la gestion des stocks et la vente en boutique. " +
        "Nous travaillons avec douze clubs, deux voileries et un lycée maritime qui nous confie ses chutes de tissu technique. En 2025, 4,2 tonnes de voiles ont été détournées de l'enfouissement et quatre salariés sur six ont trouvé un emploi durable à la sortie. " +
        "Prochaine étape : ouvrir l'atelier aux plaisanciers un samedi par mois pour qu'ils apprennent à réparer eux-mêmes leur matériel, et proposer nos sacs aux offices de tourisme du littoral. Nous cherchons aussi un second local pour stocker les voiles collectées pendant la saison, car la demande des clubs dépasse déjà ce que nous pouvons accueillir, et pour accueillir deux salariés de plus en parcours d'insertion dès l'an prochain.",
    },
    true,
    "Une filière locale exemplaire, et des résultats d'insertion remarquables.",
    {
      title: 'À Brest, les voiles usées des clubs nautiques deviennent des sacs et des emplois',
      lead: "Depuis trois ans, l'atelier Ty Récup collecte les voiles que les clubs nautiques de la rade ne peuvent plus utiliser. Lavées, découpées et cousues par des salariés en insertion, elles deviennent des sacs, des trousses et des bâches réparables.",
      body: [
        "Chaque hiver, les clubs nautiques de la rade de Brest remplacent des dizaines de voiles fatiguées par le sel et le vent. Il y a quelques années encore, elles finissaient à la déchetterie. Aujourd'hui, elles prennent le chemin de l'atelier de Ty Récup, quai de la Douane, où elles sont lavées, triées puis découpées.",
        "Douze clubs, deux voileries et un lycée maritime confient leurs voiles et leurs chutes de tissu technique à l'atelier. En 2025, 4,2 tonnes de voiles ont ainsi échappé à l'enfouissement.",
        "L'atelier est aussi un lieu d'apprentissage : six salariés en parcours d'insertion y apprennent la couture industrielle, la gestion des stocks et la vente en boutique. Quatre sur six ont trouvé un emploi durable à la fin de leur parcours.",
        "La suite se prépare déjà. Un samedi par mois, l'atelier ouvrira ses portes aux plaisanciers pour leur apprendre à réparer eux-mêmes leur matériel, et les sacs seront bientôt proposés dans les offices de tourisme du littoral. Ty Récup cherche enfin un second local pour stocker les voiles collectées pendant la saison et accueillir deux salariés de plus dès l'an prochain.",
      ],
      moreInfo:
        "L'atelier et sa boutique se trouvent 4 quai de la Douane, à Brest. Les clubs nautiques qui souhaitent donner leurs voiles usées peuvent contacter l'équipe de Ty Récup.",
      photos: [
        [2, "Découpe d'une voile dans l'atelier du quai de la Douane"],
        [1, 'Les voiles collectées auprès des clubs nautiques, avant le lavage'],
        [3, "Un salarié en parcours d'insertion à la machine à coudre industrielle"],
        [4, "Sacs et trousses en voile recyclée dans la boutique de l'atelier"],
      ],
      answer: { kind: 'approve' },
    },
  ),
  e(
    {
      name: 'Les Jardins de la Mosson',
      address: '12 chemin du Mas de Bouge',
      postalCode: '34080',
      city: 'Montpellier',
      region: 'Occitanie',
      department: 'Hérault',
    },
    { lastName: 'Ferrand', firstName: 'Julien', phone: '04 67 20 30 42', role: 'Directeur' },
    {
      name: 'Le panier du quartier',
      axis: 'environnement-economie',
      description:
        "Sur trois hectares en bordure de ville, notre chantier d'insertion cultive une quarantaine de légumes en agriculture biologique. Les récoltes partent chaque semaine dans des paniers vendus à prix solidaire aux habitants du quartier, dont un tiers bénéficient d'un tarif réduit financé par la métropole et deux bailleurs sociaux. " +
        "Les dix-huit jardiniers salariés suivent une formation aux métiers du maraîchage et de la logistique. Nous avons ouvert cette année un point de retrait au pied des immeubles, tenu par des bénévoles du centre social. Résultats : 310 familles abonnées, 22 tonnes de légumes produits et 70 % de sorties positives vers l'emploi ou la formation. " +
        "Nous voulons maintenant fournir la cantine de deux collèges voisins, ce qui suppose d'agrandir la chambre froide et d'organiser les livraisons avec une coopérative de transport. Les habitants participent déjà aux plantations de printemps et à une fête des récoltes chaque automne ; nous aimerions en faire un rendez-vous régulier, avec des ateliers de cuisine animés par les jardiniers eux-mêmes pour faire découvrir les légumes oubliés.",
    },
    true,
    'Bravo pour le lien entre alimentation de qualité et quartier populaire.',
    {
      title: 'Le panier du quartier : des légumes bio à prix solidaire au pied des immeubles',
      lead: "Aux portes de Montpellier, le chantier d'insertion des Jardins de la Mosson cultive trois hectares en agriculture biologique. Ses paniers nourrissent 310 familles du quartier, dont un tiers à tarif réduit.",
      body: [
        "Sur trois hectares en bordure de ville, une quarantaine de légumes poussent en agriculture biologique. Chaque semaine, la récolte des Jardins de la Mosson est répartie en paniers vendus aux habitants du quartier à un prix solidaire. Un tiers des familles abonnées bénéficient d'un tarif réduit, financé par la métropole et deux bailleurs sociaux.",
        "Le jardin est d'abord une école : les dix-huit jardiniers salariés y suivent une formation aux métiers du maraîchage et de la logistique. Sept sur dix trouvent ensuite un emploi ou entrent en formation.",
        'Depuis cette année, les paniers se retirent aussi au pied des immeubles, dans un point de retrait tenu par des bénévoles du centre social. En un an, 22 tonnes de légumes ont été produites pour 310 familles abonnées. Les habitants participent aux plantations de printemps et se retrouvent chaque automne pour la fête des récoltes.',
        "Prochaine étape : fournir la cantine de deux collèges voisins. Il faudra pour cela agrandir la chambre froide et organiser les livraisons avec une coopérative de transport. L'équipe veut aussi proposer des ateliers de cuisine animés par les jardiniers eux-mêmes, pour faire découvrir les légumes oubliés.",
      ],
      moreInfo:
        "Pour s'abonner aux paniers ou participer aux plantations de printemps, contactez l'équipe des Jardins de la Mosson, 12 chemin du Mas de Bouge, à Montpellier.",
      photos: [
        [1, 'Les parcelles de maraîchage en bordure de ville'],
        [3, 'Une jardinière salariée pendant la récolte'],
        [2, 'Préparation des paniers de la semaine'],
        [4, 'Le point de retrait au pied des immeubles'],
      ],
      answer: { kind: 'approve' },
    },
  ),
  e(
    {
      name: 'Clic Solidaire',
      address: '58 rue Gambetta',
      postalCode: '59000',
      city: 'Lille',
      region: 'Hauts-de-France',
      department: 'Nord',
    },
    { lastName: 'Dubois', firstName: 'Samia', phone: '03 20 40 50 63', role: 'Responsable pédagogique' },
    {
      name: 'Le numérique sans peur',
      axis: 'emploi-citoyennete',
      description:
        "Beaucoup de demandeurs d'emploi que nous accompagnons n'osent pas ouvrir une boîte mail ou remplir un dossier en ligne. Nous avons créé des ateliers de deux heures, en petits groupes, animés par d'anciens stagiaires devenus médiateurs numériques salariés de la structure. " +
        'Chaque participant repart avec un ordinateur reconditionné par notre atelier de réemploi, à un prix symbolique. Les ateliers se tiennent dans quatre médiathèques et deux centres sociaux de la métropole. En dix-huit mois, 640 personnes ont suivi le parcours complet, et neuf sur dix déclarent faire seules leurs démarches en ligne trois mois plus tard. ' +
        "Nous formons aussi les agents d'accueil des mairies et des caisses d'allocations familiales, pour qu'ils repèrent les personnes en difficulté et les orientent vers nos ateliers plutôt que de faire à leur place. L'an prochain, nous ouvrirons un parcours dédié aux parents, centré sur les espaces numériques des écoles et les démarches de santé, et nous mettrons en ligne des fiches pratiques très illustrées, imprimables, pour celles et ceux qui n'ont pas encore d'accès à Internet chez eux.",
    },
    true,
    '',
    {
      title: "À Lille, d'anciens stagiaires ouvrent le numérique à ceux qui n'osaient pas",
      lead: "Ouvrir une boîte mail, remplir un dossier en ligne : des gestes qui en bloquent beaucoup. Clic Solidaire propose des ateliers en petits groupes, animés par d'anciens stagiaires, et chaque participant repart avec un ordinateur.",
      body: [
        "Beaucoup de demandeurs d'emploi accompagnés par Clic Solidaire n'osaient pas ouvrir une boîte mail ni remplir un formulaire en ligne. Pour eux, la structure a conçu des ateliers de deux heures, en petits groupes, dans quatre médiathèques et deux centres sociaux de la métropole lilloise.",
        "Les animateurs sont d'anciens stagiaires, devenus médiateurs numériques salariés. Ils connaissent les appréhensions des participants pour les avoir vécues, et savent prendre le temps qu'il faut.",
        "À la fin du parcours, chaque participant repart avec un ordinateur reconditionné par l'atelier de réemploi de Clic Solidaire, pour un prix symbolique. En dix-huit mois, 640 personnes ont suivi le parcours complet ; trois mois plus tard, neuf sur dix font seules leurs démarches en ligne.",
        "Clic Solidaire forme aussi les agents d'accueil des mairies et des caisses d'allocations familiales, pour qu'ils repèrent les personnes en difficulté et les orientent vers les ateliers plutôt que de faire à leur place. L'an prochain, un parcours sera consacré aux parents, autour des espaces numériques des écoles et des démarches de santé, avec des fiches pratiques imprimables pour celles et ceux qui n'ont pas Internet chez eux.",
      ],
      moreInfo:
        'Les dates des prochains ateliers sont affichées dans les médiathèques et les centres sociaux partenaires de la métropole lilloise.',
      photos: [
        [1, 'Un atelier en petit groupe dans une médiathèque de la métropole'],
        [2, "Un médiateur numérique aux côtés d'une participante"],
        [4, "Remise d'un ordinateur reconditionné à la fin du parcours"],
        [3, "Les ordinateurs préparés par l'atelier de réemploi"],
      ],
      answer: { kind: 'approve' },
    },
  ),
  e(
    {
      name: 'Bois & Compagnie',
      address: '3 route de la Scierie',
      postalCode: '88100',
      city: 'Saint-Dié-des-Vosges',
      region: 'Grand Est',
      department: 'Vosges',
    },
    { lastName: 'Mangin', firstName: 'Pierre', phone: '03 29 50 60 74', role: 'Gérant' },
    {
      name: 'La filière bois des trois vallées',
      axis: 'mobilisation-cooperations',
      description:
        "Quand la dernière scierie de la vallée a fermé, les communes forestières, des artisans et notre entreprise d'insertion se sont associés pour la reprendre sous forme de coopérative. Le bois coupé localement est désormais scié, séché et transformé sur place en bardage, en mobilier scolaire et en charpentes pour les bâtiments publics. " +
        "La coopérative compte quarante-deux associés, dont onze communes et quinze salariés. Un fonds de territoire alimenté par l'épargne des habitants a financé le séchoir solaire. En deux ans, nous avons fourni neuf écoles et créé douze emplois, dont sept occupés par des personnes éloignées de l'emploi. " +
        "Les habitants peuvent visiter la scierie lors de journées portes ouvertes, et une classe du lycée professionnel y effectue chaque année ses stages. Prochaine étape : une gamme de mobilier pour les particuliers, vendue en circuit court, et un atelier de formation à la charpente traditionnelle pour transmettre des savoir-faire qui disparaissent. Nous étudions aussi avec l'Office national des forêts une gestion plus douce des parcelles communales, afin de préserver les sols et la biodiversité.",
    },
    false,
    'Un beau projet de coopération, que nous aimerions suivre lors de la prochaine édition.',
  ),
  e(
    {
      name: 'Conciergerie des Monts',
      address: '7 place du Marché',
      postalCode: '23000',
      city: 'Guéret',
      region: 'Nouvelle-Aquitaine',
      department: 'Creuse',
    },
    { lastName: 'Aubert', firstName: 'Claire', phone: '05 55 60 70 85', role: 'Chargée de développement' },
    {
      name: 'Une conciergerie pour les villages',
      axis: 'mobilisation-cooperations',
      description:
        'Dans nos villages, il faut souvent quarante minutes de route pour déposer un colis, faire réparer une chaussure ou récupérer un médicament. Notre conciergerie rurale passe deux fois par semaine dans vingt-trois communes avec une camionnette électrique, et rend ces services aux habitants comme aux salariés des entreprises du territoire. ' +
        "Les commerçants du chef-lieu sont partenaires, et les mairies mettent à disposition un local de dépôt. Quatre agents de conciergerie, recrutés en contrat d'insertion, assurent les tournées. En un an : 5 800 services rendus, 380 foyers inscrits et un service de portage de livres monté avec la médiathèque départementale. " +
        "Les agents connaissent chaque foyer et repèrent les personnes isolées, que nous signalons avec leur accord au centre communal d'action sociale. Nous voulons étendre les tournées à huit nouvelles communes, proposer un service de petites réparations à domicile et former deux agents au métier d'assistant administratif, pour aider les habitants dans leurs courriers et leurs démarches. La mutualisation du véhicule avec une association de soins infirmiers est à l'étude.",
    },
    true,
    'Un service simple et précieux pour les habitants, bravo.',
    {
      title: 'En Creuse, la conciergerie qui fait le tour des villages',
      lead: 'Deux fois par semaine, la camionnette électrique de la Conciergerie des Monts passe dans vingt-trois communes : colis, réparations, médicaments, livres. Un service simple qui épargne bien des kilomètres aux habitants.',
      body: [
        "Dans les villages autour de Guéret, déposer un colis, faire réparer une chaussure ou récupérer un médicament demande souvent quarante minutes de route. La Conciergerie des Monts a choisi d'aller au-devant des habitants : deux fois par semaine, sa camionnette électrique fait la tournée de vingt-trois communes.",
        "Le service s'adresse aux habitants comme aux salariés des entreprises du territoire. Les commerçants du chef-lieu sont partenaires, et les mairies prêtent un local où déposer et retirer les commandes. Avec la médiathèque départementale, la conciergerie a aussi monté un service de portage de livres.",
        "Quatre agents de conciergerie, recrutés en contrat d'insertion, assurent les tournées. En un an, ils ont rendu 5 800 services à 380 foyers inscrits. Ils connaissent chaque foyer et repèrent les personnes isolées, qu'ils signalent, avec leur accord, au centre communal d'action sociale.",
        "La Conciergerie des Monts veut maintenant étendre ses tournées à huit nouvelles communes, proposer de petites réparations à domicile et former deux agents au métier d'assistant administratif, pour aider les habitants dans leurs courriers et leurs démarches. Le partage de la camionnette avec une association de soins infirmiers est à l'étude.",
      ],
      moreInfo:
        'Pour vous inscrire ou connaître les jours de passage dans votre commune, adressez-vous à votre mairie ou à la Conciergerie des Monts, 7 place du Marché, à Guéret.',
      photos: [
        [1, 'La camionnette électrique en tournée dans un village'],
        [3, 'Un agent de conciergerie chez une habitante'],
        [2, 'Le local de dépôt prêté par une mairie'],
        [4, 'Les livres du portage, préparés avec la médiathèque départementale'],
      ],
      answer: { kind: 'approve' },
    },
  ),
  e(
    {
      name: 'Mécanique pour tous',
      address: '21 avenue Jean-Jaurès',
      postalCode: '38100',
      city: 'Grenoble',
      region: 'Auvergne-Rhône-Alpes',
      department: 'Isère',
    },
    { lastName: 'Rossi', firstName: 'Marco', phone: '04 76 70 80 96', role: 'Chef d’atelier' },
    {
      name: 'Le garage qui forme et qui répare',
      axis: 'emploi-citoyennete',
      description:
        "Notre garage solidaire répare à prix coûtant les voitures des personnes qui en ont besoin pour aller travailler : salariés aux horaires décalés, aides à domicile, demandeurs d'emploi qui reprennent une formation. L'atelier est aussi un lieu de formation aux métiers de la maintenance automobile, en lien avec le lycée professionnel voisin. " +
        "Dix mécaniciens en insertion y travaillent aux côtés de deux encadrants techniques. Nous proposons aussi des ateliers d'entretien où les clients apprennent à vérifier leur véhicule. En 2025, 1 150 véhicules ont été réparés, et huit des dix salariés sortis ont obtenu un titre professionnel. " +
        "Nous travaillons avec les entreprises d'aide à domicile du secteur, qui nous orientent leurs salariés et participent au financement des réparations les plus lourdes. Prochaine étape : une offre de location de véhicules à bas prix pour les personnes qui commencent un emploi, le temps de pouvoir acheter leur propre voiture, et un premier atelier consacré aux véhicules électriques, pour que nos mécaniciens en insertion se forment aux métiers de demain.",
    },
    true,
    '',
    {
      title: 'Le garage solidaire qui remet sur la route ceux qui vont travailler',
      lead: 'À Grenoble, Mécanique pour tous répare à prix coûtant les voitures des personnes qui en ont besoin pour travailler, et forme dans le même atelier des mécaniciens en insertion.',
      body: [
        'Pour une aide à domicile, un salarié aux horaires décalés ou une personne qui reprend une formation, une voiture en panne peut tout remettre en cause. Le garage solidaire Mécanique pour tous la répare à prix coûtant, avenue Jean-Jaurès, à Grenoble.',
        "L'atelier est aussi un lieu de formation aux métiers de la maintenance automobile, en lien avec le lycée professionnel voisin. Dix mécaniciens en insertion y travaillent aux côtés de deux encadrants techniques. En 2025, ils ont réparé 1 150 véhicules, et huit des dix salariés sortis ont obtenu un titre professionnel.",
        "Les clients ne font pas que déposer leur voiture : lors d'ateliers d'entretien, ils apprennent à la vérifier eux-mêmes. Les entreprises d'aide à domicile du secteur orientent leurs salariés vers le garage et participent au financement des réparations les plus lourdes.",
        "Prochaines étapes : louer des véhicules à bas prix aux personnes qui commencent un emploi, le temps qu'elles puissent acheter leur propre voiture, et ouvrir un premier atelier consacré aux véhicules électriques, pour former les mécaniciens aux métiers de demain.",
      ],
      photos: [
        [1, "L'atelier du garage solidaire, avenue Jean-Jaurès"],
        [2, 'Un mécanicien en insertion et son encadrant technique'],
        [3, "Atelier d'entretien : vérifier soi-même son véhicule"],
        [4, 'Une voiture réparée, prête à reprendre la route'],
      ],
      // The enterprise does not answer before the validation end: its initiative is not published (the weekly reminders go to it).
      answer: { kind: 'none' },
    },
  ),
  e(
    {
      name: 'La Navette des Villages',
      address: '15 rue Carnot',
      postalCode: '84000',
      city: 'Avignon',
      region: "Provence-Alpes-Côte d'Azur",
      department: 'Vaucluse',
    },
    { lastName: 'Garcia', firstName: 'Lucie', phone: '04 90 80 90 07', role: 'Directrice adjointe' },
    {
      name: 'Se déplacer sans voiture',
      axis: 'mobilisation-cooperations',
      description:
        "Sans permis ou sans voiture, il est presque impossible d'accéder à un emploi ou à un rendez-vous médical depuis les villages du plateau. Nous avons monté avec la communauté de communes, deux transporteurs et une plateforme de covoiturage un service de navettes à la demande, réservables par téléphone la veille. " +
        "Les chauffeurs sont des salariés en parcours d'insertion, formés au transport de personnes et au premier secours. Une monnaie locale permet aux commerçants d'offrir des trajets à leurs clients âgés. Depuis l'ouverture, 9 400 trajets ont été assurés et 64 personnes ont pu accepter un emploi grâce à la navette. " +
        "Le service est piloté par un comité qui réunit usagers, élus, transporteurs et employeurs ; il se réunit chaque trimestre pour ajuster les horaires et les circuits. Nous préparons l'extension à la vallée voisine et l'achat de deux véhicules adaptés aux fauteuils roulants. Nous voulons aussi proposer aux lycéens des trajets vers les stages et les entretiens d'apprentissage, qu'ils ne peuvent souvent pas atteindre aujourd'hui faute de transport.",
    },
    true,
    'La coopération entre acteurs publics et privés est remarquable.',
    {
      title: 'Sans voiture, mais plus sans solution : la navette à la demande du plateau',
      lead: "Dans le Vaucluse, La Navette des Villages propose des trajets à la demande, réservés la veille par téléphone. Depuis l'ouverture, 9 400 trajets ont été assurés et 64 personnes ont pu accepter un emploi.",
      body: [
        "Sans permis ou sans voiture, rejoindre un emploi ou un rendez-vous médical depuis les villages du plateau relevait presque de l'impossible. La Navette des Villages a monté, avec la communauté de communes, deux transporteurs et une plateforme de covoiturage, un service de navettes à la demande : il suffit de réserver par téléphone la veille.",
        "Les chauffeurs sont des salariés en parcours d'insertion, formés au transport de personnes et aux premiers secours. Une monnaie locale permet aux commerçants d'offrir des trajets à leurs clients âgés.",
        "Depuis l'ouverture, 9 400 trajets ont été assurés, et 64 personnes ont pu accepter un emploi grâce à la navette. Le service est piloté par un comité qui réunit chaque trimestre usagers, élus, transporteurs et employeurs pour ajuster les horaires et les circuits.",
        "L'extension à la vallée voisine se prépare, avec l'achat de deux véhicules adaptés aux fauteuils roulants. La Navette des Villages veut aussi conduire les lycéens vers leurs stages et leurs entretiens d'apprentissage, qu'ils ne peuvent souvent pas rejoindre aujourd'hui faute de transport.",
      ],
      moreInfo:
        'Les réservations se font par téléphone, au plus tard la veille du trajet. Le comité des usagers est ouvert à tous les habitants du plateau.',
      photos: [
        [2, "Une navette au départ d'un village du plateau"],
        [1, "Un chauffeur salarié en parcours d'insertion"],
        [4, 'Montée à bord pour un rendez-vous médical'],
        [3, 'La réunion trimestrielle du comité des usagers'],
      ],
      answer: { kind: 'approve' },
    },
  ),
  e(
    {
      name: 'Couture Cité',
      address: '9 rue de Bayeux',
      postalCode: '14000',
      city: 'Caen',
      region: 'Normandie',
      department: 'Calvados',
    },
    { lastName: 'Lefèvre', firstName: 'Aïcha', phone: '02 31 90 10 18', role: 'Présidente' },
    {
      name: 'Des fils et des droits',
      axis: 'emploi-citoyennete',
      description:
        "Notre atelier de couture emploie vingt femmes, pour la plupart cheffes de famille, qui n'avaient jamais travaillé en France. Nous y fabriquons des tenues professionnelles pour des collectivités et des hôpitaux de la région, à partir de tissus certifiés. " +
        "À côté de la production, chaque salariée suit des cours de français, un accompagnement sur ses droits et une formation à la prise de parole. Trois salariées siègent au conseil d'administration, et les décisions d'organisation du travail se prennent en réunion mensuelle. En deux ans, quatorze femmes ont obtenu un CDI et six ont passé leur permis de conduire. " +
        "Nous avons aussi mis en place une garde d'enfants partagée avec la crèche du quartier, pour que les horaires de travail ne soient plus un obstacle. L'an prochain, nous voulons lancer une petite marque de vêtements de travail pensés avec les salariées elles-mêmes, plus confortables et adaptés à toutes les morphologies, et former deux salariées au métier de cheffe d'atelier pour qu'elles prennent la relève de l'encadrement actuel.",
    },
    true,
    'Un projet fort sur l’égalité et le pouvoir d’agir des salariées.',
    {
      title: "Couture Cité : un atelier où l'on coud des tenues et où l'on gagne des droits",
      lead: 'À Caen, vingt femmes, pour la plupart cheffes de famille, fabriquent des tenues professionnelles pour des collectivités et des hôpitaux. À côté de la production : cours de français, accompagnement sur leurs droits et formation à la prise de parole.',
      body: [
        "Couture Cité emploie vingt femmes qui n'avaient jamais travaillé en France. Dans l'atelier de la rue de Bayeux, à Caen, elles fabriquent à partir de tissus certifiés des tenues professionnelles pour des collectivités et des hôpitaux de la région.",
        "Le travail ne s'arrête pas à la production. Chaque salariée suit des cours de français, un accompagnement sur ses droits et une formation à la prise de parole. Trois salariées siègent au conseil d'administration, et l'organisation du travail se décide ensemble, en réunion mensuelle.",
        'Les résultats sont là : en deux ans, quatorze femmes ont obtenu un CDI et six ont passé leur permis de conduire.',
        "L'an prochain, l'atelier veut lancer une petite marque de vêtements de travail pensés avec les salariées elles-mêmes, plus confortables et adaptés à toutes les morphologies, et former deux salariées au métier de cheffe d'atelier pour prendre la relève de l'encadrement.",
      ],
      photos: [
        [1, "Nos couturières dans l'atelier de la rue de Bayeux"],
        [2, "Coupe d'une tenue professionnelle dans un tissu certifié"],
        [3, 'Cours de français entre deux séries de production'],
        [4, "La réunion mensuelle sur l'organisation du travail"],
      ],
      // The enterprise asks for changes; the team sends a second version, which it approves.
      answer: {
        kind: 'changes',
        comments:
          "Merci pour cet article, il nous ressemble. Deux demandes : pourriez-vous parler de la garde d'enfants partagée avec la crèche du quartier, qui compte beaucoup pour les salariées ? Et pour la première photo, nous préférerions la légende « L'équipe de l'atelier, rue de Bayeux » : toutes les personnes photographiées ne sont pas couturières.",
        revised: {
          body: [
            "Couture Cité emploie vingt femmes qui n'avaient jamais travaillé en France. Dans l'atelier de la rue de Bayeux, à Caen, elles fabriquent à partir de tissus certifiés des tenues professionnelles pour des collectivités et des hôpitaux de la région.",
            "Le travail ne s'arrête pas à la production. Chaque salariée suit des cours de français, un accompagnement sur ses droits et une formation à la prise de parole. Trois salariées siègent au conseil d'administration, et l'organisation du travail se décide ensemble, en réunion mensuelle.",
            "Pour que les horaires ne soient plus un obstacle, l'atelier a mis en place avec la crèche du quartier une garde d'enfants partagée. Les résultats sont là : en deux ans, quatorze femmes ont obtenu un CDI et six ont passé leur permis de conduire.",
            "L'an prochain, l'atelier veut lancer une petite marque de vêtements de travail pensés avec les salariées elles-mêmes, plus confortables et adaptés à toutes les morphologies, et former deux salariées au métier de cheffe d'atelier pour prendre la relève de l'encadrement.",
          ],
          photos: [
            [1, "L'équipe de l'atelier, rue de Bayeux"],
            [2, "Coupe d'une tenue professionnelle dans un tissu certifié"],
            [3, 'Cours de français entre deux séries de production'],
            [4, "La réunion mensuelle sur l'organisation du travail"],
          ],
        },
      },
    },
  ),
  e(
    {
      name: 'Les Toits Solaires du Maine',
      address: '2 boulevard Demorieux',
      postalCode: '72000',
      city: 'Le Mans',
      region: 'Pays de la Loire',
      department: 'Sarthe',
    },
    { lastName: 'Moreau', firstName: 'Thomas', phone: '02 43 10 20 29', role: 'Animateur' },
    {
      name: 'Une centrale solaire citoyenne',
      axis: 'environnement-economie',
      description:
        "Trois cent douze habitants, quatre communes et notre entreprise d'insertion ont financé ensemble des panneaux solaires sur les toits de huit bâtiments publics : gymnases, écoles et ateliers municipaux. L'électricité produite est vendue localement, et les bénéfices alimentent un fonds qui aide les familles modestes à rénover leur logement. " +
        "Nos salariés en insertion assurent l'entretien des installations et les visites pédagogiques pour les écoles, après une formation aux métiers de l'énergie. La centrale produit l'équivalent de la consommation de 190 foyers, et 37 logements ont déjà été rénovés grâce au fonds. " +
        "Chaque année, une assemblée des sociétaires décide de l'usage des bénéfices et des prochains toits à équiper ; plus de cent personnes y participent. Nous préparons une deuxième tranche sur des bâtiments agricoles, en partenariat avec la chambre d'agriculture, et un programme de sensibilisation aux économies d'énergie mené par nos salariés dans les écoles primaires, avec des mesures de consommation réalisées par les élèves eux-mêmes.",
    },
    false,
    'Merci pour ce beau projet ; nous avons dû faire des choix difficiles cette année.',
  ),
  e(
    {
      name: 'Le Tiers-Lieu du Canal',
      address: '30 quai du Berry',
      postalCode: '18000',
      city: 'Bourges',
      region: 'Centre-Val de Loire',
      department: 'Cher',
    },
    { lastName: 'Girard', firstName: 'Nadia', phone: '02 48 20 30 31', role: 'Coordinatrice' },
    {
      name: 'Une ancienne écluse devenue tiers-lieu',
      axis: 'mobilisation-cooperations',
      description:
        "La maison éclusière abandonnée au bord du canal est devenue un tiers-lieu porté par une coopérative d'intérêt collectif réunissant habitants, associations, artisans et la commune. On y trouve un café associatif, un atelier de réparation de vélos, des bureaux partagés et une épicerie en vrac. " +
        "Les travaux de rénovation ont été réalisés par un chantier d'insertion du bâtiment, et six postes pérennes ont été créés pour faire vivre le lieu. Chaque mois, une soirée ouverte permet aux habitants de proposer de nouveaux projets. En un an, le lieu a accueilli 14 000 visiteurs et vingt-cinq associations. " +
        "Le tiers-lieu accueille aussi des permanences de services publics : emploi, droits sociaux, accès au numérique, pour les habitants des villages alentour qui n'avaient plus de guichet à proximité. Prochaine étape : aménager la grange voisine en atelier partagé pour les artisans, et ouvrir une halte pour les cyclistes de la véloroute, afin que le canal redevienne un lieu de passage et de rencontre tout au long de l'année.",
    },
    true,
    '',
    {
      title: 'Au bord du canal de Berry, une maison éclusière devenue tiers-lieu',
      lead: "Café associatif, atelier vélo, bureaux partagés, épicerie en vrac : à Bourges, l'ancienne maison éclusière revit grâce à une coopérative qui réunit habitants, associations, artisans et commune.",
      body: [
        "Longtemps abandonnée, la maison éclusière du quai du Berry est devenue un tiers-lieu. Il est porté par une société coopérative d'intérêt collectif qui réunit des habitants, des associations, des artisans et la commune. On y trouve un café associatif, un atelier de réparation de vélos, des bureaux partagés et une épicerie en vrac.",
        "Les travaux de rénovation ont été réalisés par un chantier d'insertion du bâtiment, et six postes pérennes ont été créés pour faire vivre le lieu. Chaque mois, une soirée ouverte permet aux habitants de proposer de nouveaux projets. En un an, le tiers-lieu a accueilli 14 000 visiteurs et vingt-cinq associations.",
        "Le lieu accueille aussi des permanences de services publics (emploi, droits sociaux, accès au numérique) pour les habitants des villages alentour, qui n'avaient plus de guichet à proximité.",
        "Prochaine étape : aménager la grange voisine en atelier partagé pour les artisans, et ouvrir une halte pour les cyclistes de la véloroute, afin que le canal redevienne un lieu de passage et de rencontre toute l'année.",
      ],
      moreInfo:
        'Le tiers-lieu se trouve 30 quai du Berry, à Bourges. Les soirées ouvertes ont lieu chaque mois : chacun peut y venir présenter un projet.',
      photos: [
        [1, 'La maison éclusière rénovée, au bord du canal'],
        [2, 'Le café associatif, un soir de rencontre'],
        [3, "L'atelier de réparation de vélos"],
        [4, "L'épicerie en vrac du tiers-lieu"],
      ],
      answer: { kind: 'approve' },
    },
  ),
  e(
    {
      name: 'Cantine des Coteaux',
      address: '5 rue du Jura',
      postalCode: '39000',
      city: 'Lons-le-Saunier',
      region: 'Bourgogne-Franche-Comté',
      department: 'Jura',
    },
    { lastName: 'Vuillemin', firstName: 'Élodie', phone: '03 84 30 40 42', role: 'Responsable de cuisine' },
    {
      name: 'La cuisine des producteurs',
      axis: 'environnement-economie',
      description:
        "Notre cuisine centrale prépare chaque jour 1 200 repas pour les écoles, les crèches et une maison de retraite du bassin, avec des produits achetés à vingt-huit fermes situées à moins de cinquante kilomètres. Les menus suivent les saisons, et les restes sont transformés ou donnés à une association d'aide alimentaire. " +
        "L'équipe compte quatorze salariés, dont huit en parcours d'insertion formés aux métiers de la restauration collective. Nous organisons aussi des visites de fermes pour les enfants. Résultat : 72 % de produits locaux, un gaspillage réduit de moitié et cinq salariés recrutés par des restaurants du territoire. " +
        "Nous accompagnons aussi les fermes partenaires pour planifier leurs cultures en fonction de nos menus, ce qui leur garantit des débouchés stables et un prix juste fixé à l'avance. Prochaine étape : une légumerie pour préparer les légumes bruts sur place, qui créera quatre emplois, et l'ouverture de la cuisine aux associations le week-end pour des ateliers de cuisine avec les familles, autour des produits de saison et des petits budgets.",
    },
    true,
    'Un modèle de circuit court à grande échelle.',
    {
      title: '1 200 repas par jour, cuisinés avec vingt-huit fermes du Jura',
      lead: 'À Lons-le-Saunier, la cuisine centrale de la Cantine des Coteaux nourrit écoles, crèches et une maison de retraite avec des produits achetés à moins de cinquante kilomètres. Elle forme au passage des salariés en insertion.',
      body: [
        'Chaque jour, la cuisine centrale de la Cantine des Coteaux prépare 1 200 repas pour les écoles, les crèches et une maison de retraite du bassin de Lons-le-Saunier. Les produits viennent de vingt-huit fermes situées à moins de cinquante kilomètres, et les menus suivent les saisons.',
        "Rien ne se perd : les restes sont transformés ou donnés à une association d'aide alimentaire. Le gaspillage a été réduit de moitié, et 72 % des produits servis sont locaux. Les enfants, eux, découvrent d'où vient ce qu'ils mangent lors de visites de fermes.",
        "L'équipe compte quatorze salariés, dont huit en parcours d'insertion formés aux métiers de la restauration collective ; cinq ont déjà été recrutés par des restaurants du territoire. La cuisine aide aussi les fermes partenaires à planifier leurs cultures selon les menus, ce qui leur garantit des débouchés stables et un prix juste, fixé à l'avance.",
        "Prochaine étape : une légumerie pour préparer sur place les légumes bruts, qui créera quatre emplois, et l'ouverture de la cuisine aux associations le week-end, pour des ateliers avec les familles autour des produits de saison et des petits budgets.",
      ],
      photos: [
        [2, 'Livraison de légumes par une ferme partenaire'],
        [1, 'La cuisine centrale pendant la préparation du déjeuner'],
        [3, "Une salariée en parcours d'insertion au poste de préparation"],
        [4, "Visite d'une ferme avec une classe"],
      ],
      answer: { kind: 'approve' },
    },
  ),
  e(
    {
      name: 'Lire Ensemble 93',
      address: '11 rue de la République',
      postalCode: '93200',
      city: 'Saint-Denis',
      region: 'Île-de-France',
      department: 'Seine-Saint-Denis',
    },
    { lastName: 'Diallo', firstName: 'Moussa', phone: '01 48 40 50 53', role: 'Délégué général' },
    {
      name: 'Des mots pour travailler',
      axis: 'emploi-citoyennete',
      description:
        "Dans les entreprises de propreté et de logistique de notre territoire, beaucoup de salariés n'ont jamais appris à lire ou à écrire couramment le français. Avec trois employeurs et l'organisme paritaire de formation, nous avons conçu des cours sur le temps de travail, dans les locaux de l'entreprise, à partir des documents du quotidien : consignes, fiches de paie, plannings. " +
        "Les formateurs sont d'anciens apprenants devenus salariés de l'association. En deux ans, 210 salariés ont suivi le parcours, 46 ont obtenu une certification de compétences et plusieurs ont été promus chefs d'équipe. " +
        "Les entreprises partenaires constatent moins d'accidents du travail et une meilleure autonomie des équipes, et deux nouvelles entreprises ont rejoint le programme cette année. Nous voulons maintenant adapter le parcours aux métiers de l'aide à domicile, où les écrits professionnels sont nombreux, et former des tuteurs dans chaque entreprise, pour que l'apprentissage continue au quotidien entre collègues, bien après la fin des cours.",
    },
    true,
    'Une réponse concrète à l’illettrisme au travail.',
    {
      title: 'Apprendre à lire au travail, avec les documents du quotidien',
      lead: "En Seine-Saint-Denis, Lire Ensemble 93 donne des cours de lecture et d'écriture sur le temps de travail, dans les entreprises de propreté et de logistique. 210 salariés ont déjà suivi le parcours.",
      body: [
        "Dans les entreprises de propreté et de logistique du territoire, beaucoup de salariés n'ont jamais appris à lire ou à écrire couramment le français. Avec trois employeurs et l'organisme paritaire de formation, Lire Ensemble 93 a conçu des cours donnés sur le temps de travail, dans les locaux mêmes de l'entreprise.",
        "On y apprend à partir des documents du quotidien : consignes, fiches de paie, plannings. Les formateurs sont d'anciens apprenants, devenus salariés de l'association.",
        "En deux ans, 210 salariés ont suivi le parcours, 46 ont obtenu une certification de compétences et plusieurs sont devenus chefs d'équipe. Les entreprises partenaires constatent moins d'accidents du travail et des équipes plus autonomes ; deux nouvelles entreprises ont rejoint le programme cette année.",
        "L'association veut maintenant adapter le parcours aux métiers de l'aide à domicile, où les écrits professionnels sont nombreux, et former des tuteurs dans chaque entreprise, pour que l'apprentissage continue au quotidien entre collègues, bien après la fin des cours.",
      ],
      moreInfo:
        'Les employeurs qui souhaitent proposer le parcours à leurs salariés peuvent contacter Lire Ensemble 93, 11 rue de la République, à Saint-Denis.',
      photos: [
        [1, "Un cours dans les locaux d'une entreprise partenaire"],
        [3, 'Un formateur, ancien apprenant, avec un groupe de salariés'],
        [2, 'Travail sur une fiche de consignes'],
        [4, 'La remise des certifications de compétences'],
      ],
      answer: { kind: 'approve' },
    },
  ),
];

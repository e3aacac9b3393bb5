import type { ApplicationFields } from '../../functions/domain/application.ts';

/**
 * Twelve fictional enterprises for `npm run demo`, written for the demo (any resemblance to a real
 * structure is fortuitous): different regions, the three axes, realistic lengths. Addresses use
 * example.org for email and web.
 */

interface DemoEnterprise {
  fields: Omit<ApplicationFields, 'contact'> & { contact: Omit<ApplicationFields['contact'], 'email'> };
  /** The team's decision in the demo. */
  selected: boolean;
  comment: string;
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

const e = (
  company: ApplicationFields['company'],
  contact: DemoEnterprise['fields']['contact'],
  initiative: { name: string; axis: ApplicationFields['initiative']['axis']; description: string },
  selected: boolean,
  comment: string,
): DemoEnterprise => ({
  fields: { company, contact, initiative: { ...initiative, website: demoWebsite(company.name), twitter: '', facebook: '', otherLinks: '' } },
  selected,
  comment,
});

export const DEMO_ENTERPRISES: DemoEnterprise[] = [
  e(
    { name: 'Ty Récup', address: '4 quai de la Douane', postalCode: '29200', city: 'Brest', region: 'Bretagne', department: 'Finistère' },
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
  ),
  e(
    { name: 'Les Jardins de la Mosson', address: '12 chemin du Mas de Bouge', postalCode: '34080', city: 'Montpellier', region: 'Occitanie', department: 'Hérault' },
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
  ),
  e(
    { name: 'Clic Solidaire', address: '58 rue Gambetta', postalCode: '59000', city: 'Lille', region: 'Hauts-de-France', department: 'Nord' },
    { lastName: 'Dubois', firstName: 'Samia', phone: '03 20 40 50 63', role: 'Responsable pédagogique' },
    {
      name: 'Le numérique sans peur',
      axis: 'emploi-citoyennete',
      description:
        "Beaucoup de demandeurs d'emploi que nous accompagnons n'osent pas ouvrir une boîte mail ou remplir un dossier en ligne. Nous avons créé des ateliers de deux heures, en petits groupes, animés par d'anciens stagiaires devenus médiateurs numériques salariés de la structure. " +
        "Chaque participant repart avec un ordinateur reconditionné par notre atelier de réemploi, à un prix symbolique. Les ateliers se tiennent dans quatre médiathèques et deux centres sociaux de la métropole. En dix-huit mois, 640 personnes ont suivi le parcours complet, et neuf sur dix déclarent faire seules leurs démarches en ligne trois mois plus tard. " +
        "Nous formons aussi les agents d'accueil des mairies et des caisses d'allocations familiales, pour qu'ils repèrent les personnes en difficulté et les orientent vers nos ateliers plutôt que de faire à leur place. L'an prochain, nous ouvrirons un parcours dédié aux parents, centré sur les espaces numériques des écoles et les démarches de santé, et nous mettrons en ligne des fiches pratiques très illustrées, imprimables, pour celles et ceux qui n'ont pas encore d'accès à Internet chez eux.",
    },
    true,
    '',
  ),
  e(
    { name: 'Bois & Compagnie', address: '3 route de la Scierie', postalCode: '88100', city: 'Saint-Dié-des-Vosges', region: 'Grand Est', department: 'Vosges' },
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
    { name: 'Conciergerie des Monts', address: '7 place du Marché', postalCode: '23000', city: 'Guéret', region: 'Nouvelle-Aquitaine', department: 'Creuse' },
    { lastName: 'Aubert', firstName: 'Claire', phone: '05 55 60 70 85', role: 'Chargée de développement' },
    {
      name: 'Une conciergerie pour les villages',
      axis: 'mobilisation-cooperations',
      description:
        "Dans nos villages, il faut souvent quarante minutes de route pour déposer un colis, faire réparer une chaussure ou récupérer un médicament. Notre conciergerie rurale passe deux fois par semaine dans vingt-trois communes avec une camionnette électrique, et rend ces services aux habitants comme aux salariés des entreprises du territoire. " +
        "Les commerçants du chef-lieu sont partenaires, et les mairies mettent à disposition un local de dépôt. Quatre agents de conciergerie, recrutés en contrat d'insertion, assurent les tournées. En un an : 5 800 services rendus, 380 foyers inscrits et un service de portage de livres monté avec la médiathèque départementale. " +
        "Les agents connaissent chaque foyer et repèrent les personnes isolées, que nous signalons avec leur accord au centre communal d'action sociale. Nous voulons étendre les tournées à huit nouvelles communes, proposer un service de petites réparations à domicile et former deux agents au métier d'assistant administratif, pour aider les habitants dans leurs courriers et leurs démarches. La mutualisation du véhicule avec une association de soins infirmiers est à l'étude.",
    },
    true,
    'Un service simple et précieux pour les habitants, bravo.',
  ),
  e(
    { name: 'Mécanique pour tous', address: '21 avenue Jean-Jaurès', postalCode: '38100', city: 'Grenoble', region: 'Auvergne-Rhône-Alpes', department: 'Isère' },
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
  ),
  e(
    { name: 'La Navette des Villages', address: '15 rue Carnot', postalCode: '84000', city: 'Avignon', region: "Provence-Alpes-Côte d'Azur", department: 'Vaucluse' },
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
  ),
  e(
    { name: 'Couture Cité', address: '9 rue de Bayeux', postalCode: '14000', city: 'Caen', region: 'Normandie', department: 'Calvados' },
    { lastName: 'Lefèvre', firstName: 'Aïcha', phone: '02 31 90 10 18', role: 'Présidente' },
    {
      name: "Des fils et des droits",
      axis: 'emploi-citoyennete',
      description:
        "Notre atelier de couture emploie vingt femmes, pour la plupart cheffes de famille, qui n'avaient jamais travaillé en France. Nous y fabriquons des tenues professionnelles pour des collectivités et des hôpitaux de la région, à partir de tissus certifiés. " +
        "À côté de la production, chaque salariée suit des cours de français, un accompagnement sur ses droits et une formation à la prise de parole. Trois salariées siègent au conseil d'administration, et les décisions d'organisation du travail se prennent en réunion mensuelle. En deux ans, quatorze femmes ont obtenu un CDI et six ont passé leur permis de conduire. " +
        "Nous avons aussi mis en place une garde d'enfants partagée avec la crèche du quartier, pour que les horaires de travail ne soient plus un obstacle. L'an prochain, nous voulons lancer une petite marque de vêtements de travail pensés avec les salariées elles-mêmes, plus confortables et adaptés à toutes les morphologies, et former deux salariées au métier de cheffe d'atelier pour qu'elles prennent la relève de l'encadrement actuel.",
    },
    true,
    'Un projet fort sur l’égalité et le pouvoir d’agir des salariées.',
  ),
  e(
    { name: 'Les Toits Solaires du Maine', address: '2 boulevard Demorieux', postalCode: '72000', city: 'Le Mans', region: 'Pays de la Loire', department: 'Sarthe' },
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
    { name: 'Le Tiers-Lieu du Canal', address: '30 quai du Berry', postalCode: '18000', city: 'Bourges', region: 'Centre-Val de Loire', department: 'Cher' },
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
  ),
  e(
    { name: 'Cantine des Coteaux', address: '5 rue du Jura', postalCode: '39000', city: 'Lons-le-Saunier', region: 'Bourgogne-Franche-Comté', department: 'Jura' },
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
  ),
  e(
    { name: 'Lire Ensemble 93', address: '11 rue de la République', postalCode: '93200', city: 'Saint-Denis', region: 'Île-de-France', department: 'Seine-Saint-Denis' },
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
  ),
];

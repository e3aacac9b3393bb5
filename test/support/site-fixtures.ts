import sharp from 'sharp';
import type { Article, PublishedInitiative, PublishedPhoto } from '../../functions/domain/article.ts';
import { AXES } from '../../functions/domain/axes.ts';
import type { Campaign } from '../../functions/domain/campaign.ts';
import type { SiteInput } from '../../functions/domain/site/index.ts';
import { resultsByAxis } from '../../functions/domain/votes.ts';

/**
 * A realistic showcase for the tests and the bench: one launched campaign and six fictional
 * initiatives (two per axis, in five regions), written for the tests. Photos are described by
 * their variants' keys; `fixtureMedia` renders real variants for browser runs.
 */

export const FIXTURE_NOW = new Date('2028-05-20T08:00:00Z');

export const fixtureCampaign = (overrides: Partial<Campaign> = {}): Campaign => ({
  id: 'campagne-2028',
  title: "Nos territoires ont de l'avenir 2028",
  phase: 'launched',
  dates: {
    open: '2028-01-10T09:00:00+01:00',
    deadline: '2028-02-29T23:59:59+01:00',
    notification: '2028-03-15T09:00:00+01:00',
    validationEnd: '2028-05-12T23:59:59+02:00',
    launch: '2028-05-16T09:00:00+02:00',
    votingClose: '2028-06-30T23:59:59+02:00',
  },
  photoCount: 4,
  target: 50,
  reminderOffsets: [14, 3, 1],
  axes: AXES.map((a) => ({ ...a })),
  ...overrides,
});

type Shape = 'landscape' | 'portrait';
const SHAPES: Record<Shape, { width: number; height: number }[]> = {
  landscape: [
    { width: 400, height: 267 },
    { width: 800, height: 533 },
    { width: 1600, height: 1067 },
  ],
  portrait: [
    { width: 400, height: 533 },
    { width: 800, height: 1067 },
    { width: 1200, height: 1600 },
  ],
};

export function fixturePhoto(
  applicationId: string,
  slot: number,
  caption: string,
  credit: string,
  shape: Shape = 'landscape',
): PublishedPhoto {
  const sizes = SHAPES[shape];
  const uploadId = `20280201T1000${slot}0Z-${applicationId.slice(0, 4)}`;
  return {
    slot,
    width: sizes.at(-1)!.width,
    height: sizes.at(-1)!.height,
    caption,
    credit,
    variants: sizes.flatMap(({ width, height }) =>
      (['jpeg', 'webp'] as const).map((format) => ({
        width,
        height,
        format,
        key: `media/${applicationId}/${slot}/${uploadId}/${width}.${format === 'jpeg' ? 'jpg' : 'webp'}`,
      })),
    ),
  };
}

interface Spec {
  id: string;
  axis: (typeof AXES)[number]['id'];
  company: PublishedInitiative['company'];
  website?: string;
  article: Omit<Article, 'photoOrder' | 'photoTexts'>;
  photos: [caption: string, credit: string, shape?: Shape][];
  approvedAt: string;
}

const SPECS: Spec[] = [
  {
    id: 'f1a0c3e2-0001-4a5b-9c1d-000000000001',
    axis: 'emploi-citoyennete',
    company: {
      name: 'La Rustine solidaire',
      city: 'Lons-le-Saunier',
      region: 'Bourgogne-Franche-Comté',
      department: 'Jura',
    },
    website: 'https://larustine.example.org',
    article: {
      title: "Un atelier vélo pour reprendre la route de l'emploi",
      lead: "À Lons-le-Saunier, La Rustine solidaire remet en selle les vélos oubliés des déchetteries et, avec eux, des personnes qui n'avaient plus de moyen de se rendre au travail.",
      body:
        "Tout part d'un constat fait par les conseillères en insertion du Jura : faute de voiture ou de bus aux bonnes heures, des personnes renoncent à un emploi à quelques kilomètres de chez elles. La Rustine solidaire a ouvert en 2024 un atelier où douze salariés en parcours d'insertion réparent les vélos collectés dans les déchetteries de l'agglomération.\n\n" +
        "Les vélos remis en état sont loués 5 euros par mois aux personnes orientées par Pôle emploi, la mission locale ou les centres sociaux. Chaque location comprend un antivol, un gilet et une heure d'apprentissage de la conduite en ville pour celles et ceux qui n'ont jamais roulé.\n\n" +
        "En deux ans, 240 vélos ont repris la route et 96 personnes en ont bénéficié : 58 ont accepté un emploi ou une formation qu'elles auraient dû refuser. Quatre salariés de l'atelier ont obtenu le certificat de qualification professionnelle de mécanicien cycle et travaillent aujourd'hui chez des vélocistes du département.",
      moreInfo:
        "La Rustine solidaire est un atelier et chantier d'insertion créé par trois associations de l'agglomération. Elle travaille avec la communauté d'agglomération, qui lui confie les vélos collectés, et avec deux vélocistes qui accueillent ses salariés en stage.",
      links: [{ label: 'La Rustine sur les réseaux sociaux', url: 'https://social.example.org/@larustine' }],
    },
    photos: [
      ["Dans l'atelier, un salarié règle le dérailleur d'un vélo de ville", 'Camille Perret'],
      ['Une rangée de vélos révisés, prêts à être loués', 'Camille Perret'],
      ['Séance de conduite en ville pour les nouveaux cyclistes', 'La Rustine solidaire'],
    ],
    approvedAt: '2028-04-03T10:00:00.000Z',
  },
  {
    id: 'f1a0c3e2-0002-4a5b-9c1d-000000000002',
    axis: 'emploi-citoyennete',
    company: { name: 'Les Tabliers du Mirail', city: 'Toulouse', region: 'Occitanie', department: 'Haute-Garonne' },
    article: {
      title: 'Des cuisinières formées au cœur du quartier',
      lead: 'Au Mirail, un restaurant d’insertion forme chaque année vingt habitantes et habitants aux métiers de la cuisine, avec un diplôme à la clé.',
      body:
        "Les Tabliers du Mirail tiennent depuis 2021 le restaurant du centre social du quartier : 120 repas par jour, servis aux habitants, aux agents des services municipaux voisins et aux salariés des entreprises de la zone d'activités. Derrière les fourneaux, des personnes qui n'avaient pour la plupart jamais travaillé en cuisine.\n\n" +
        "Chaque parcours dure dix mois. Les salariés alternent le service, des cours avec un organisme de formation partenaire et des stages chez des restaurateurs de l'agglomération, qui peinent à recruter. Une accompagnatrice les aide en parallèle pour le logement, la garde des enfants ou les démarches administratives.\n\n" +
        "Sur les trois dernières promotions, 52 des 61 salariés ont obtenu le titre professionnel d'agent de restauration, et 44 travaillaient six mois après leur sortie, dont 30 en contrat à durée indéterminée.",
      moreInfo:
        "Les Tabliers du Mirail sont une entreprise d'insertion. Le restaurant est ouvert à toutes et à tous du lundi au vendredi midi.",
      links: [],
    },
    photos: [
      ['Le coup de feu de midi dans la cuisine du restaurant', 'Nadia Benali'],
      ['Une salariée dresse les assiettes du plat du jour', 'Nadia Benali', 'portrait'],
    ],
    approvedAt: '2028-04-05T14:30:00.000Z',
  },
  {
    id: 'f1a0c3e2-0003-4a5b-9c1d-000000000003',
    axis: 'mobilisation-cooperations',
    company: {
      name: 'Relais des Combrailles',
      city: "Saint-Gervais-d'Auvergne",
      region: 'Auvergne-Rhône-Alpes',
      department: 'Puy-de-Dôme',
    },
    website: 'https://relais-combrailles.example.org',
    article: {
      title: 'Une conciergerie rurale qui rend service à tout un canton',
      lead: 'Courses, dépôt de pain, colis, petites réparations : dans les Combrailles, une conciergerie tenue par une association intermédiaire rapproche les services des villages.',
      body:
        'Dans ce canton de 9 000 habitants, la dernière épicerie a fermé en 2019 et les habitants âgés dépendaient de leurs voisins pour les courses. Le Relais des Combrailles a réuni la communauté de communes, six mairies, les commerçants du bourg et la maison de santé pour imaginer une conciergerie itinérante.\n\n' +
        "Deux fois par semaine, une camionnette fait le tour de quatorze villages : elle livre les commandes passées par téléphone, récupère les colis et les ordonnances, et propose de petits travaux à domicile réalisés par les salariés de l'association. Les mairies prêtent une salle pour les permanences.\n\n" +
        "La conciergerie compte aujourd'hui 310 foyers adhérents. Elle a créé l'équivalent de cinq emplois à temps plein pour des personnes éloignées du travail, et les commerçants du bourg ont vu leur chiffre d'affaires progresser grâce aux commandes livrées.",
      moreInfo:
        'Le Relais des Combrailles est une association intermédiaire implantée depuis vingt ans dans le canton. Le projet est soutenu par le département et par une fondation territoriale.',
      links: [{ label: 'Le programme des tournées', url: 'https://relais-combrailles.example.org/tournees' }],
    },
    photos: [
      ['La camionnette de la conciergerie devant la mairie de Gouttières', 'Relais des Combrailles'],
      ['Livraison de courses chez une habitante', 'Relais des Combrailles'],
      ['Permanence de la conciergerie dans la salle des fêtes', 'Hugo Vialle'],
      ['Réparation d’une clôture par deux salariés', 'Hugo Vialle'],
    ],
    approvedAt: '2028-04-10T09:15:00.000Z',
  },
  {
    id: 'f1a0c3e2-0004-4a5b-9c1d-000000000004',
    axis: 'mobilisation-cooperations',
    company: { name: 'Quai des Possibles', city: 'Guingamp', region: 'Bretagne', department: "Côtes-d'Armor" },
    article: {
      title: "Un tiers-lieu dans l'ancienne halle aux marchandises",
      lead: 'À Guingamp, la halle désaffectée de la gare est devenue un lieu partagé où se croisent une épicerie, un atelier de réparation et des entrepreneurs du territoire.',
      body:
        "La halle aux marchandises était fermée depuis quinze ans. En 2023, une dizaine d'associations et d'entreprises de l'économie sociale et solidaire ont convaincu la ville et la région de la leur confier, avec un bail de douze ans.\n\n" +
        "Aujourd'hui, Quai des Possibles accueille une épicerie de produits locaux, un café associatif, un atelier où l'on répare appareils et vêtements, et un espace de travail partagé loué à prix modéré à des indépendants. Les travaux d'aménagement ont été confiés à un chantier d'insertion du bâtiment.\n\n" +
        "Le lieu reçoit 800 visiteurs par semaine. Il a permis de créer quatorze emplois, dont huit pour des personnes en parcours d'insertion, et d'installer six jeunes entreprises qui cherchaient un local au centre-ville.",
      moreInfo: '',
      links: [],
    },
    photos: [['La halle rénovée, un jour de marché', 'Quai des Possibles']],
    approvedAt: '2028-04-12T16:00:00.000Z',
  },
  {
    id: 'f1a0c3e2-0005-4a5b-9c1d-000000000005',
    axis: 'environnement-economie',
    company: { name: 'Second Souffle', city: 'Roubaix', region: 'Hauts-de-France', department: 'Nord' },
    website: 'https://secondsouffle.example.org',
    article: {
      title: 'Une ressourcerie qui donne une seconde vie aux meubles',
      lead: 'À Roubaix, Second Souffle collecte les meubles dont personne ne veut plus, les restaure et les revend à petit prix, en formant des salariés aux métiers du réemploi.',
      body:
        "Chaque semaine, les équipes de Second Souffle collectent des meubles chez les particuliers, dans les déchetteries et auprès des bailleurs sociaux qui vident des logements. Ce qui peut être sauvé est nettoyé, réparé ou repeint dans l'atelier ; le reste est démonté pour que le bois et le métal soient recyclés.\n\n" +
        'La boutique, ouverte quatre jours par semaine, vend ces meubles à des prix accessibles, et une partie est réservée aux familles relogées par les bailleurs partenaires. Des ateliers ouverts au public apprennent à restaurer une chaise ou à refaire une assise.\n\n' +
        "En 2027, 310 tonnes d'objets ont évité la benne, dont 74 % ont été revendus. Vingt-deux salariés en insertion ont travaillé à l'atelier et à la boutique ; quinze ont trouvé ensuite un emploi ou une formation.",
      moreInfo:
        'Second Souffle est un atelier et chantier d’insertion membre d’un groupement d’entreprises solidaires de la métropole lilloise.',
      links: [],
    },
    photos: [
      ["L'atelier de restauration, entre ponceuses et pots de peinture", 'Louise Martens'],
      ['La boutique de la ressourcerie', 'Louise Martens'],
    ],
    approvedAt: '2028-04-15T11:00:00.000Z',
  },
  {
    id: 'f1a0c3e2-0006-4a5b-9c1d-000000000006',
    axis: 'environnement-economie',
    company: {
      name: 'Les Jardins de la Butte',
      city: 'Montreuil',
      region: 'Île-de-France',
      department: 'Seine-Saint-Denis',
    },
    article: {
      title: 'Des légumes bio cultivés au pied des immeubles',
      lead: 'Sur une ancienne friche de Montreuil, un jardin maraîcher en insertion produit des légumes vendus aux habitants du quartier et aux cantines de la ville.',
      body:
        "La friche de la rue des Roches était un terrain vague de 6 000 m² entre deux cités. Les Jardins de la Butte l'ont transformée en jardin maraîcher cultivé sans pesticides, avec l'aide des habitants qui ont participé au défrichage.\n\n" +
        "Quatorze salariés en parcours d'insertion y cultivent une quarantaine de variétés de légumes. La récolte est vendue en paniers à prix solidaire aux habitants du quartier, et fournit deux cantines scolaires de la ville. Le compost vient des restes des cantines : la boucle est bouclée.\n\n" +
        "Le jardin produit 18 tonnes de légumes par an. Depuis son ouverture, 9 salariés sur 10 ont poursuivi vers un emploi ou une formation, souvent dans les espaces verts ou l'agriculture.",
      moreInfo: '',
      links: [{ label: 'Commander un panier', url: 'https://jardins-butte.example.org/paniers' }],
    },
    photos: [
      ['Les rangs de salades au printemps', 'Samir Haddad'],
      ['Préparation des paniers du vendredi', ''],
      ['', 'Samir Haddad'],
    ],
    approvedAt: '2028-04-18T08:45:00.000Z',
  },
];

function initiativeOf(spec: Spec): PublishedInitiative {
  const photos = spec.photos.map(([caption, credit, shape], i) => fixturePhoto(spec.id, i + 1, caption, credit, shape));
  return {
    id: spec.id,
    slug: spec.article.title,
    axis: spec.axis,
    company: spec.company,
    website: spec.website,
    article: {
      ...spec.article,
      photoOrder: photos.map((p) => p.slot),
      photoTexts: Object.fromEntries(photos.map((p) => [String(p.slot), { caption: p.caption, credit: p.credit }])),
    },
    photos,
    approvedAt: spec.approvedAt,
  };
}

export const fixtureInitiatives = (): PublishedInitiative[] => SPECS.map(initiativeOf);

export const fixtureSite = (overrides: Partial<SiteInput> = {}): SiteInput => ({
  campaign: fixtureCampaign(),
  initiatives: fixtureInitiatives(),
  siteUrl: 'https://initiatives.example.org',
  now: FIXTURE_NOW,
  phase: 'launched',
  ...overrides,
});

/** A drawn landscape (sky, sun, hills) in a palette chosen by `seed`, with a fine grain so encoders work as on a photo. */
async function drawnPhoto(width: number, height: number, seed: number): Promise<Buffer> {
  const palettes = [
    ['#8ecae6', '#ffb703', '#2a9d8f', '#264653'],
    ['#f4a261', '#e9c46a', '#588157', '#344e41'],
    ['#a8dadc', '#f1faee', '#457b9d', '#1d3557'],
    ['#ffcdb2', '#ffb4a2', '#6d597a', '#355070'],
    ['#caf0f8', '#ffd166', '#06d6a0', '#118ab2'],
  ];
  const [sky, sun, near, far] = palettes[seed % palettes.length]!;
  const h = (f: number) => Math.round(height * f);
  const w = (f: number) => Math.round(width * f);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="100%" height="100%" fill="${sky}"/>
<circle cx="${w(0.2 + (seed % 5) * 0.14)}" cy="${h(0.28)}" r="${w(0.08)}" fill="${sun}"/>
<path d="M0 ${h(0.62)} Q ${w(0.3)} ${h(0.42)} ${w(0.55)} ${h(0.6)} T ${width} ${h(0.52)} V ${height} H 0 Z" fill="${far}"/>
<path d="M0 ${h(0.8)} Q ${w(0.35)} ${h(0.62)} ${w(0.7)} ${h(0.78)} T ${width} ${h(0.7)} V ${height} H 0 Z" fill="${near}"/>
</svg>`;
  let state = seed * 2654435761;
  const grain = Buffer.alloc(64 * 64 * 3);
  for (let i = 0; i < grain.length; i++)
    grain[i] = 128 + (((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) >>> 24) % 48) - 24;
  const tile = await sharp(grain, { raw: { width: 64, height: 64, channels: 3 } })
    .png()
    .toBuffer();
  return sharp(Buffer.from(svg))
    .composite([{ input: tile, tile: true, blend: 'overlay' }])
    .png()
    .toBuffer();
}

/**
 * Real image bytes for every variant key of the given initiatives, encoded as the photo function
 * does, for browser runs that load /media/….
 */
export async function fixtureMedia(
  initiatives: PublishedInitiative[],
): Promise<Map<string, { body: Buffer; contentType: string }>> {
  const media = new Map<string, { body: Buffer; contentType: string }>();
  // Five palettes per shape: variants of the same drawing are encoded once and stored under every key that uses them.
  const encoded = new Map<string, Promise<Buffer>>();
  const sources = new Map<string, Promise<Buffer>>();
  let seed = 0;
  const jobs: Promise<void>[] = [];
  for (const initiative of initiatives) {
    for (const photo of initiative.photos) {
      const look = `${photo.width}x${photo.height}:${seed++ % 5}`;
      if (!sources.has(look)) sources.set(look, drawnPhoto(photo.width, photo.height, seed - 1));
      for (const v of photo.variants) {
        const id = `${look}:${v.width}:${v.format}`;
        if (!encoded.has(id)) {
          encoded.set(
            id,
            sources.get(look)!.then((source) => {
              const resized = sharp(source).resize({ width: v.width, height: v.height, fit: 'cover' });
              return (
                v.format === 'jpeg'
                  ? resized.jpeg({ quality: 80, progressive: true })
                  : resized.webp({ quality: 78, effort: 2 })
              ).toBuffer();
            }),
          );
        }
        jobs.push(
          encoded
            .get(id)!
            .then(
              (body) => void media.set(v.key, { body, contentType: v.format === 'jpeg' ? 'image/jpeg' : 'image/webp' }),
            ),
        );
      }
    }
  }
  await Promise.all(jobs);
  return media;
}

/** The vote's frozen results over the fixtures: one winner in the first axis, two tied in the second, no vote in the third. */
export const fixtureResults = (): NonNullable<SiteInput['results']> => ({
  frozenAt: '2028-07-01T00:00:00+02:00',
  axes: resultsByAxis(
    [
      { initiativeId: 'f1a0c3e2-0001-4a5b-9c1d-000000000001', axis: 'emploi-citoyennete', votes: 12 },
      { initiativeId: 'f1a0c3e2-0002-4a5b-9c1d-000000000002', axis: 'emploi-citoyennete', votes: 5 },
      { initiativeId: 'f1a0c3e2-0003-4a5b-9c1d-000000000003', axis: 'mobilisation-cooperations', votes: 7 },
      { initiativeId: 'f1a0c3e2-0004-4a5b-9c1d-000000000004', axis: 'mobilisation-cooperations', votes: 7 },
    ],
    AXES,
  ),
});

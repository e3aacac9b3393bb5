import type { ApplicationFields } from '../../functions/domain/application.ts';

/**
 * A real place in each region the tests name: the server derives the department and the region from
 * the postal code (functions/domain/geo.ts), so a seeded region must come with a postal code in it.
 */
export const PLACES = {
  'Auvergne-Rhône-Alpes': { postalCode: '69007', city: 'Lyon' },
  'Bourgogne-Franche-Comté': { postalCode: '21000', city: 'Dijon' },
  Bretagne: { postalCode: '35000', city: 'Rennes' },
  'Hauts-de-France': { postalCode: '59000', city: 'Lille' },
  'Île-de-France': { postalCode: '75011', city: 'Paris' },
  Normandie: { postalCode: '14000', city: 'Caen' },
  Occitanie: { postalCode: '31000', city: 'Toulouse' },
} as const;

/** A complete, valid set of fields (fictional enterprise written for the tests). */
export function completeFields(overrides: Partial<ApplicationFields> = {}): ApplicationFields {
  return {
    company: {
      name: 'Atelier Solidaire du Val',
      address: '12 rue des Tanneurs',
      postalCode: '69007',
      city: 'Lyon',
      region: 'Auvergne-Rhône-Alpes',
      department: 'Rhône',
    },
    contact: {
      lastName: 'Martin',
      firstName: 'Claire',
      phone: '04 72 00 00 00',
      email: 'claire.martin@example.org',
      role: 'Chargée de développement',
    },
    initiative: {
      name: 'La recyclerie du Val',
      axis: 'environnement-economie',
      description:
        "Depuis 2019, notre atelier collecte les meubles et l'électroménager dont les habitants du quartier ne veulent plus. " +
        'Huit salariés en parcours d’insertion les trient, les réparent et les revendent à petit prix dans notre boutique. ' +
        'Ce qui ne peut pas être réparé est démonté et confié à des filières de recyclage locales. ' +
        'Nous avons noué des partenariats avec deux bailleurs sociaux et la métropole pour organiser des collectes au pied des immeubles. ' +
        'Résultats : 120 tonnes détournées de l’enfouissement en 2024, 3 200 objets revendus, et 6 salariés sur 8 en emploi durable ou en formation à la sortie. ' +
        'Prochaine étape : un atelier de réparation ouvert aux habitants le samedi. ' +
        'Les bénévoles du quartier y transmettront leurs savoir-faire en menuiserie et en petite électricité, et les salariés en parcours y animeront des séances de diagnostic. ' +
        'Nous voulons aussi ouvrir une seconde boutique dans la commune voisine, avec le soutien de la communauté de communes et d’un fonds de territoire, pour toucher les villages où aucune solution de réemploi n’existe aujourd’hui.',
      website: 'https://recyclerie-du-val.example.org',
      twitter: '',
      facebook: '',
      otherLinks: '',
    },
    ...overrides,
  };
}

import { typeset } from '../french.ts';

/**
 * Who publishes the showcase: the federation's public contact, shown in every page's footer and in
 * the legal pages (as on the 2016 platform, seed 004).
 */
export const FEDERATION = {
  name: 'COORACE',
  description: typeset("Fédération d'entreprises de l'économie sociale et solidaire"),
  street: '157 rue des Blains',
  postalCode: '92220',
  city: 'Bagneux',
  phone: '01 49 23 70 50',
  phoneUri: 'tel:+33149237050',
  email: 'contact@coorace.org',
  website: 'https://www.coorace.org',
  websiteLabel: 'www.coorace.org',
} as const;

export const SITE_NAME = typeset("Nos territoires ont de l'avenir");

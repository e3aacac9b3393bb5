import { acceptsChanges, type Campaign } from '../domain/campaign.ts';

/** A file that reaches S3 after the deadline (with a link obtained before it) is refused, and the applicant told why. */
export function lateUploadMessage(campaign: Campaign, eventTime: string): string | undefined {
  if (acceptsChanges(campaign, new Date(eventTime))) return undefined;
  return 'Fichier reçu après la clôture de l’appel à initiatives\u00a0: il n’a pas été pris en compte.';
}

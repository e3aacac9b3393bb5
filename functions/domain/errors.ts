/**
 * Typed errors of the domain. Messages are French and addressed to applicants or admins; the HTTP
 * layer maps each kind to a status in one place (shared/http.ts).
 */
export interface FieldIssue {
  /** Dotted path of the form field, e.g. `contact.email`; empty for the whole request. */
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: 'validation' | 'not-found' | 'unauthorized' | 'forbidden' | 'conflict' | 'closed' | 'rate-limited',
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (issues: FieldIssue[], message = 'Certaines informations sont à corriger.') =>
  new DomainError('validation', message, issues);
export const notFound = (message = 'Élément introuvable.') => new DomainError('not-found', message);
export const unauthorized = (message = 'Lien ou session invalide\u00a0: reconnectez-vous.') =>
  new DomainError('unauthorized', message);
export const forbidden = (message = 'Vous n’avez pas accès à cet élément.') => new DomainError('forbidden', message);
export const conflict = (message: string) => new DomainError('conflict', message);
export const closed = (
  message = 'L’appel à initiatives est clos\u00a0: il n’est plus possible de modifier le dossier.',
) => new DomainError('closed', message);
export const rateLimited = (message = 'Trop de demandes\u00a0: réessayez dans quelques minutes.') =>
  new DomainError('rate-limited', message);

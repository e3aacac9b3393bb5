/**
 * The business metrics the functions emit in CloudWatch's embedded metric format
 * (functions/shared/metrics.ts) and the dashboard reads (infra/constructs/monitoring.ts): one list
 * for both, so that a renamed metric cannot leave an empty graph behind. Each metric carries the
 * emitting function as its only dimension (`service`), never anything about a person.
 */
export const BUSINESS_METRICS = {
  /** A new file (not a replayed creation, not a smoke-test file). */
  ApplicationCreated: { unit: 'Count', label: 'Dossiers créés' },
  /** A file whose status became « complet » (again, if it had stopped being so). */
  ApplicationCompleted: { unit: 'Count', label: 'Dossiers devenus complets' },
  PhotoProcessed: { unit: 'Count', label: 'Photos acceptées' },
  PhotoRejected: { unit: 'Count', label: 'Photos refusées' },
  /** From the read of the upload to its variants written (accepted photos). */
  PhotoDuration: { unit: 'Milliseconds', label: 'Traitement d’une photo (ms)' },
  /** Recorded by the mail consumer for each message SES accepted. */
  EmailSent: { unit: 'Count', label: 'Courriels envoyés' },
  /** Recipients of an SES bounce event, permanent or transient. */
  EmailBounced: { unit: 'Count', label: 'Courriels revenus (rebonds)' },
  /** Recipients who marked a message as unwanted. */
  EmailComplained: { unit: 'Count', label: 'Courriels signalés comme indésirables' },
  VoteConfirmed: { unit: 'Count', label: 'Votes confirmés' },
} as const satisfies Record<string, { unit: 'Count' | 'Milliseconds'; label: string }>;

export type BusinessMetric = keyof typeof BUSINESS_METRICS;

/** The metrics' namespace without a stage; a staged stack uses its own name (`Avenir-<stage>`), so stages never mix. */
export const DEFAULT_METRICS_NAMESPACE = 'Avenir';

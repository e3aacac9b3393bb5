import { DateTime } from 'luxon';
import { ZONE, type Campaign } from './campaign.ts';
import { LINK_LIFETIME_MS, RETENTION as VOTES_RETENTION } from './votes.ts';

/**
 * How long each kind of personal data is kept: the one source that the privacy page (« Données
 * personnelles », functions/domain/site/copy.ts), the README's section, the S3 lifecycle rules and
 * log retentions (infra/constructs), the TTLs set at creation and the daily purge (functions/purge)
 * all read. The page cannot promise what the system does not do: both are computed from here, and
 * test/unit/retention.test.ts checks the synthesized template against it.
 */

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

export const RETENTION_POLICY = {
  /** Application files (items, history, uploads, release proofs, media not published): this long after the deadline. */
  applicationMonthsAfterDeadline: 18,
  /** Private links to resume a file: valid until this long after the deadline (their TTL). */
  resumeLinkDaysAfterDeadline: 365,
  /** A pending vote (the address in clear) is gone this long after it was asked, at the latest (link + TTL). */
  pendingVoteHours: (LINK_LIFETIME_MS + VOTES_RETENTION.pendingAfterLinkMs) / HOUR_MS,
  /** Confirmed votes' hashes and per-address counters: this long after the voting close (TTL set earlier). */
  voteHashMonthsAfterClose: VOTES_RETENTION.confirmedMonths,
  /** Per-recipient email counters (hashed): the longest window (a day) plus one, then their TTL. */
  rateCounterDays: 2,
  /** Functions', API's and timeline's logs (CloudWatch Logs), CloudFront and S3 access logs. */
  logDays: 365,
  /** A replaced or deleted upload's older versions (versioned bucket), before the file's own end. */
  replacedUploadDays: 30,
  /**
   * Lifecycle backstop on every upload: an object goes this long after it was written even if the
   * purge never ran (a file's uploads are all written before its campaign's deadline, so this is
   * always earlier than the purge date).
   */
  uploadObjectDays: 540,
  /** ZIP exports of a file (GET /api/admin/applications/:id/export), in the uploads bucket. */
  exportDays: 1,
  /**
   * The file's summary attached to the « dossier complet » email: kept until the email has left, which
   * may take up to 4 days in the mail queue and 14 in its dead-letter queue before a redrive.
   */
  receiptDays: 30,
  /** An address SES reported undeliverable (its hash): nothing is sent to it for this long, then it is forgotten. */
  undeliverableMonths: 18,
} as const;

const paris = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });

/** The instant the purge erases a campaign's files (deadline + 18 months, Paris time). */
export function purgeDate(campaign: Pick<Campaign, 'dates'>): Date {
  return paris(campaign.dates.deadline).plus({ months: RETENTION_POLICY.applicationMonthsAfterDeadline }).toJSDate();
}

/** TTL (epoch seconds) of an undeliverable mark recorded at `at` (ISO). */
export const undeliverableExpiresAt = (at: string): number =>
  Math.floor(paris(at).plus({ months: RETENTION_POLICY.undeliverableMonths }).toMillis() / 1000);

export const isDueForPurge = (campaign: Pick<Campaign, 'dates'>, at: Date): boolean =>
  at.getTime() >= purgeDate(campaign).getTime();

/** A private resume link's expiry (epoch seconds), also its item's TTL. */
export function resumeLinkExpiry(campaign: Pick<Campaign, 'dates'>): number {
  return (
    Math.floor(Date.parse(campaign.dates.deadline) / 1000) +
    RETENTION_POLICY.resumeLinkDaysAfterDeadline * (DAY_MS / 1000)
  );
}

/** DynamoDB TTL (epoch seconds) of a confirmed vote and of the per-address counter. */
export const confirmedExpiresAt = (campaign: Pick<Campaign, 'dates'>): number =>
  Math.ceil(
    paris(campaign.dates.votingClose)
      .plus({ months: VOTES_RETENTION.confirmedMonths })
      .minus({ days: VOTES_RETENTION.ttlLeadDays })
      .toMillis() / 1000,
  );

/** When a campaign's vote hashes are gone at the latest (their TTL is set a week earlier: `confirmedExpiresAt`). */
export function voteHashesEnd(campaign: Pick<Campaign, 'dates'>): Date {
  return paris(campaign.dates.votingClose).plus({ months: RETENTION_POLICY.voteHashMonthsAfterClose }).toJSDate();
}

const DAY_LABELS: Record<number, string> = { 1: 'un jour', 365: 'un an' };

/** « 18 mois », « un an », « 48 heures »: durations as the page and the README write them. */
export const durationLabel = {
  months: (n: number) => `${n} mois`,
  days: (n: number) => DAY_LABELS[n] ?? `${n} jours`,
  hours: (n: number) => `${n} heures`,
};

/** One kind of personal data: what it is, where it lives, when it goes (README « Données personnelles »). */
export interface RetentionFact {
  data: string;
  where: string;
  when: string;
}

const P = RETENTION_POLICY;

/** Every kind of personal data the platform keeps, for the README's table (checked against the README by a test). */
export const RETENTION_FACTS: RetentionFact[] = [
  {
    data: 'Dossier de candidature (champs, contact, statuts, historique, décision)',
    where: 'DynamoDB, partition `APP#<id>`',
    when: `purge quotidienne, ${durationLabel.months(P.applicationMonthsAfterDeadline)} après la date limite de la campagne\u202f; une initiative publiée ne garde que ce que sa page montre (entreprise, commune, région, axe, site, article, photos publiées)`,
  },
  {
    data: 'Photos d’origine, décharges déposées, preuves de signature (PDF)',
    where: 'bucket uploads (versionné) `photos/`, `releases/`, `proofs/` `<id>/…`',
    when: `purge (toutes les versions), ${durationLabel.months(P.applicationMonthsAfterDeadline)} après la date limite\u202f; au plus tard ${P.uploadObjectDays} jours après le dépôt (cycle de vie)\u202f; versions remplacées après ${durationLabel.days(P.replacedUploadDays)}`,
  },
  {
    data: 'Photos redimensionnées (sans métadonnées)',
    where: 'bucket media `media/<id>/`',
    when: `purge, ${durationLabel.months(P.applicationMonthsAfterDeadline)} après la date limite, sauf les photos publiées d’une initiative en ligne`,
  },
  {
    data: 'Liens privés de reprise (empreinte seule)',
    where: 'DynamoDB `TOKEN#<hash>`, `CREATION#<hash>`',
    when: `TTL ${durationLabel.days(P.resumeLinkDaysAfterDeadline)} après la date limite\u202f; purge`,
  },
  {
    data: 'Vote en attente (adresse en clair)',
    where: 'DynamoDB `VOTETOKEN#<hash>`',
    when: `confirmation (adresse retirée) ou TTL, ${durationLabel.hours(P.pendingVoteHours)} après la demande au plus tard\u202f; effacement du votant`,
  },
  {
    data: 'Vote confirmé et compteur par adresse (empreintes, domaine)',
    where: 'DynamoDB `VOTE#…`, `VOTER#…`',
    when: `TTL, ${durationLabel.months(P.voteHashMonthsAfterClose)} après la clôture des votes au plus tard\u202f; effacement du votant (les totaux restent)`,
  },
  {
    data: 'Liens de validation d’article, traces d’envoi des courriels d’un dossier (empreinte ou clé, type, identifiant, sans adresse)',
    where: 'DynamoDB `VALIDATION#<hash>`, `EMAIL#…`',
    when: 'avec le dossier, quand il est effacé (console, brouillon, purge)\u202f; liens de validation\u00a0: TTL à la clôture des votes',
  },
  {
    data: 'Compteurs de courriels par destinataire (empreinte)',
    where: 'DynamoDB `RATE#…`',
    when: `TTL, ${durationLabel.days(P.rateCounterDays)}`,
  },
  {
    data: 'Journaux des fonctions, de l’API et du calendrier (sans adresse ni nom)',
    where: 'CloudWatch Logs',
    when: durationLabel.days(P.logDays),
  },
  {
    data: 'Journaux d’accès CloudFront et S3 (adresses IP)',
    where: 'bucket des journaux d’accès',
    when: `${durationLabel.days(P.logDays)} (cycle de vie)`,
  },
  {
    data: 'Récapitulatif du dossier (PDF) joint au courriel «\u00a0dossier complet\u00a0»',
    where: 'bucket uploads `receipts/<id>/`',
    when: `${durationLabel.days(P.receiptDays)} (cycle de vie)\u202f; avec le dossier, quand il est effacé (console, brouillon, purge)`,
  },
  {
    data: 'Export ZIP d’un dossier (ses données, ou ses photos d’origine) ou des photos de plusieurs dossiers',
    where: 'bucket uploads `exports/<id>/`, `exports/selections/`',
    when: `${durationLabel.days(P.exportDays)} (cycle de vie)\u202f; lien valable 5 minutes`,
  },
  {
    data: 'Adresse injoignable ou qui a signalé nos courriels comme indésirables (empreinte, type, date)',
    where: 'DynamoDB `UNDELIVERABLE#<hash>`',
    when: `TTL, ${durationLabel.months(P.undeliverableMonths)} après le dernier rebond ou signalement`,
  },
  {
    data: 'Dossier effacé (trace sans donnée personnelle\u00a0: identifiant, campagne, date, motif)',
    where: 'DynamoDB `ERASED#<id>`',
    when: 'gardée\u00a0: elle empêche un événement ou une tâche en retard de recréer le dossier',
  },
];

/** The README's table of RETENTION_FACTS (Markdown), as test/unit/retention.test.ts expects it there. */
export function retentionTable(): string {
  return [
    '| donnée | où | quand elle part |',
    '|---|---|---|',
    ...RETENTION_FACTS.map((f) => `| ${f.data} | ${f.where} | ${f.when} |`),
  ].join('\n');
}

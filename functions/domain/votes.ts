import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { axisLabel } from './axes.ts';
import { formatParisDateTime, type Campaign } from './campaign.ts';
import { excelCsv } from './spreadsheet.ts';

/**
 * The public vote (issue #7, seed 000: « des projets pourront être choisis par les internautes
 * comme étant les plus inspirants et gagner des prix »): pure rules, no SDK.
 *
 * - Who: anyone with an email address. No account: the vote counts once the link emailed to that
 *   address is opened (double opt-in). Disposable domains are refused.
 * - How many: one vote per address per initiative, at most `maxPerEmail` initiatives per address
 *   per campaign (campaign data, default 3). Addresses are compared once normalised (below).
 * - When: from the launch (site online) to the voting close, the whole last second included; never
 *   after the results are frozen (the timeline's close-voting writes them once).
 * - Abuse: per hour at most RATE_LIMITS.ip.max requests from one connection and RATE_LIMITS.email.max
 *   for one address (on top of the API's throttling); bursts of confirmed votes from one email
 *   domain or one connection are shown to the team (`bursts`).
 *
 * Personal data and its retention (also in README « Vote du public »):
 * - a pending vote holds the address as typed (to send the link) for at most the link's life
 *   (24 h) plus one day: its `expiresAt` TTL deletes it; confirming removes the address at once;
 * - a confirmed vote keeps no address: only `emailHash` (sha256 of campaign id + normalised
 *   address: it tells two votes of one address apart, without keeping it), `ipHash` (same, of the
 *   connection's address, IPv6 cut to its /64) and the email's domain (for the anomaly view); these
 *   items and the per-address counters are deleted at the latest three months after the close, as
 *   the site's « Données personnelles » page says (TTL set a week earlier: DynamoDB deletes late);
 * - the totals per initiative and the frozen results are kept (no personal data).
 * An unsalted hash of an address can be matched against a list of known addresses: the hashes are
 * pseudonymous data, kept only as long as the results may be contested.
 */

// -------------------------------------------------------------------------------------------------
// Settings (campaign data, read with defaults)

export const votingSettingsSchema = z.object({
  maxPerEmail: z
    .number({ error: 'Nombre de votes par adresse\u00a0: un nombre entier.' })
    .check(
      z.int('Nombre de votes par adresse\u00a0: un nombre entier.'),
      z.gte(1, 'Nombre de votes par adresse\u00a0: 1 au moins.'),
      z.lte(50, 'Nombre de votes par adresse\u00a0: 50 au plus.'),
    ),
  showCounts: z.boolean({ error: 'Afficher les totaux\u00a0: oui ou non.' }),
});
export type VotingSettings = z.infer<typeof votingSettingsSchema>;

/** Counts stay hidden by default: shown live, they push visitors towards the initiatives already ahead. */
export const VOTING_DEFAULTS: VotingSettings = { maxPerEmail: 3, showCounts: false };

/** The campaign's settings; a missing or invalid value takes its default (campaigns written before the vote existed). */
export function votingSettings(campaign: { voting?: Partial<VotingSettings> | null }): VotingSettings {
  const raw = campaign.voting ?? {};
  const max = votingSettingsSchema.shape.maxPerEmail.safeParse(raw.maxPerEmail);
  const show = votingSettingsSchema.shape.showCounts.safeParse(raw.showCounts);
  return {
    maxPerEmail: max.success ? max.data : VOTING_DEFAULTS.maxPerEmail,
    showCounts: show.success ? show.data : VOTING_DEFAULTS.showCounts,
  };
}

/**
 * The vote widget's script and stylesheet (frontend/vote/, built by frontend/vote/build.ts): fixed
 * names, since the published pages that include them are rendered without the frontend build.
 */
export const VOTE_WIDGET_SCRIPT = '/vote/widget.js';
export const VOTE_WIDGET_STYLES = '/vote/widget.css';
/** The page the emailed link opens; the token follows in the fragment (`#jeton=`), never sent to servers. */
export const VOTE_CONFIRM_PATH = '/voter/confirmation/';

// -------------------------------------------------------------------------------------------------
// Limits and lifetimes

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/** A confirmation link works once, for 24 hours (and never after the close). */
export const LINK_LIFETIME_MS = DAY;
/**
 * Requests per hour. One connection can be a school, an office or a mobile carrier's NAT, where a
 * thousand people share one address: its ceiling only stops a script, while each address (which
 * receives the email, and confirms) is limited on its own.
 */
export const RATE_LIMITS = {
  ip: { max: 3000, windowMs: HOUR },
  email: { max: 5, windowMs: HOUR },
} as const;

/**
 * Confirmed votes are counted in this many partitions, the one of a vote chosen by its address's
 * hash, and summed when read: no item or partition is in every confirmation. A DynamoDB partition
 * takes 1,000 write units a second and a transactional write costs two, so one counter item would
 * cap a campaign near 500 votes a second, and conflicts between simultaneous transactions on it
 * serialize them well before that; ten shards spread both tenfold. The freeze marks every counter
 * (each initiative in each shard): a confirmation's own counter then refuses it.
 */
export const VOTE_SHARDS = 10;
export const voteShard = (emailHash: string): number => Number.parseInt(emailHash.slice(0, 8), 16) % VOTE_SHARDS;

export type RateScope = keyof typeof RATE_LIMITS;
/** A limit counted in fixed windows (the vote's above, the emails' in email-limits.ts). */
export interface RateLimit {
  readonly max: number;
  readonly windowMs: number;
}
/** The anomaly view: more than `threshold` confirmed votes from one domain or one connection within `windowMs`. */
export const ANOMALY = { windowMs: HOUR, threshold: 10 } as const;
export const RETENTION = {
  /** A pending vote (with the address in clear) is deleted this long after its link expires. */
  pendingAfterLinkMs: DAY,
  /** Confirmed votes (hashes, domain) and per-address counters: deleted at the latest this long after the close… */
  confirmedMonths: 3,
  /** …their TTL set this much earlier, DynamoDB deleting expired items within days, not at once. */
  ttlLeadDays: 7,
} as const;

// -------------------------------------------------------------------------------------------------
// Window

type VotingCampaign = Pick<Campaign, 'phase' | 'dates'> & { frozenAt?: string };

export const votingOpensAt = (campaign: Pick<Campaign, 'dates'>): Date => new Date(Date.parse(campaign.dates.launch));
/** The first instant after the voting close (23:59:59 Paris): the whole last second is accepted. */
export const votingClosesAt = (campaign: Pick<Campaign, 'dates'>): Date =>
  new Date(Date.parse(campaign.dates.votingClose) + 1000);

export type VotingState = 'not-yet' | 'open' | 'closed';

/** Open only while the site is launched, between the launch and the close, and before the results are frozen. */
export function votingState(campaign: VotingCampaign, now: Date): VotingState {
  if (campaign.frozenAt || campaign.phase === 'closed' || now.getTime() >= votingClosesAt(campaign).getTime())
    return 'closed';
  if (campaign.phase !== 'launched' || now.getTime() < votingOpensAt(campaign).getTime()) return 'not-yet';
  return 'open';
}

/** When a link asked now stops working: 24 hours later, or at the close if that comes first. */
export function linkExpiry(campaign: Pick<Campaign, 'dates'>, now: Date): Date {
  return new Date(Math.min(now.getTime() + LINK_LIFETIME_MS, votingClosesAt(campaign).getTime()));
}

export const isLinkExpired = (linkExpiresAt: string, now: Date): boolean => now.getTime() >= Date.parse(linkExpiresAt);

/** DynamoDB TTL (epoch seconds) of a pending vote. */
export const pendingExpiresAt = (linkExpiresAt: Date): number =>
  Math.ceil((linkExpiresAt.getTime() + RETENTION.pendingAfterLinkMs) / 1000);

/** The fixed window a rate counter belongs to (a number of windows since the epoch) and its TTL. */
export function rateWindow(
  scope: RateScope | RateLimit,
  now: Date,
): { window: string; max: number; expiresAt: number } {
  const { max, windowMs } = typeof scope === 'string' ? RATE_LIMITS[scope] : scope;
  const index = Math.floor(now.getTime() / windowMs);
  return { window: String(index), max, expiresAt: Math.ceil(((index + 2) * windowMs) / 1000) };
}

// -------------------------------------------------------------------------------------------------
// Addresses

/**
 * The identity of an address for counting votes. Case is ignored (no provider delivers by case);
 * plus-addressing is NOT a distinct voter: `prenom+1@…` and `prenom+2@…` reach one mailbox, so
 * the `+tag` is dropped for every domain; Gmail also ignores dots and answers as googlemail.com.
 * The confirmation email still goes to the address as typed. Undefined: not an address.
 */
export function normaliseEmail(raw: string): string | undefined {
  const email = raw.normalize('NFC').trim().toLowerCase();
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1 || /\s/.test(email)) return undefined;
  let local = email.slice(0, at);
  let domain = email.slice(at + 1).replace(/\.+$/, '');
  if (!domain.includes('.')) return undefined;
  if (domain === 'googlemail.com') domain = 'gmail.com';
  const plus = local.indexOf('+');
  if (plus >= 0) local = local.slice(0, plus);
  if (domain === 'gmail.com') local = local.replace(/\./g, '');
  if (!local) return undefined;
  return `${local}@${domain}`;
}

export const emailDomain = (normalised: string): string => normalised.slice(normalised.lastIndexOf('@') + 1);

/** The domain or one of its parents is a known disposable domain (`a.yopmail.com` as `yopmail.com`). */
export function isDisposableDomain(domain: string, list: ReadonlySet<string>): boolean {
  const labels = domain.toLowerCase().replace(/\.+$/, '').split('.');
  for (let i = 0; i < labels.length - 1; i++) if (list.has(labels.slice(i).join('.'))) return true;
  return false;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** What a confirmed vote keeps of its address: sha256 of the campaign id and the normalised address. */
export const emailHash = (campaignId: string, normalised: string): string => sha256(`${campaignId}\n${normalised}`);

/**
 * The connection a request comes from, for limits and anomalies: an IPv4 address as is; an IPv6
 * address cut to its /64 (one subscriber gets a whole /64, and can change the rest at will).
 */
export function ipKey(ip: string): string {
  const value = ip
    .trim()
    .toLowerCase()
    .replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
  if (!value.includes(':')) return value;
  const [head = '', tail] = value.split('::');
  const first = head ? head.split(':') : [];
  const last = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? first
      : [...first, ...Array<string>(Math.max(0, 8 - first.length - last.length)).fill('0'), ...last];
  return `${groups
    .slice(0, 4)
    .map((g) => g.padStart(4, '0'))
    .join(':')}::/64`;
}

export const ipHash = (campaignId: string, ip: string): string => sha256(`${campaignId}\nip\n${ipKey(ip)}`);

/**
 * The visitor's address. Behind CloudFront, the HTTP API's `sourceIp` is an edge server's address,
 * shared by thousands of visitors: CloudFront's `CloudFront-Viewer-Address` header (`ip:port`, sent
 * with the API behaviour's origin request policy) names the viewer. Without it (local front, a
 * direct call), `sourceIp`.
 */
export function viewerIp(viewerAddress: string | undefined, sourceIp: string | undefined): string {
  const header = viewerAddress?.trim();
  if (header && /^[\d.:a-fA-F]+:\d+$/.test(header)) return header.slice(0, header.lastIndexOf(':'));
  return sourceIp ?? '';
}

// -------------------------------------------------------------------------------------------------
// Requests

const emailField = z.pipe(
  z
    .string({ error: 'Adresse e-mail\u00a0: champ obligatoire.' })
    .check(
      z.trim(),
      z.minLength(1, 'Adresse e-mail\u00a0: champ obligatoire.'),
      z.maxLength(254, 'Adresse e-mail\u00a0: 254 caractères au plus.'),
    ),
  z.email({ error: 'Adresse e-mail\u00a0: vérifiez son format, par exemple prenom.nom@exemple.fr.' }),
);

export const voteRequestSchema = z.object({
  initiativeId: z
    .string({ error: 'Initiative\u00a0: identifiant manquant.' })
    .check(
      z.trim(),
      z.minLength(1, 'Initiative\u00a0: identifiant manquant.'),
      z.maxLength(100),
      z.regex(/^[\w-]+$/, 'Initiative\u00a0: identifiant invalide.'),
    ),
  email: emailField,
  /** The initiative's page, to link back to it from the confirmation page. Anything else is ignored. */
  page: z.catch(z.optional(z.string().check(z.maxLength(200), z.regex(/^\/initiatives\/[a-z0-9-]+\/$/))), undefined),
});
export type VoteRequest = z.infer<typeof voteRequestSchema>;

export const voteConfirmSchema = z.object({
  token: z
    .string({ error: 'Lien incomplet.' })
    .check(
      z.trim(),
      z.minLength(20, 'Lien incomplet.'),
      z.maxLength(100, 'Lien invalide.'),
      z.regex(/^[\w-]+$/, 'Lien invalide.'),
    ),
});

export const DISPOSABLE_MESSAGE =
  'Adresse e-mail\u00a0: les adresses jetables ne sont pas acceptées pour voter. Utilisez votre adresse habituelle.';

// -------------------------------------------------------------------------------------------------
// Refusals (French, for visitors)

export type VoteRefusalReason =
  'invalid-link' | 'expired' | 'used' | 'already-voted' | 'limit' | 'closed' | 'not-open' | 'unknown-initiative';

export const REFUSAL_STATUS: Record<VoteRefusalReason, number> = {
  'invalid-link': 400,
  'unknown-initiative': 400,
  expired: 410,
  used: 409,
  'already-voted': 409,
  limit: 409,
  closed: 409,
  'not-open': 409,
};

export function refusalMessage(
  reason: VoteRefusalReason,
  context: { maxPerEmail?: number; closesAt?: Date; opensAt?: Date } = {},
): string {
  switch (reason) {
    case 'invalid-link':
      return 'Ce lien de confirmation n’est pas valide. Copiez-le en entier depuis le courriel reçu, ou votez à nouveau depuis la page de l’initiative.';
    case 'unknown-initiative':
      return 'Cette initiative n’est pas (ou plus) soumise au vote.';
    case 'expired':
      return 'Ce lien de confirmation a expiré\u00a0: il était valable 24 heures. Votez à nouveau depuis la page de l’initiative pour recevoir un nouveau lien.';
    case 'used':
      return 'Ce lien a déjà servi\u00a0: le vote qu’il confirmait est enregistré. Un lien de confirmation ne fonctionne qu’une fois.';
    case 'already-voted':
      return 'Vous avez déjà voté pour cette initiative avec cette adresse\u00a0: votre vote compte déjà, une seule fois.';
    case 'limit':
      return `Vous avez déjà voté pour ${context.maxPerEmail ?? VOTING_DEFAULTS.maxPerEmail} initiatives avec cette adresse, le maximum pour cette édition\u00a0: ce vote n’est pas enregistré.`;
    case 'closed':
      return context.closesAt
        ? `Les votes sont clos depuis le ${formatParisDateTime(new Date(context.closesAt.getTime() - 1000).toISOString())}\u00a0: ce vote n’a pas pu être enregistré.`
        : 'Les votes sont clos\u00a0: ce vote n’a pas pu être enregistré.';
    case 'not-open':
      return context.opensAt
        ? `Les votes ne sont pas encore ouverts\u00a0: ils ouvriront le ${formatParisDateTime(context.opensAt.toISOString())}.`
        : 'Les votes ne sont pas encore ouverts.';
  }
}

export const REQUEST_ACCEPTED_MESSAGE =
  'Vérifiez votre boîte mail\u00a0: nous venons de vous envoyer un lien pour confirmer votre vote. Il est valable 24 heures. Votre vote comptera une fois confirmé.';

export const RATE_LIMIT_MESSAGES: Record<RateScope, string> = {
  ip: 'Trop de votes demandés depuis cette connexion en une heure. Réessayez un peu plus tard.',
  email:
    'Trop de demandes pour cette adresse e-mail en une heure. Consultez les courriels déjà reçus, ou réessayez un peu plus tard.',
};

// -------------------------------------------------------------------------------------------------
// Results

/** GET /api/votes/counts: what the « Je vote » widget shows. */
export interface VotingInfo extends VotingSettings {
  campaignId: string;
  state: VotingState;
  opensAt: string;
  opensLabel: string;
  closesAt: string;
  closesLabel: string;
  /** Votes per initiative id, when the campaign shows them. */
  counts: Record<string, number> | null;
}

/** POST /api/votes/confirm, once the vote is counted: what the confirmation page shows. */
export interface VoteConfirmed {
  message: string;
  initiative: { id: string; title: string; page: string | null };
  showCounts: boolean;
  count: number | null;
  /** Votes this address may still give. */
  remaining: number;
  maxPerEmail: number;
}

export interface Tally {
  initiativeId: string;
  axis: string;
  votes: number;
}

export interface AxisResult {
  id: string;
  label: string;
  votes: number;
  /** Every initiative of the axis, most votes first (ties by id, for a stable order). */
  ranking: (Tally & { rank: number })[];
  /** The initiatives with the most votes (several when tied); none while the axis has no vote. */
  winners: string[];
}

/** Per axis of the campaign (plus « Autres » for initiatives of an axis it no longer has): totals, ranks with ties, winners. */
export function resultsByAxis(tallies: readonly Tally[], axes: readonly { id: string; label: string }[]): AxisResult[] {
  const known = new Set(axes.map((a) => a.id));
  const groups = [
    ...axes.map((a) => ({ id: a.id, label: a.label })),
    ...(tallies.some((t) => !known.has(t.axis)) ? [{ id: 'autres', label: 'Autres' }] : []),
  ];
  return groups.map((group) => {
    const inAxis = tallies
      .filter((t) => (group.id === 'autres' ? !known.has(t.axis) : t.axis === group.id))
      .sort((a, b) => b.votes - a.votes || a.initiativeId.localeCompare(b.initiativeId));
    let rank = 0;
    const ranking = inAxis.map((t, i) => {
      if (i === 0 || t.votes !== inAxis[i - 1]!.votes) rank = i + 1;
      return { ...t, rank };
    });
    const top = inAxis[0]?.votes ?? 0;
    return {
      id: group.id,
      label: group.label,
      votes: inAxis.reduce((sum, t) => sum + t.votes, 0),
      ranking,
      winners: top > 0 ? inAxis.filter((t) => t.votes === top).map((t) => t.initiativeId) : [],
    };
  });
}

// -------------------------------------------------------------------------------------------------
// Anomalies

export interface ConfirmedVote {
  initiativeId: string;
  confirmedAt: string;
  emailDomain: string;
  ipHash: string;
  /** Tells voters apart (how many addresses voted); never shown. */
  emailHash?: string;
}

export interface Burst {
  /** The domain, or the first 12 characters of the connection's hash. */
  key: string;
  /** Votes in the densest window. */
  count: number;
  from: string;
  to: string;
  /** Votes of this key over the whole campaign. */
  total: number;
  /** The initiatives voted for in that window, most first. */
  initiatives: { initiativeId: string; votes: number }[];
}

/**
 * Large webmail providers: hundreds of honest voters share them, so a busy hour there says
 * nothing. Their bursts show in the per-connection view instead.
 */
export const SHARED_PROVIDERS: ReadonlySet<string> = new Set([
  'gmail.com',
  'hotmail.com',
  'hotmail.fr',
  'outlook.com',
  'outlook.fr',
  'live.com',
  'live.fr',
  'msn.com',
  'yahoo.com',
  'yahoo.fr',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'sfr.fr',
  'neuf.fr',
  'laposte.net',
  'icloud.com',
  'me.com',
  'gmx.fr',
  'gmx.com',
  'protonmail.com',
  'proton.me',
  'bbox.fr',
  'aol.com',
  'numericable.fr',
]);

/** For each key, the densest `windowMs` span of its votes, reported when it holds more than `threshold` votes. */
export function bursts(
  votes: readonly ConfirmedVote[],
  keyOf: (v: ConfirmedVote) => string | undefined,
  options: { windowMs?: number; threshold?: number } = {},
): Burst[] {
  const windowMs = options.windowMs ?? ANOMALY.windowMs;
  const threshold = options.threshold ?? ANOMALY.threshold;
  const groups = new Map<string, ConfirmedVote[]>();
  for (const vote of votes) {
    const key = keyOf(vote);
    if (!key) continue;
    const list = groups.get(key) ?? [];
    list.push(vote);
    groups.set(key, list);
  }
  const found: Burst[] = [];
  for (const [key, list] of groups) {
    if (list.length <= threshold) continue;
    const sorted = [...list].sort((a, b) => a.confirmedAt.localeCompare(b.confirmedAt));
    const times = sorted.map((v) => Date.parse(v.confirmedAt));
    let best = { from: 0, to: 0 };
    for (let start = 0, end = 0; end < times.length; end++) {
      while (times[end]! - times[start]! >= windowMs) start++;
      if (end - start > best.to - best.from) best = { from: start, to: end };
    }
    const count = best.to - best.from + 1;
    if (count <= threshold) continue;
    const perInitiative = new Map<string, number>();
    for (const v of sorted.slice(best.from, best.to + 1))
      perInitiative.set(v.initiativeId, (perInitiative.get(v.initiativeId) ?? 0) + 1);
    found.push({
      key,
      count,
      from: sorted[best.from]!.confirmedAt,
      to: sorted[best.to]!.confirmedAt,
      total: list.length,
      initiatives: [...perInitiative]
        .map(([initiativeId, n]) => ({ initiativeId, votes: n }))
        .sort((a, b) => b.votes - a.votes || a.initiativeId.localeCompare(b.initiativeId)),
    });
  }
  return found.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export function anomalies(votes: readonly ConfirmedVote[], options: { windowMs?: number; threshold?: number } = {}) {
  return {
    windowMinutes: Math.round((options.windowMs ?? ANOMALY.windowMs) / 60_000),
    threshold: options.threshold ?? ANOMALY.threshold,
    byDomain: bursts(votes, (v) => (SHARED_PROVIDERS.has(v.emailDomain) ? undefined : v.emailDomain), options),
    byIp: bursts(votes, (v) => v.ipHash.slice(0, 12), options),
  };
}

// -------------------------------------------------------------------------------------------------
// Export

export interface ResultRow {
  id: string;
  title: string;
  company: string;
  region: string;
  axis: string;
  votes: number;
  rank: number;
  winner: boolean;
}

/** The results for Excel (see excelCsv). */
export function resultsCsv(rows: readonly ResultRow[]): string {
  return excelCsv(
    ['Identifiant', 'Initiative', 'Entreprise', 'Région', 'Axe', 'Votes', 'Rang dans l’axe', 'En tête de l’axe'],
    rows.map((r) => [r.id, r.title, r.company, r.region, axisLabel(r.axis), r.votes, r.rank, r.winner ? 'Oui' : 'Non']),
  );
}

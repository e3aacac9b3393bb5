import * as z from 'zod/mini';
import { AXES } from './axes.ts';
import { dayOfMonth } from './french.ts';

export const ZONE = 'Europe/Paris';

/** The dates of one yearly edition (ISO instants). The timeline issue adds the rules on how they are chosen. */
export const campaignDatesSchema = z.object({
  open: z.iso.datetime({ offset: true }),
  deadline: z.iso.datetime({ offset: true }),
  notification: z.iso.datetime({ offset: true }),
  validationEnd: z.iso.datetime({ offset: true }),
  launch: z.iso.datetime({ offset: true }),
  votingClose: z.iso.datetime({ offset: true }),
});

/**
 * Phases only move forward: draft → open (admin opens) → review (deadline passed) → validation
 * (decisions sent) → launched (site online) → closed (votes frozen). Every write of a phase is
 * conditional on the phases before it (`phasesBefore`, in the campaign store's writes).
 */
export const CAMPAIGN_PHASES = ['draft', 'open', 'review', 'validation', 'launched', 'closed'] as const;
export type CampaignPhase = (typeof CAMPAIGN_PHASES)[number];

/** Phases in which the public site shows the campaign's approved articles. */
export const SHOWCASE_PHASES: ReadonlySet<string> = new Set<CampaignPhase>(['launched', 'closed']);

export function phaseIndex(phase: CampaignPhase): number {
  return CAMPAIGN_PHASES.indexOf(phase);
}

/** The phases a campaign may be in for a move to `to`: strictly earlier ones. */
export function phasesBefore(to: CampaignPhase): CampaignPhase[] {
  return CAMPAIGN_PHASES.slice(0, phaseIndex(to));
}

/** True when moving from `from` to `to` goes forward; staying or going back is never done. */
export function movesForward(from: CampaignPhase, to: CampaignPhase): boolean {
  return phaseIndex(to) > phaseIndex(from);
}

/** Step Functions execution names: `<campaignId>-v<datesVersion>` (StartExecution is idempotent per name and input). */
export function executionName(campaignId: string, datesVersion: number): string {
  return `${campaignId}-v${datesVersion}`;
}

export interface Campaign {
  id: string;
  title: string;
  phase: CampaignPhase;
  dates: z.infer<typeof campaignDatesSchema>;
  photoCount: number;
  target: number;
  reminderOffsets: number[];
  axes: { id: string; label: string; description: string }[];
  /** The public vote's rule (absent on older campaigns: read through `votingSettings` in votes.ts, with defaults). */
  voting?: { maxPerEmail?: number; showCounts?: boolean };
  /** The prize of each axis's winners, by axis id, as the team worded it (functions/domain/prizes.ts). */
  prizes?: Record<string, string>;
}

/**
 * The first instant after the deadline (00:00:00 Paris the next day when the deadline is 23:59:59):
 * the whole last second is accepted, and applications close at this instant.
 */
export function closingInstant(campaign: Pick<Campaign, 'dates'>): Date {
  return new Date(Date.parse(campaign.dates.deadline) + 1000);
}

/** Applications may be created and changed only while the campaign is open and before its deadline. */
export function acceptsChanges(campaign: Campaign, now: Date): boolean {
  return campaign.phase === 'open' && now.getTime() < closingInstant(campaign).getTime();
}

// Intl (the ICU in Node) formats in Paris time: these labels need no date arithmetic, so no date
// library, which keeps luxon out of every bundle that only writes a date (the stores, most emails).
const PARIS = new Intl.DateTimeFormat('fr-FR', {
  timeZone: ZONE,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant's day, month (« février »), year, hour and minute in Paris. */
function parisParts(iso: string): Record<'day' | 'month' | 'year' | 'hour' | 'minute', string> {
  const parts = Object.fromEntries(PARIS.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return { day: parts.day!, month: parts.month!, year: parts.year!, hour: parts.hour!, minute: parts.minute! };
}

/** « 29 février 2028 », « 1er mars 2028 », in Paris time. */
function parisDay(p: ReturnType<typeof parisParts>): string {
  return `${dayOfMonth(Number(p.day))} ${p.month} ${p.year}`;
}

/** « 29 février 2028 à 23 h 59 », « 1er mars 2028 à 9 h 00 », in Paris time, for applicants. */
export function formatParisDateTime(iso: string): string {
  const p = parisParts(iso);
  return `${parisDay(p)} à ${Number(p.hour)} h ${p.minute}`;
}

/** The edition's year: its launch's, in Paris (the compilation's cover, the archived showcase's path). */
export const editionYear = (campaign: Pick<Campaign, 'dates'>) => Number(parisParts(campaign.dates.launch).year);

/** « 16 mai 2028 », « 1er mars 2028 », in Paris time. */
export function formatParisDate(iso: string): string {
  return parisDay(parisParts(iso));
}

export function publicCampaign(campaign: Campaign, now: Date) {
  return {
    id: campaign.id,
    title: campaign.title,
    open: acceptsChanges(campaign, now),
    deadline: campaign.dates.deadline,
    deadlineLabel: formatParisDateTime(campaign.dates.deadline),
    notificationLabel: formatParisDate(campaign.dates.notification),
    launchLabel: formatParisDate(campaign.dates.launch),
    axes: campaign.axes.length ? campaign.axes : AXES,
    photoCount: campaign.photoCount,
  };
}

import { DateTime } from 'luxon';
import * as z from 'zod/mini';
import { closingInstant, formatParisDate, ZONE, type Campaign } from './campaign.ts';
import {
  campaignInstants,
  DATE_FIELDS,
  DATE_LABELS,
  MAX_SPAN_DAYS,
  type CampaignInput,
  type DateField,
} from './campaign-config.ts';
import type { FieldIssue } from './errors.ts';

/**
 * The campaign timeline's pure rules: when each step runs (the plan the state machine waits on),
 * phases that only move forward, and what may change once a campaign is open. No SDK here.
 */

// ---------------------------------------------------------------------------------------------
// Stored campaign

/** A step of the timeline, recorded in `steps` (ISO time it completed) and skipped when replayed. */
export type StepKey =
  | 'close'
  | 'notify'
  | 'closeValidation'
  | 'launch'
  | 'closeVoting'
  | `remind:${number}`
  | `validation-remind:${string}`;

/** The campaign item as stored (pk CAMPAIGN#<id>, sk META): the public `Campaign` plus the timeline's bookkeeping. */
export interface CampaignRecord extends Campaign {
  /** What the admin typed (calendar dates in Paris time); `dates` are its instants. */
  input: CampaignInput;
  /** 0 while draft; 1 when opened; +1 each time future dates change (one execution per version). */
  datesVersion: number;
  steps: Partial<Record<StepKey, string>>;
  executionArn?: string;
  createdAt: string;
  updatedAt: string;
  openedAt?: string;
  /** Set when votes close: results are frozen from then on. */
  frozenAt?: string;
}

/** The date field each step runs at: once the step is done, that date is history and cannot change. */
export const STEP_OF_DATE: Record<DateField, StepKey> = {
  deadline: 'close',
  notification: 'notify',
  validationEnd: 'closeValidation',
  launch: 'launch',
  votingClose: 'closeVoting',
};

// ---------------------------------------------------------------------------------------------
// The plan

/** Announcements and reminders go out at 09:00 Paris time. */
const SEND_HOUR = 9;
/** A validation reminder more than this late (the timeline was held up) is skipped: the next weekly one follows. */
export const STALE_REMINDER_MS = 3 * 24 * 3600 * 1000;

const utc = (dt: DateTime) => dt.toUTC().toISO({ suppressMilliseconds: true })!;
const utcOf = (ms: number) => utc(DateTime.fromMillis(ms));

/** What the state machine waits on: every instant in UTC (`Z`), the form Step Functions' TimestampPath expects. */
export interface TimelinePlan {
  /** Reminders still to come, earliest first: `offset` days before the deadline, at 09:00 Paris. */
  reminders: { at: string; offset: number }[];
  /** Offsets not planned: their time had passed (or they were already sent) when the plan was made. */
  skippedReminders: number[];
  /** Applications close: the first second after the deadline. */
  close: string;
  /** Decisions are checked then sent (then re-checked daily while some are missing). */
  notification: string;
  /** Weekly, at 09:00 Paris, from a week after the notification until the validation end. */
  validationReminders: { at: string }[];
  /** The first second after the validation end. */
  closeValidation: string;
  launch: string;
  /** The first second after the voting close: results are frozen. */
  closeVoting: string;
}

const afterLastSecond = (iso: string) => utcOf(Date.parse(iso) + 1000);

/** The 09:00 Paris instant `days` days before the calendar day of `iso` (Paris), DST-aware. */
export function parisMorningBefore(iso: string, days: number): string {
  return utc(DateTime.fromISO(iso, { zone: ZONE }).startOf('day').minus({ days }).set({ hour: SEND_HOUR }));
}

export function computePlan(
  campaign: Pick<CampaignRecord, 'dates' | 'reminderOffsets' | 'steps'>,
  now: Date,
): TimelinePlan {
  const { dates } = campaign;
  const steps = campaign.steps ?? {};
  const offsets = [...new Set(campaign.reminderOffsets)].sort((a, b) => b - a);
  const reminders: TimelinePlan['reminders'] = [];
  const skippedReminders: number[] = [];
  for (const offset of offsets) {
    const at = parisMorningBefore(dates.deadline, offset);
    if (Date.parse(at) <= now.getTime() || steps[`remind:${offset}`]) skippedReminders.push(offset);
    else reminders.push({ at, offset });
  }

  const closeValidation = afterLastSecond(dates.validationEnd);
  const validationReminders: TimelinePlan['validationReminders'] = [];
  const notificationDay = DateTime.fromISO(dates.notification, { zone: ZONE }).startOf('day').set({ hour: SEND_HOUR });
  for (let week = 1; week <= 52; week += 1) {
    const at = utc(notificationDay.plus({ weeks: week }));
    if (Date.parse(at) >= Date.parse(closeValidation)) break;
    if (Date.parse(at) <= now.getTime() || steps[`validation-remind:${at}`]) continue;
    validationReminders.push({ at });
  }

  return {
    reminders,
    skippedReminders,
    close: utcOf(closingInstant(campaign).getTime()),
    notification: utcOf(Date.parse(dates.notification)),
    validationReminders,
    closeValidation,
    launch: utcOf(Date.parse(dates.launch)),
    closeVoting: afterLastSecond(dates.votingClose),
  };
}

/** While some complete files have no decision: check again the next day at 09:00 Paris. */
export function nextDecisionCheck(dueAt: string | undefined, now: Date): string {
  const from = DateTime.fromMillis(Math.max(now.getTime(), dueAt ? Date.parse(dueAt) : 0), { zone: ZONE });
  return utc(from.plus({ days: 1 }).set({ hour: SEND_HOUR, minute: 0, second: 0, millisecond: 0 }));
}

// ---------------------------------------------------------------------------------------------
// Changing a campaign after it opened

export type DateChange =
  | { ok: true; dates: Campaign['dates']; restart: boolean; changedSteps: StepKey[] }
  | { ok: false; issues: FieldIssue[] };

/**
 * The date-change rule. Before opening anything may change. Once open:
 * - the date of a step already done cannot change (it is history);
 * - a changed date must be in the future, and the new timeline must fit in one execution from now;
 * - the number of photos cannot change (files were checked against it);
 * - changing future dates (or reminder offsets) restarts the timeline: the running execution is
 *   stopped and a new one started (`datesVersion + 1`); steps done are skipped by the new one.
 */
export function changeDates(campaign: CampaignRecord, input: CampaignInput, now: Date): DateChange {
  const instants = campaignInstants(input);
  if (!instants) return { ok: false, issues: [{ field: '', message: 'Certaines dates sont invalides.' }] };
  if (campaign.phase === 'draft') {
    return { ok: true, dates: { ...campaign.dates, ...instants }, restart: false, changedSteps: [] };
  }
  const issues: FieldIssue[] = [];
  const changedSteps: StepKey[] = [];
  for (const field of DATE_FIELDS) {
    if (Date.parse(instants[field]) === Date.parse(campaign.dates[field])) continue;
    const step = STEP_OF_DATE[field];
    const done = campaign.steps?.[step];
    if (done) {
      issues.push({
        field,
        message: `${DATE_LABELS[field]}\u00a0: cette étape a déjà eu lieu (le ${formatParisDate(done)})\u202f; sa date ne peut plus être modifiée.`,
      });
    } else if (Date.parse(instants[field]) <= now.getTime()) {
      issues.push({ field, message: `${DATE_LABELS[field]}\u00a0: choisissez une date à venir.` });
    } else changedSteps.push(step);
  }
  if (input.photoCount !== campaign.photoCount) {
    issues.push({
      field: 'photoCount',
      message:
        'Nombre de photos\u00a0: il ne peut plus changer une fois l’appel ouvert (les dossiers ont été vérifiés avec ce nombre).',
    });
  }
  const spanDays = (Date.parse(instants.votingClose) - now.getTime()) / 86_400_000;
  if (changedSteps.length && spanDays > MAX_SPAN_DAYS) {
    issues.push({
      field: 'votingClose',
      message: `Le calendrier restant dure ${Math.ceil(spanDays)} jours\u00a0: ${MAX_SPAN_DAYS} jours au plus.`,
    });
  }
  if (issues.length) return { ok: false, issues };
  const offsetsChanged = [...campaign.reminderOffsets].sort().join() !== [...input.reminderOffsets].sort().join();
  return {
    ok: true,
    dates: { ...campaign.dates, ...instants },
    restart: changedSteps.length > 0 || offsetsChanged,
    changedSteps,
  };
}

// ---------------------------------------------------------------------------------------------
// Decisions

const optionalText = (label: string) =>
  z.optional(z.string().check(z.trim(), z.maxLength(2000, `${label}\u00a0: 2000 caractères au maximum.`)));

export const decisionInputSchema = z.object({
  outcome: z.enum(['selected', 'not-selected'], {
    error: 'Décision\u00a0: «\u00a0selected\u00a0» (retenu) ou «\u00a0not-selected\u00a0» (non retenu).',
  }),
  relevance: optionalText('Pertinence par rapport à l’axe'),
  results: optionalText('Résultats'),
  comment: optionalText('Commentaire'),
});
export type DecisionInput = z.infer<typeof decisionInputSchema>;
export interface Decision extends DecisionInput {
  decidedBy: string;
  decidedAt: string;
}

/** How the file stood when applications closed: only `complete` ones are examined. */
export type ClosedStatus = 'complete' | 'incomplete' | 'draft';

/** What the timeline needs to know of an application. */
export interface TimelineApplication {
  id: string;
  closedStatus?: ClosedStatus;
  decision?: Decision;
  decisionSentAt?: string;
  articleStatus?: string;
}

/** Complete files (at the close) still waiting for a decision: while there is one, nothing is announced. */
export function undecided(apps: TimelineApplication[]): TimelineApplication[] {
  return apps.filter((a) => a.closedStatus === 'complete' && !a.decision);
}

/** Selected files (decision sent) whose article is not approved yet: the launch will not publish them. */
export function awaitingArticleApproval<T extends TimelineApplication>(apps: T[]): T[] {
  return apps.filter((a) => a.decision?.outcome === 'selected' && a.decisionSentAt && a.articleStatus !== 'approved');
}

/**
 * Those whose article was sent to the enterprise and not approved: they get the weekly validation
 * reminders, with a link to it. No article sent yet (or a new version being written after changes
 * were asked: `draft`) means nothing to read: no reminder, the team is told instead.
 */
export function awaitingEnterpriseAnswer<T extends TimelineApplication>(apps: T[]): T[] {
  return awaitingArticleApproval(apps).filter(
    (a) => a.articleStatus === 'sent' || a.articleStatus === 'changes-requested',
  );
}

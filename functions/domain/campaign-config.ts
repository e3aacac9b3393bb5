import { DateTime } from 'luxon';
import * as z from 'zod/mini';
import { PHOTO_SLOTS } from './application.ts';
import { AXES } from './axes.ts';
import { formatParisDate, ZONE, type Campaign } from './campaign.ts';

/**
 * How an admin describes a yearly edition: calendar dates in Paris time (YYYY-MM-DD), turned into
 * instants by fixed local times: the deadline closes at 23:59:59, announcements go out at 09:00.
 */
const LOCAL_TIMES = {
  deadline: { hour: 23, minute: 59, second: 59 },
  notification: { hour: 9, minute: 0, second: 0 },
  validationEnd: { hour: 23, minute: 59, second: 59 },
  launch: { hour: 9, minute: 0, second: 0 },
  votingClose: { hour: 23, minute: 59, second: 59 },
} as const;
export type DateField = keyof typeof LOCAL_TIMES;
export const DATE_FIELDS: readonly DateField[] = ['deadline', 'notification', 'validationEnd', 'launch', 'votingClose'];
const ORDER = DATE_FIELDS;
export const DATE_LABELS: Record<DateField, string> = {
  deadline: 'Date limite de dépôt',
  notification: 'Annonce des décisions',
  validationEnd: 'Fin de la validation des articles',
  launch: 'Lancement du site',
  votingClose: 'Clôture des votes',
};
const LABELS = DATE_LABELS;
/** A Standard Step Functions execution lives at most one year: the whole timeline must fit in it. */
export const MAX_SPAN_DAYS = 365;

function lastDayOfMonth(iso: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-\d{2}$/.exec(iso);
  if (!match) return undefined;
  const end = DateTime.fromObject({ year: Number(match[1]), month: Number(match[2]) }, { zone: ZONE }).endOf('month');
  return end.isValid ? end.toISODate()! : undefined;
}

// The shared date format (« 1er mars 2028 »): one French style for every date shown.
const frenchDate = formatParisDate;

/** A calendar date that exists; « 2027-02-29 » is refused and the last day of February proposed. */
const calendarDate = (label: string) =>
  z.string({ error: `${label}\u00a0: champ obligatoire.` }).check(
    z.superRefine((value, ctx) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        ctx.addIssue({ code: 'custom', message: `${label}\u00a0: date au format AAAA-MM-JJ.` });
        return;
      }
      if (!DateTime.fromISO(value, { zone: ZONE }).isValid) {
        const last = lastDayOfMonth(value);
        const [y, m, d] = value.split('-');
        const asked = `${Number(d)}/${m}/${y}`;
        ctx.addIssue({
          code: 'custom',
          message: last
            ? `${label}\u00a0: le ${asked} n’existe pas. Proposez le ${frenchDate(last)}.`
            : `${label}\u00a0: cette date n’existe pas.`,
        });
      }
    }),
  );

/** The photos every file includes: the call's rule and the form's slots (PHOTO_SLOTS). */
export const PHOTO_COUNT: number = PHOTO_SLOTS.length;

export const campaignInputSchema = z
  .object({
    title: z.string().check(z.trim(), z.minLength(3, 'Titre\u00a0: 3 caractères au moins.'), z.maxLength(120)),
    deadline: calendarDate(LABELS.deadline),
    notification: calendarDate(LABELS.notification),
    validationEnd: calendarDate(LABELS.validationEnd),
    launch: calendarDate(LABELS.launch),
    votingClose: calendarDate(LABELS.votingClose),
    reminderOffsets: z._default(
      z.array(z.number().check(z.int(), z.gte(1), z.lte(60))).check(z.maxLength(6)),
      [14, 3, 1],
    ),
    // The call asks for 4 photos and the form has 4 slots (PHOTO_SLOTS, the upload route): any other
    // count would make every file impossible to complete (5 to 8) or differ from the call's rules.
    photoCount: z._default(
      z
        .number({ error: `Nombre de photos\u00a0: l’appel en demande ${PHOTO_COUNT}.` })
        .check(
          z.refine(
            (n): boolean => n === PHOTO_COUNT,
            `Nombre de photos\u00a0: l’appel en demande ${PHOTO_COUNT}, ni plus ni moins (le formulaire a ${PHOTO_COUNT} emplacements).`,
          ),
        ),
      PHOTO_COUNT,
    ),
    target: z._default(z.number().check(z.int(), z.gte(1), z.lte(1000)), 50),
  })
  .check(
    z.superRefine((input, ctx) => {
      const instants = toInstants(input);
      if (!instants) return; // date issues already reported field by field
      for (let i = 1; i < ORDER.length; i += 1) {
        const before = ORDER[i - 1]!;
        const after = ORDER[i]!;
        if (instants[after] <= instants[before]) {
          ctx.addIssue({
            code: 'custom',
            path: [after],
            message: `${LABELS[after]}\u00a0: doit venir après «\u00a0${LABELS[before].toLowerCase()}\u00a0».`,
          });
        }
      }
    }),
  );
export type CampaignInput = z.infer<typeof campaignInputSchema>;

/** The instants (Paris offsets) of an input's calendar dates; undefined when a date does not exist. */
export function campaignInstants(input: Pick<CampaignInput, DateField>): Record<DateField, string> | undefined {
  return toInstants(input);
}

function toInstants(input: Pick<CampaignInput, DateField>): Record<DateField, string> | undefined {
  const out = {} as Record<DateField, string>;
  for (const field of ORDER) {
    const dt = DateTime.fromISO(input[field], { zone: ZONE }).set(LOCAL_TIMES[field]);
    if (!dt.isValid) return undefined;
    out[field] = dt.toISO({ suppressMilliseconds: true })!;
  }
  return out;
}

/** The campaign's instants once opened at `openedAt`; refuses a timeline longer than Step Functions allows. */
export function campaignDates(input: CampaignInput, openedAt: Date): Campaign['dates'] | { error: string } {
  const instants = toInstants(input)!;
  const open = DateTime.fromJSDate(openedAt, { zone: ZONE }).toISO({ suppressMilliseconds: true })!;
  if (Date.parse(instants.deadline) <= openedAt.getTime()) {
    return { error: `${LABELS.deadline}\u00a0: elle est déjà passée\u202f; choisissez une date à venir.` };
  }
  const spanDays = (Date.parse(instants.votingClose) - openedAt.getTime()) / 86_400_000;
  if (spanDays > MAX_SPAN_DAYS) {
    return {
      error: `Le calendrier dure ${Math.ceil(spanDays)} jours de l’ouverture à la clôture des votes\u00a0: ${MAX_SPAN_DAYS} jours au plus.`,
    };
  }
  return { open, ...instants };
}

/**
 * The call's own calendar for a year (seed 000): deadline on 29 February, or the last day of February
 * when the year has none; decisions mid-March; validation until mid-May; launch the next day; votes
 * for six weeks.
 */
export function defaultCampaignInput(year: number): CampaignInput {
  const feb = DateTime.fromObject({ year, month: 2 }, { zone: ZONE }).endOf('month').toISODate()!;
  return {
    title: `Nos territoires ont de l’avenir ${year}`,
    deadline: feb,
    notification: `${year}-03-15`,
    validationEnd: `${year}-05-15`,
    launch: `${year}-05-16`,
    votingClose: `${year}-06-30`,
    reminderOffsets: [14, 3, 1],
    photoCount: PHOTO_COUNT,
    target: 50,
  };
}

export function newCampaign(id: string, input: CampaignInput): Omit<Campaign, 'dates'> & { input: CampaignInput } {
  return {
    id,
    title: input.title,
    phase: 'draft',
    photoCount: input.photoCount,
    target: input.target,
    reminderOffsets: input.reminderOffsets,
    axes: AXES.map((a) => ({ ...a })),
    input,
  };
}

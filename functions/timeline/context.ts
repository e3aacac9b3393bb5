import * as z from 'zod/mini';
import type { CampaignRecord } from '../domain/timeline.ts';
import type { AppContext } from '../services/context.ts';

/** What every timeline task receives from the state machine (built by infra/constructs/timeline.ts). */
export const TIMELINE_ACTIONS = [
  'plan',
  'remind',
  'close',
  'check-decisions',
  'alert-undecided',
  'notify',
  'validation-reminder',
  'close-validation',
  'launch',
  'close-voting',
  'report-failure',
] as const;
export type TimelineAction = (typeof TIMELINE_ACTIONS)[number];

export const timelineEventSchema = z.object({
  action: z.enum(TIMELINE_ACTIONS),
  campaignId: z.string().check(z.minLength(1), z.maxLength(100)),
  datesVersion: z.number().check(z.int(), z.gte(1)),
  /** The instant the Wait before this task waited for (a task that follows a Wait runs at or after it). */
  dueAt: z.optional(z.iso.datetime({ offset: true })),
  /** remind: days before the deadline. */
  offset: z.optional(z.number().check(z.int(), z.gte(1), z.lte(60))),
  /** report-failure: the error caught by the state machine, and its execution's name. */
  error: z.optional(z.object({ Error: z.string(), Cause: z.optional(z.string()) })),
  execution: z.optional(z.string()),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

/**
 * Thrown when the campaign's dates changed after this execution started: a newer execution
 * (`datesVersion + 1`) carries the timeline on, this one ends (the state machine catches it by name).
 */
export class Superseded extends Error {
  override name = 'Superseded';
}

/** Thrown at the close while a file uploaded just before the deadline is still being checked: the task is retried. */
export class FilesStillProcessing extends Error {
  override name = 'FilesStillProcessing';
}

/** The campaign, read consistently, if this execution is still the one in charge of it. */
export async function loadCampaign(ctx: AppContext, event: TimelineEvent): Promise<CampaignRecord> {
  const campaign = await ctx.campaigns.get(event.campaignId, { consistent: true });
  if (!campaign) throw new Error(`campaign ${event.campaignId} not found`);
  if ((campaign.datesVersion ?? 1) !== event.datesVersion) {
    throw new Superseded(
      `campaign ${campaign.id} is at dates version ${campaign.datesVersion}, this execution runs version ${event.datesVersion}`,
    );
  }
  return campaign;
}

/** Runs `fn` over `items`, a few at a time (each sends emails and writes a few items). */
export async function forEachLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export const applicant = (app: { fields: { contact?: { firstName?: string }; initiative?: { name?: string } } }) => ({
  firstName: app.fields.contact?.firstName,
  initiativeName: app.fields.initiative?.name,
});

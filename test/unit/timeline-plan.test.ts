import { describe, expect, it } from 'vitest';
import { campaignDates, campaignInputSchema, defaultCampaignInput } from '../../functions/domain/campaign-config.ts';
import {
  acceptsChanges,
  CAMPAIGN_PHASES,
  closingInstant,
  movesForward,
  phasesBefore,
  type Campaign,
} from '../../functions/domain/campaign.ts';
import {
  awaitingArticleApproval,
  changeDates,
  computePlan,
  nextDecisionCheck,
  undecided,
  type CampaignRecord,
} from '../../functions/domain/timeline.ts';

/** An opened campaign of the call's default calendar for `year`. */
function opened(year: number, openedAt: string, overrides: Partial<CampaignRecord> = {}): CampaignRecord {
  const input = campaignInputSchema.parse(defaultCampaignInput(year));
  const dates = campaignDates(input, new Date(openedAt));
  if ('error' in dates) throw new Error(dates.error);
  return {
    id: 'c1',
    title: input.title,
    phase: 'open',
    dates,
    photoCount: 4,
    target: 50,
    reminderOffsets: input.reminderOffsets,
    axes: [],
    input,
    datesVersion: 1,
    steps: {},
    createdAt: openedAt,
    updatedAt: openedAt,
    ...overrides,
  };
}

describe('the plan the state machine waits on', () => {
  it('reminds 14, 3 and 1 days before a 29 February deadline, at 09:00 Paris (08:00 UTC in winter), earliest first', () => {
    const plan = computePlan(opened(2028, '2028-01-10T10:00:00Z'), new Date('2028-01-10T10:00:00Z'));
    expect(plan.reminders).toEqual([
      { at: '2028-02-15T08:00:00Z', offset: 14 },
      { at: '2028-02-26T08:00:00Z', offset: 3 },
      { at: '2028-02-28T08:00:00Z', offset: 1 },
    ]);
    expect(plan.skippedReminders).toEqual([]);
  });

  it('counts back from 28 February in a year without 29 February', () => {
    const plan = computePlan(opened(2027, '2026-11-23T10:00:00Z'), new Date('2026-11-23T10:00:00Z'));
    expect(plan.reminders.map((r) => r.at)).toEqual([
      '2027-02-14T08:00:00Z',
      '2027-02-25T08:00:00Z',
      '2027-02-27T08:00:00Z',
    ]);
  });

  it('closes applications the first second after the deadline (00:00:00 Paris), in UTC with Z', () => {
    const campaign = opened(2028, '2028-01-10T10:00:00Z');
    const plan = computePlan(campaign, new Date('2028-01-10T10:00:00Z'));
    expect(plan.close).toBe('2028-02-29T23:00:00Z');
    expect(closingInstant(campaign).toISOString()).toBe('2028-02-29T23:00:00.000Z');
    expect(plan.notification).toBe('2028-03-15T08:00:00Z');
    expect(plan.closeValidation).toBe('2028-05-15T22:00:00Z'); // 16 May 00:00 Paris, summer time
    expect(plan.launch).toBe('2028-05-16T07:00:00Z');
    expect(plan.closeVoting).toBe('2028-06-30T22:00:00Z');
    for (const at of [plan.close, plan.notification, plan.closeValidation, plan.launch, plan.closeVoting])
      expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('accepts the whole last second of the deadline and nothing after', () => {
    const campaign: Campaign = opened(2028, '2028-01-10T10:00:00Z');
    expect(acceptsChanges(campaign, new Date('2028-02-29T22:59:59.000Z'))).toBe(true); // 23:59:59 Paris
    expect(acceptsChanges(campaign, new Date('2028-02-29T22:59:59.999Z'))).toBe(true);
    expect(acceptsChanges(campaign, new Date('2028-02-29T23:00:00.000Z'))).toBe(false); // 00:00:00 Paris
    expect(acceptsChanges({ ...campaign, phase: 'review' }, new Date('2028-02-29T22:00:00Z'))).toBe(false);
  });

  it('skips the reminders whose time has passed, and those already sent', () => {
    const campaign = opened(2028, '2028-02-20T10:00:00Z');
    const plan = computePlan(campaign, new Date('2028-02-20T10:00:00Z'));
    expect(plan.reminders.map((r) => r.offset)).toEqual([3, 1]);
    expect(plan.skippedReminders).toEqual([14]);
    const replanned = computePlan(
      { ...campaign, steps: { 'remind:3': '2028-02-26T08:00:01Z' } },
      new Date('2028-02-20T10:00:00Z'),
    );
    expect(replanned.reminders.map((r) => r.offset)).toEqual([1]);
    expect(replanned.skippedReminders).toEqual([14, 3]);
  });

  it('plans weekly validation reminders at 09:00 Paris across the change to summer time, until the validation end', () => {
    const plan = computePlan(opened(2028, '2028-01-10T10:00:00Z'), new Date('2028-01-10T10:00:00Z'));
    expect(plan.validationReminders.map((r) => r.at)).toEqual([
      '2028-03-22T08:00:00Z',
      '2028-03-29T07:00:00Z', // summer time from 26 March 2028
      '2028-04-05T07:00:00Z',
      '2028-04-12T07:00:00Z',
      '2028-04-19T07:00:00Z',
      '2028-04-26T07:00:00Z',
      '2028-05-03T07:00:00Z',
      '2028-05-10T07:00:00Z',
    ]);
    const later = computePlan(opened(2028, '2028-01-10T10:00:00Z'), new Date('2028-04-20T00:00:00Z'));
    expect(later.validationReminders[0]!.at).toBe('2028-04-26T07:00:00Z');
  });

  it('re-checks undecided files the next day at 09:00 Paris', () => {
    expect(nextDecisionCheck('2028-03-15T08:00:00Z', new Date('2028-03-15T08:00:01Z'))).toBe('2028-03-16T08:00:00Z');
    expect(nextDecisionCheck('2028-03-25T08:00:00Z', new Date('2028-03-25T08:00:00Z'))).toBe('2028-03-26T07:00:00Z'); // DST night
  });
});

describe('phases', () => {
  it('only move forward: draft → open → review → validation → launched → closed', () => {
    expect(CAMPAIGN_PHASES).toEqual(['draft', 'open', 'review', 'validation', 'launched', 'closed']);
    expect(phasesBefore('review')).toEqual(['draft', 'open']);
    expect(phasesBefore('closed')).toEqual(['draft', 'open', 'review', 'validation', 'launched']);
    expect(movesForward('open', 'review')).toBe(true);
    expect(movesForward('review', 'review')).toBe(false);
    expect(movesForward('launched', 'validation')).toBe(false);
    for (const [i, phase] of CAMPAIGN_PHASES.entries()) {
      for (const earlier of CAMPAIGN_PHASES.slice(0, i + 1)) expect(phasesBefore(earlier)).not.toContain(phase);
    }
  });
});

describe('decisions', () => {
  const decision = (outcome: 'selected' | 'not-selected') => ({
    outcome,
    decidedBy: 'a@example.org',
    decidedAt: '2028-03-02T10:00:00Z',
  });
  it('wait for every file complete at the close, and only those', () => {
    const apps = [
      { id: 'a', closedStatus: 'complete' as const, decision: decision('selected') },
      { id: 'b', closedStatus: 'complete' as const },
      { id: 'c', closedStatus: 'incomplete' as const },
      { id: 'd', closedStatus: 'draft' as const },
    ];
    expect(undecided(apps).map((a) => a.id)).toEqual(['b']);
  });

  it('remind selected files until their article is approved', () => {
    const apps = [
      { id: 'a', decision: decision('selected'), decisionSentAt: 'x' },
      { id: 'b', decision: decision('selected'), decisionSentAt: 'x', articleStatus: 'approved' },
      { id: 'c', decision: decision('not-selected'), decisionSentAt: 'x' },
      { id: 'd', decision: decision('selected') },
    ];
    expect(awaitingArticleApproval(apps).map((a) => a.id)).toEqual(['a']);
  });
});

describe('changing dates after opening', () => {
  const input = (changes: Partial<ReturnType<typeof defaultCampaignInput>>) =>
    campaignInputSchema.parse({ ...defaultCampaignInput(2028), ...changes });
  // The schema fixes the photo count at 4; the date-change rule still guards a stored campaign's count.

  it('restarts the timeline when a future date changes', () => {
    const campaign = opened(2028, '2028-01-10T10:00:00Z');
    const change = changeDates(campaign, input({ notification: '2028-03-20' }), new Date('2028-02-01T00:00:00Z'));
    expect(change).toMatchObject({ ok: true, restart: true, changedSteps: ['notify'] });
    expect(change.ok && change.dates.notification).toBe('2028-03-20T09:00:00+01:00');
    expect(change.ok && change.dates.open).toBe(campaign.dates.open);
  });

  it('does not restart for a title or a target', () => {
    const campaign = opened(2028, '2028-01-10T10:00:00Z');
    expect(
      changeDates(campaign, input({ title: 'Autre titre', target: 40 }), new Date('2028-02-01T00:00:00Z')),
    ).toMatchObject({ ok: true, restart: false });
    expect(changeDates(campaign, input({ reminderOffsets: [7, 2] }), new Date('2028-02-01T00:00:00Z'))).toMatchObject({
      ok: true,
      restart: true,
      changedSteps: [],
    });
  });

  it('refuses, in French, the date of a step already done, a date in the past, and a new photo count', () => {
    const campaign = opened(2028, '2028-01-10T10:00:00Z', {
      phase: 'review',
      steps: { close: '2028-02-29T23:00:00.120Z' },
    });
    const change = changeDates(
      campaign,
      { ...input({ deadline: '2028-03-05', notification: '2028-03-10' }), photoCount: 3 },
      new Date('2028-03-11T12:00:00Z'),
    );
    expect(change.ok).toBe(false);
    expect(!change.ok && change.issues).toEqual([
      {
        field: 'deadline',
        message:
          'Date limite de dépôt\u00a0: cette étape a déjà eu lieu (le 1er mars 2028)\u202f; sa date ne peut plus être modifiée.',
      },
      { field: 'notification', message: 'Annonce des décisions\u00a0: choisissez une date à venir.' },
      { field: 'photoCount', message: expect.stringMatching(/^Nombre de photos\u00a0: il ne peut plus changer/) },
    ]);
  });

  it('lets a draft change anything', () => {
    const campaign = { ...opened(2028, '2028-01-10T10:00:00Z'), phase: 'draft' as const, datesVersion: 0 };
    expect(
      changeDates(campaign, { ...input({ deadline: '2028-02-20' }), photoCount: 3 }, new Date('2028-01-01T00:00:00Z')),
    ).toMatchObject({ ok: true, restart: false });
  });
});

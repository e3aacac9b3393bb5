import { describe, expect, it } from 'vitest';
import { campaignDates, defaultCampaignInput } from '../../functions/domain/campaign-config.ts';
import { firstCallDecision } from '../../infra/local/first-call.ts';

/**
 * `npm start` on an empty database opens the current (or next) edition's call with the default
 * calendar: which input, or none, from the campaigns listed and today.
 */
describe('the call npm start opens on an empty database', () => {
  it('opens nothing when any campaign exists, even a draft or a closed one', () => {
    expect(firstCallDecision([{ id: 'c1', phase: 'draft' }], new Date('2026-12-02T05:00:00Z'))).toEqual({
      action: 'none',
      reason: 'campaigns-exist',
    });
    expect(firstCallDecision([{ id: 'c1', phase: 'closed' }], new Date('2027-01-10T10:00:00Z'))).toEqual({
      action: 'none',
      reason: 'campaigns-exist',
    });
  });

  it('opens the next edition in December, with the default calendar that the opening accepts', () => {
    const now = new Date('2026-12-02T05:00:00Z');
    const decision = firstCallDecision([], now);
    expect(decision).toEqual({ action: 'open', year: 2027, input: defaultCampaignInput(2027) });
    expect(decision.action === 'open' && campaignDates(decision.input, now)).toMatchObject({
      deadline: '2027-02-28T23:59:59+01:00',
    });
  });

  it('opens the current edition until its deadline (Paris time), the next one after', () => {
    expect(firstCallDecision([], new Date('2028-01-15T10:00:00Z'))).toMatchObject({
      action: 'open',
      year: 2028,
      input: { deadline: '2028-02-29' },
    });
    // 29 February 2028 at 23:59 in Paris (22:59 UTC): still this year's call.
    expect(firstCallDecision([], new Date('2028-02-29T22:59:00Z'))).toMatchObject({ action: 'open', year: 2028 });
    // One second past the deadline in Paris, though still 29 February in UTC: the next edition, too early to open.
    expect(firstCallDecision([], new Date('2028-02-29T23:00:00Z'))).toMatchObject({
      action: 'none',
      reason: 'too-early',
      year: 2029,
    });
    // From July, the next edition's calendar fits in a year (a Step Functions execution).
    expect(firstCallDecision([], new Date('2027-09-01T08:00:00Z'))).toMatchObject({
      action: 'open',
      year: 2028,
      input: defaultCampaignInput(2028),
    });
  });

  it('says, in French, from which day the next call can open when its calendar does not fit in a year yet', () => {
    const decision = firstCallDecision([], new Date('2027-04-10T10:00:00Z'));
    expect(decision).toEqual({
      action: 'none',
      reason: 'too-early',
      year: 2028,
      // Votes close on 30 June 2028 at 23:59:59; 365 days before is 1 July 2027 at 23:59:59 (2028 has a 29 February).
      from: '2027-07-02',
      message:
        'Aucun appel ouvert automatiquement\u00a0: le calendrier par défaut de l’appel 2028 (clôture des votes le 30 juin 2028) ne peut s’ouvrir qu’à partir du 2 juillet 2027. Créez une campagne dans la console («\u00a0Campagnes\u00a0»).',
    });
    // The day given is the first one that works: at its midnight the call opens, the day before it cannot.
    expect(firstCallDecision([], new Date('2027-07-01T22:00:00Z'))).toMatchObject({ action: 'open', year: 2028 });
    expect(firstCallDecision([], new Date('2027-07-01T12:00:00Z'))).toMatchObject({
      action: 'none',
      reason: 'too-early',
      from: '2027-07-02',
    });
  });
});

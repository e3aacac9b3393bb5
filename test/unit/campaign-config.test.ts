import { describe, expect, it } from 'vitest';
import { PHOTO_SLOTS, uploadRequestSchema } from '../../functions/domain/application.ts';
import {
  campaignDates,
  campaignInputSchema,
  defaultCampaignInput,
  PHOTO_COUNT,
} from '../../functions/domain/campaign-config.ts';

describe('campaign dates', () => {
  it('default to 29 February in a leap year and the last day of February otherwise', () => {
    expect(defaultCampaignInput(2028).deadline).toBe('2028-02-29');
    expect(defaultCampaignInput(2027).deadline).toBe('2027-02-28');
    expect(defaultCampaignInput(2100).deadline).toBe('2100-02-28');
  });

  it('refuse a 29 February that does not exist and propose the last day of February', () => {
    const parsed = campaignInputSchema.safeParse({ ...defaultCampaignInput(2027), deadline: '2027-02-29' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues).toEqual([
      expect.objectContaining({
        path: ['deadline'],
        message: 'Date limite de dépôt\u00a0: le 29/02/2027 n’existe pas. Proposez le 28 février 2027.',
      }),
    ]);
  });

  it('close the deadline at 23:59:59 Paris time (UTC+1 in winter) and announce at 09:00 (UTC+1 or +2)', () => {
    const input = campaignInputSchema.parse(defaultCampaignInput(2028));
    const dates = campaignDates(input, new Date('2028-01-10T10:00:00Z'));
    expect(dates).toMatchObject({
      deadline: '2028-02-29T23:59:59+01:00',
      notification: '2028-03-15T09:00:00+01:00',
      launch: '2028-05-16T09:00:00+02:00',
    });
    expect(Date.parse((dates as { deadline: string }).deadline)).toBe(Date.parse('2028-02-29T22:59:59Z'));
  });

  it('require the dates in order', () => {
    const parsed = campaignInputSchema.safeParse({ ...defaultCampaignInput(2028), notification: '2028-02-20' });
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toEqual(['notification']);
  });

  it('refuse a timeline longer than a Step Functions execution and a deadline already past', () => {
    const input = campaignInputSchema.parse({ ...defaultCampaignInput(2028), votingClose: '2029-01-31' });
    expect(campaignDates(input, new Date('2027-12-01T00:00:00Z'))).toEqual({
      error: expect.stringMatching(/365 jours au plus/),
    });
    expect(
      campaignDates(campaignInputSchema.parse(defaultCampaignInput(2028)), new Date('2028-03-01T00:00:00Z')),
    ).toEqual({
      error: expect.stringMatching(/déjà passée/),
    });
  });
});

describe('campaign photo count', () => {
  const photo = (slot: number) =>
    uploadRequestSchema.safeParse({ kind: 'photo', slot, contentType: 'image/jpeg', size: 1000 }).success;

  it('is the 4 photos the call asks for, the form’s 4 slots, and the default', () => {
    expect(PHOTO_COUNT).toBe(4);
    expect(PHOTO_SLOTS).toEqual([1, 2, 3, 4]);
    // The upload request accepts exactly the slots 1 to PHOTO_COUNT.
    expect([0, 1, 2, 3, 4, 5].map(photo)).toEqual([false, true, true, true, true, false]);
    expect(defaultCampaignInput(2028).photoCount).toBe(4);
    const { photoCount, ...withoutCount } = defaultCampaignInput(2028);
    expect(photoCount).toBe(4);
    expect(campaignInputSchema.parse(withoutCount).photoCount).toBe(4);
    expect(campaignInputSchema.parse({ ...defaultCampaignInput(2028), photoCount: 4 }).photoCount).toBe(4);
  });

  it('refuses any other count, in French, on the photoCount field (5 to 8 could never be completed)', () => {
    for (const count of [1, 3, 5, 8, 4.5]) {
      const parsed = campaignInputSchema.safeParse({ ...defaultCampaignInput(2028), photoCount: count });
      expect(parsed.success, `photoCount ${count}`).toBe(false);
      expect(parsed.error!.issues).toEqual([
        expect.objectContaining({
          path: ['photoCount'],
          message: 'Nombre de photos\u00a0: l’appel en demande 4, ni plus ni moins (le formulaire a 4 emplacements).',
        }),
      ]);
    }
    const text = campaignInputSchema.safeParse({ ...defaultCampaignInput(2028), photoCount: 'quatre' });
    expect(text.error!.issues).toEqual([
      expect.objectContaining({ path: ['photoCount'], message: 'Nombre de photos\u00a0: l’appel en demande 4.' }),
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { campaignDates, campaignInputSchema, defaultCampaignInput } from '../../functions/domain/campaign-config.ts';

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
      expect.objectContaining({ path: ['deadline'], message: 'Date limite de dépôt : le 29/02/2027 n\'existe pas. Proposez le 28 février 2027.' }),
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
    expect(campaignDates(input, new Date('2027-12-01T00:00:00Z'))).toEqual({ error: expect.stringMatching(/365 jours au plus/) });
    expect(campaignDates(campaignInputSchema.parse(defaultCampaignInput(2028)), new Date('2028-03-01T00:00:00Z'))).toEqual({
      error: expect.stringMatching(/déjà passée/),
    });
  });
});

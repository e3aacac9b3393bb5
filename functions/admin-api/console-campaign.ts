import { notFound } from '../domain/errors.ts';
import type { CampaignRecord } from '../domain/timeline.ts';
import type { AppContext } from '../services/context.ts';

/**
 * The campaign asked for, else the current one (open, else the newest opened), else the newest draft.
 * A module of its own: the audit (loaded with the router at every cold start) needs it, not the list's libraries.
 */
export async function consoleCampaign(ctx: AppContext, campaignId?: string): Promise<CampaignRecord> {
  const campaign = campaignId
    ? await ctx.campaigns.get(campaignId)
    : (((await ctx.campaigns.current()) as CampaignRecord | undefined) ?? (await ctx.campaigns.list())[0]);
  if (!campaign)
    throw notFound(
      campaignId ? 'Campagne introuvable.' : 'Aucune campagne\u00a0: créez-en une dans «\u00a0Campagnes\u00a0».',
    );
  return campaign;
}

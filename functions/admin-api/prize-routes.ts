import { invalid } from '../domain/errors.ts';
import { prizesInputSchema, unknownPrizeAxes } from '../domain/prizes.ts';
import { now } from '../shared/clock.ts';
import { json, parseBody, type RouteContext } from '../shared/http.ts';
import { voteContext } from '../services/votes.ts';
import { publishSite } from '../timeline/publish-site.ts';
import { consoleCampaign } from './console-campaign.ts';
import { requireAdmin } from './require-admin.ts';

/**
 * PUT /api/admin/campaigns/:id/prizes {prizes: {<axis id>: text}}: the prize of each axis's winners
 * (functions/domain/prizes.ts). An empty text removes it. Once the results are frozen the results
 * page is online: the site is published again so that it shows the new wording.
 */
export async function putPrizes({ event, params }: RouteContext) {
  requireAdmin(event);
  const ctx = voteContext();
  const { prizes } = parseBody(event, prizesInputSchema);
  const campaign = await consoleCampaign(ctx, params.id!);
  const unknown = unknownPrizeAxes(campaign, prizes);
  if (unknown.length)
    throw invalid(
      unknown.map((id) => ({ field: `prizes.${id}`, message: `Axe inconnu pour cette campagne\u00a0: ${id}.` })),
    );
  const kept = Object.fromEntries(Object.entries(prizes).filter(([, text]) => text));
  await ctx.campaigns.update(campaign.id, { prizes: kept, updatedAt: now().toISOString() });
  const results = await ctx.votes.results(campaign.id);
  const republished = results?.state === 'frozen';
  // The current campaign's publication renders every edition, this one included (under its year).
  if (republished) await publishSite(undefined);
  return json(200, { campaign: { id: campaign.id, title: campaign.title }, prizes: kept, republished });
}

import { DateTime } from 'luxon';
import { PublishedInitiativeStore } from '../adapters/published-initiative-store.ts';
import { AXES, axisLabel } from '../domain/axes.ts';
import { ZONE } from '../domain/campaign.ts';
import { conflict } from '../domain/errors.ts';
import type { VoteReport } from '../domain/admin-views.ts';
import type { CampaignRecord } from '../domain/timeline.ts';
import {
  anomalies,
  resultsByAxis,
  resultsCsv,
  votingClosesAt,
  votingOpensAt,
  votingSettings,
  votingSettingsSchema,
  votingState,
  type ResultRow,
  type Tally,
} from '../domain/votes.ts';
import { now } from '../shared/clock.ts';
import { csvDownload, json, parseBody, type RouteContext } from '../shared/http.ts';
import { voteContext, type VoteContext } from '../services/votes.ts';
import { consoleCampaign } from './console-campaign.ts';
import { requireAdmin } from './require-admin.ts';

/**
 * The vote in the console: counts per initiative and per axis, winners per axis, the anomaly view
 * (bursts by email domain or connection), the CSV export, and the campaign's voting rule. Live
 * counters until the close; the frozen results after it.
 */

interface InitiativeInfo {
  title: string;
  company: string;
  region: string;
  axis: string;
}

async function initiativesOf(
  ctx: VoteContext,
  campaignId: string,
  tallies: Tally[],
): Promise<Map<string, InitiativeInfo>> {
  const published = await new PublishedInitiativeStore(ctx.clients.dynamo, ctx.env.TABLE_NAME).forCampaign(campaignId);
  const info = new Map<string, InitiativeInfo>(
    published.map((p) => [
      p.id,
      { title: p.article.title, company: p.company.name, region: p.company.region, axis: p.axis },
    ]),
  );
  // Voted for, then unpublished: still counted, still shown.
  for (const t of tallies.filter((t) => !info.has(t.initiativeId))) {
    const found = await ctx.votes.initiative(t.initiativeId);
    info.set(t.initiativeId, {
      title: found?.title ?? t.initiativeId,
      company: found?.company ?? '',
      region: found?.region ?? '',
      axis: t.axis,
    });
  }
  return info;
}

export async function voteReport(ctx: VoteContext, campaign: CampaignRecord): Promise<VoteReport> {
  const settings = votingSettings(campaign);
  const [results, votes] = await Promise.all([ctx.votes.results(campaign.id), ctx.votes.confirmedVotes(campaign.id)]);
  const frozen = results?.state === 'frozen';
  const counted = frozen && results.tallies ? results.tallies : await ctx.votes.tallies(campaign.id);
  const info = await initiativesOf(ctx, campaign.id, counted);
  const byId = new Map(counted.map((t) => [t.initiativeId, t]));
  const tallies: Tally[] = [...info].map(([id, i]) => byId.get(id) ?? { initiativeId: id, axis: i.axis, votes: 0 });
  const axes = resultsByAxis(tallies, campaign.axes.length ? campaign.axes : AXES);
  const rankOf = new Map(axes.flatMap((a) => a.ranking.map((r) => [r.initiativeId, r.rank] as const)));
  const winners = new Set(axes.flatMap((a) => a.winners));
  const title = (id: string) => info.get(id)?.title ?? id;
  const initiatives = tallies
    .map((t) => {
      const i = info.get(t.initiativeId)!;
      return {
        id: t.initiativeId,
        title: i.title,
        company: i.company,
        region: i.region,
        axis: t.axis,
        axisLabel: axisLabel(t.axis),
        votes: t.votes,
        rank: rankOf.get(t.initiativeId) ?? 0,
        winner: winners.has(t.initiativeId),
      };
    })
    .sort((a, b) => b.votes - a.votes || a.title.localeCompare(b.title, 'fr'));
  const found = anomalies(votes);
  const named = (list: typeof found.byIp) =>
    list.map((b) => ({ ...b, initiatives: b.initiatives.map((i) => ({ ...i, title: title(i.initiativeId) })) }));
  return {
    campaign: { id: campaign.id, title: campaign.title, phase: campaign.phase },
    voting: {
      ...settings,
      state: results ? 'closed' : votingState(campaign, now()),
      opensAt: votingOpensAt(campaign).toISOString(),
      closesAt: votingClosesAt(campaign).toISOString(),
      frozenAt: results?.frozenAt ?? null,
      frozen,
    },
    total: tallies.reduce((sum, t) => sum + t.votes, 0),
    voters: new Set(votes.map((v) => v.emailHash)).size,
    initiatives,
    axes: axes.map((a) => ({
      id: a.id,
      label: a.label,
      votes: a.votes,
      winners: a.winners.map((id) => ({ id, title: title(id), votes: byId.get(id)?.votes ?? 0 })),
    })),
    anomalies: { ...found, byDomain: named(found.byDomain), byIp: named(found.byIp) },
    /** The prize wording per axis (PUT …/prizes). */
    prizes: campaign.prizes ?? {},
  };
}

/** GET /api/admin/votes?campaignId= */
export async function getVotes({ event }: RouteContext) {
  requireAdmin(event);
  const ctx = voteContext();
  const campaign = await consoleCampaign(ctx, event.queryStringParameters?.campaignId || undefined);
  return json(200, await voteReport(ctx, campaign));
}

/** GET /api/admin/votes.csv?campaignId=: one row per initiative, for Excel (UTF-8 with BOM, semicolons). */
export async function exportVotes({ event }: RouteContext) {
  requireAdmin(event);
  const ctx = voteContext();
  const campaign = await consoleCampaign(ctx, event.queryStringParameters?.campaignId || undefined);
  const report = await voteReport(ctx, campaign);
  const rows: ResultRow[] = report.initiatives.map((i) => ({
    id: i.id,
    title: i.title,
    company: i.company,
    region: i.region,
    axis: i.axis,
    votes: i.votes,
    rank: i.rank,
    winner: i.winner,
  }));
  const day = DateTime.fromJSDate(now(), { zone: ZONE }).toFormat('yyyy-MM-dd');
  return csvDownload('votes', day, resultsCsv(rows));
}

/** PUT /api/admin/campaigns/:id/voting {maxPerEmail, showCounts}: the rule, until the results are frozen. */
export async function putVotingSettings({ event, params }: RouteContext) {
  requireAdmin(event);
  const ctx = voteContext();
  const voting = parseBody(event, votingSettingsSchema);
  const campaign = await consoleCampaign(ctx, params.id!);
  if (campaign.phase === 'closed' || (await ctx.votes.results(campaign.id)))
    throw conflict('Les résultats du vote sont figés\u00a0: sa règle ne peut plus changer.');
  const at = now().toISOString();
  if (!(await ctx.campaigns.update(campaign.id, { voting, updatedAt: at }, { phase: campaign.phase }))) {
    throw conflict('La campagne vient de changer\u00a0: rechargez-la puis réessayez.');
  }
  return json(200, { campaign: { id: campaign.id, title: campaign.title }, voting });
}

import { randomUUID } from 'node:crypto';
import { campaignDates, campaignInputSchema, campaignInstants, newCampaign } from '../domain/campaign-config.ts';
import { conflict, invalid, notFound } from '../domain/errors.ts';
import { changeDates, type CampaignRecord } from '../domain/timeline.ts';
import { now } from '../shared/clock.ts';
import { appContext, type AppContext } from '../services/context.ts';
import { json, parseBody, type RouteContext } from '../shared/http.ts';
import { requireAdmin } from './require-admin.ts';
import { ensureTimeline, executionStatus, stopTimeline } from './timeline-executions.ts';

/**
 * Campaigns in the console: create (draft), list, read, edit, open. Opening starts the campaign's
 * timeline; changing dates afterwards follows the date-change rule (functions/domain/timeline.ts,
 * README « Calendrier d'une campagne »).
 */

async function load(ctx: AppContext, id: string): Promise<CampaignRecord> {
  const campaign = await ctx.campaigns.get(id, { consistent: true });
  if (!campaign) throw notFound('Campagne introuvable.');
  return campaign;
}

/** POST /api/admin/campaigns: a draft; nothing is sent and nothing runs until it is opened. */
export async function createCampaign({ event }: RouteContext) {
  requireAdmin(event);
  const ctx = appContext();
  const input = parseBody(event, campaignInputSchema);
  const at = now().toISOString();
  const campaign: CampaignRecord = {
    ...newCampaign(randomUUID(), input),
    // Provisional until opened: `open` becomes the opening time.
    dates: { open: at, ...campaignInstants(input)! },
    datesVersion: 0,
    steps: {},
    createdAt: at,
    updatedAt: at,
  };
  await ctx.campaigns.create(campaign);
  return json(201, { campaign });
}

/** GET /api/admin/campaigns */
export async function listCampaigns({ event }: RouteContext) {
  requireAdmin(event);
  return json(200, { campaigns: await appContext().campaigns.list() });
}

/** GET /api/admin/campaigns/:id (with the state of its timeline execution). */
export async function getCampaign({ event, params }: RouteContext) {
  requireAdmin(event);
  const ctx = appContext();
  const campaign = await load(ctx, params.id!);
  const execution = campaign.executionArn
    ? await executionStatus(campaign.executionArn).catch(() => undefined)
    : undefined;
  return json(200, {
    campaign,
    execution: campaign.executionArn ? { arn: campaign.executionArn, status: execution ?? 'UNKNOWN' } : null,
  });
}

/** POST /api/admin/campaigns/:id/open: opens a draft and starts its timeline; on an open campaign, makes sure its timeline runs. */
export async function openCampaign({ event, params }: RouteContext) {
  requireAdmin(event);
  const ctx = appContext();
  let campaign = await load(ctx, params.id!);
  if (campaign.phase === 'draft') {
    const at = now();
    const dates = campaignDates(campaign.input, at);
    if ('error' in dates) throw invalid([{ field: 'deadline', message: dates.error }], dates.error);
    const openedAt = at.toISOString();
    await ctx.campaigns.update(
      campaign.id,
      { phase: 'open', dates, datesVersion: 1, openedAt, updatedAt: openedAt, gsi1sk: `${openedAt}#${campaign.id}` },
      { phase: 'draft' },
    );
    campaign = await load(ctx, campaign.id); // opened by this call or, a double click, by the other one
  }
  campaign = await ensureTimeline(ctx, campaign);
  return json(200, { campaign });
}

/** PUT /api/admin/campaigns/:id: edits a campaign (body: the whole campaign input). */
export async function updateCampaign({ event, params }: RouteContext) {
  requireAdmin(event);
  const ctx = appContext();
  const input = parseBody(event, campaignInputSchema);
  const campaign = await load(ctx, params.id!);
  const change = changeDates(campaign, input, now());
  if (!change.ok) throw invalid(change.issues, 'Ces changements ne sont pas possibles.');
  const at = now().toISOString();
  const set = {
    title: input.title,
    input,
    reminderOffsets: input.reminderOffsets,
    photoCount: input.photoCount,
    target: input.target,
    dates: change.dates,
    updatedAt: at,
  };
  const retry = () =>
    conflict('La campagne vient de changer (ouverture ou étape du calendrier)\u00a0: rechargez-la puis réessayez.');

  if (campaign.phase === 'draft' || !change.restart) {
    const where = campaign.phase === 'draft' ? { phase: 'draft' } : { datesVersion: campaign.datesVersion };
    if (!(await ctx.campaigns.update(campaign.id, set, where))) throw retry();
    return json(200, { campaign: await load(ctx, campaign.id) });
  }
  // Future dates changed: a new dates version, the running execution stopped, a new one started.
  const next = campaign.datesVersion + 1;
  if (
    !(await ctx.campaigns.update(
      campaign.id,
      { ...set, datesVersion: next },
      { datesVersion: campaign.datesVersion },
      change.changedSteps,
    ))
  )
    throw retry();
  await stopTimeline(campaign.executionArn, `Dates modifiées\u00a0: version ${next}`);
  const restarted = await ensureTimeline(ctx, await load(ctx, campaign.id));
  return json(200, { campaign: restarted });
}

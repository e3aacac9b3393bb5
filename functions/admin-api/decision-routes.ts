import { conflict, notFound } from '../domain/errors.ts';
import { decisionInputSchema, type Decision, type DecisionInput } from '../domain/timeline.ts';
import { now } from '../shared/clock.ts';
import { appContext, type AppContext } from '../services/context.ts';
import { json, parseBody, type RouteContext } from '../shared/http.ts';
import { requireAdmin, type AdminIdentity } from './require-admin.ts';

/**
 * PUT /api/admin/applications/:id/decision: selected or not, with the criteria of the call
 * (relevance to the axis, results) and a comment. Only for files complete at the deadline, between
 * the deadline and the announcement; decisions are emailed by the timeline, all at once.
 */
export async function putDecision({ event, params }: RouteContext) {
  const admin = requireAdmin(event);
  const body = parseBody(event, decisionInputSchema);
  const decision = await decide(appContext(), params.id!, body, admin);
  return json(200, { id: params.id, decision });
}

/** Records one decision under the rules above (shared with the console's bulk decisions). */
export async function decide(
  ctx: AppContext,
  id: string,
  body: DecisionInput,
  admin: AdminIdentity,
  campaignId?: string,
): Promise<Decision> {
  const parts = await ctx.applications.load(id);
  if (!parts || (campaignId && parts.app.campaignId !== campaignId)) throw notFound('Dossier introuvable.');
  const campaign = await ctx.campaigns.get(parts.app.campaignId, { consistent: true });
  if (!campaign) throw notFound('Campagne introuvable.');
  if (campaign.phase === 'draft' || campaign.phase === 'open')
    throw conflict('Les décisions se prennent après la date limite de dépôt.');
  if (parts.app.decisionSentAt || campaign.phase !== 'review')
    throw conflict('Les décisions ont déjà été annoncées\u00a0: elles ne peuvent plus changer.');
  if (parts.app.closedStatus !== 'complete')
    throw conflict('Ce dossier n’était pas complet à la date limite\u00a0: il n’est pas examiné.');
  const at = now().toISOString();
  const decision: Decision = { ...body, decidedBy: admin.email, decidedAt: at };
  if (!(await ctx.applications.setDecision(parts.app.id, decision)))
    throw conflict('Les décisions ont déjà été annoncées\u00a0: elles ne peuvent plus changer.');
  await ctx.applications.addHistory(parts.app.id, at, { type: 'decision', outcome: decision.outcome, by: admin.email });
  return decision;
}

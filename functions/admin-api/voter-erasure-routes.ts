import * as z from 'zod/mini';
import { eraseVoter, type VoterErasure } from '../adapters/voter-erasure.ts';
import { invalid, notFound } from '../domain/errors.ts';
import { emailHash, normaliseEmail } from '../domain/votes.ts';
import { appContext } from '../services/context.ts';
import { json, parseBody, type RouteContext } from '../shared/http.ts';
import { log } from '../shared/log.ts';
import { requireAdmin } from './require-admin.ts';
import type { VoterErasureView } from '../domain/admin-views.ts';

/** Why a voter's data was erased: codes only (the audit log keeps no address). */
export const VOTER_ERASURE_REASONS = ['data-subject-request', 'address-misused'] as const;

const voterErasureSchema = z.object({
  email: z
    .string({ error: 'Indiquez l’adresse électronique du votant.' })
    .check(z.trim(), z.minLength(3, 'Indiquez l’adresse électronique du votant.'), z.maxLength(254)),
  campaignId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  reason: z.enum(VOTER_ERASURE_REASONS, 'Choisissez le motif de la suppression.'),
});

/**
 * DELETE /api/admin/voters `{email, campaignId?, reason}`: right to erasure for a voter. The address
 * is normalised as the vote does (case, `+tag`, Gmail's dots), hashed per campaign, and what each
 * campaign (or the one named) holds of it is erased (functions/adapters/voter-erasure.ts); the counts
 * stay. Answers and audits counts only: the address is in neither the answer, the logs nor the audit.
 */
export async function eraseVoterData({ event }: RouteContext) {
  requireAdmin(event);
  const ctx = appContext();
  const input = parseBody(event, voterErasureSchema);
  const normalised = normaliseEmail(input.email);
  if (!normalised)
    throw invalid([
      {
        field: 'email',
        message: 'Adresse électronique\u00a0: vérifiez son format, par exemple prenom.nom@exemple.fr.',
      },
    ]);
  const campaigns = input.campaignId
    ? [await ctx.campaigns.get(input.campaignId)].filter((c) => c !== undefined)
    : await ctx.campaigns.list();
  if (input.campaignId && !campaigns.length) throw notFound('Campagne introuvable.');
  const erased: VoterErasure = { pending: 0, votes: 0, voters: 0 };
  for (const campaign of campaigns) {
    const one = await eraseVoter(
      ctx.clients.dynamo,
      ctx.env.TABLE_NAME,
      campaign.id,
      emailHash(campaign.id, normalised),
    );
    erased.pending += one.pending;
    erased.votes += one.votes;
    erased.voters += one.voters;
  }
  log.info('voter erased', {
    campaignId: input.campaignId ?? 'all',
    campaigns: campaigns.length,
    reason: input.reason,
    ...erased,
  });
  return json(200, {
    ...(input.campaignId && { campaignId: input.campaignId }),
    reason: input.reason,
    campaigns: campaigns.length,
    erased,
  } satisfies VoterErasureView);
}

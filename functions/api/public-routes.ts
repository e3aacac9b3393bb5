import * as z from 'zod/mini';
import { publicCampaign } from '../domain/campaign.ts';
import { notFound, invalid } from '../domain/errors.ts';
import { now } from '../shared/clock.ts';
import { appContext } from '../services/context.ts';
import { json, type RouteContext } from '../shared/http.ts';

/** GET /api/campaign: the call applicants can answer now (or the latest one, closed). */
export async function getCampaign() {
  const campaign = await appContext().campaigns.current();
  if (!campaign) throw notFound('Aucun appel à initiatives n’est ouvert pour le moment.');
  return json(200, publicCampaign(campaign, now()));
}

const postalCode = z.string().check(z.regex(/^\d{5}$/, 'Code postal\u00a0: 5 chiffres.'));

/** GET /api/communes?codePostal=75011: fills city, department and region in the form. */
export async function getCommunes({ event }: RouteContext) {
  const parsed = postalCode.safeParse(event.queryStringParameters?.codePostal ?? '');
  if (!parsed.success) throw invalid([{ field: 'codePostal', message: parsed.error.issues[0]!.message }]);
  // The official division (0.85 MB) loads on the first postal code asked, not at every cold start.
  const { communesForPostalCode } = await import('../domain/geo.ts');
  return json(200, { communes: communesForPostalCode(parsed.data) }, { 'cache-control': 'public, max-age=86400' });
}

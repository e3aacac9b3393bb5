import { defaultCampaignInput } from '../domain/campaign-config.ts';
import { now } from '../shared/clock.ts';
import { json, type RouteContext } from '../shared/http.ts';
import { requireAdmin } from './require-admin.ts';

/**
 * GET /api/admin/campaign-defaults: the call's own calendar for the next edition, to prefill the
 * console's « Nouvelle campagne » form (in January the deadline of the current year is still ahead).
 */
export function getCampaignDefaults({ event }: RouteContext) {
  requireAdmin(event);
  const today = now();
  return json(200, defaultCampaignInput(today.getUTCFullYear() + (today.getUTCMonth() === 0 ? 0 : 1)));
}

import { DateTime } from 'luxon';
import {
  campaignDates,
  campaignInputSchema,
  campaignInstants,
  defaultCampaignInput,
  MAX_SPAN_DAYS,
  type CampaignInput,
} from '../../functions/domain/campaign-config.ts';
import { formatParisDate, ZONE } from '../../functions/domain/campaign.ts';
import { fr } from '../../functions/domain/french.ts';
import type { CampaignRecord } from '../../functions/domain/timeline.ts';
import { adminApi } from './admin-api-client.ts';

/**
 * `npm start` on an empty database: the current (or next) edition's call is opened with the call's
 * default calendar, so that the form works at once. It goes through the admin API as the local admin,
 * as the console does (create, then open: the timeline starts as in real use). Never when any
 * campaign exists, and only for `npm start` (the test stacks create their own campaigns).
 */

export type FirstCallDecision =
  | { action: 'open'; year: number; input: CampaignInput }
  | { action: 'none'; reason: 'campaigns-exist' }
  /** The next edition's default calendar does not fit in a year from today (a Step Functions execution): not yet. */
  | { action: 'none'; reason: 'too-early'; year: number; from: string; message: string };

/**
 * Which call to open, given the campaigns listed by the admin API and today (the stack's clock):
 * none if any campaign exists; else the default calendar of the first edition whose deadline is
 * still ahead (this year's until its end of February, next year's after), if it can open today.
 */
export function firstCallDecision(campaigns: readonly unknown[], now: Date): FirstCallDecision {
  if (campaigns.length > 0) return { action: 'none', reason: 'campaigns-exist' };
  let year = DateTime.fromJSDate(now, { zone: ZONE }).year;
  while (Date.parse(campaignInstants(defaultCampaignInput(year))!.deadline) <= now.getTime()) year += 1;
  const input = campaignInputSchema.parse(defaultCampaignInput(year));
  const dates = campaignDates(input, now);
  if ('error' in dates) {
    // The only refusal left is the span: the first day from which the whole timeline fits in a year.
    const earliest = DateTime.fromISO(campaignInstants(input)!.votingClose, { zone: ZONE }).minus({
      days: MAX_SPAN_DAYS,
    });
    const from = (
      earliest.equals(earliest.startOf('day')) ? earliest : earliest.plus({ days: 1 }).startOf('day')
    ).toISODate()!;
    return {
      action: 'none',
      reason: 'too-early',
      year,
      from,
      message: fr`Aucun appel ouvert automatiquement : le calendrier par défaut de l'appel ${year} (clôture des votes le ${formatParisDate(input.votingClose)}) ne peut s'ouvrir qu'à partir du ${formatParisDate(from)}. Créez une campagne dans la console (« Campagnes »).`,
    };
  }
  return { action: 'open', year, input };
}

export interface FirstCallTarget {
  /** The local front, e.g. http://localhost:3000. */
  front: string;
  cognito: { url: string; clientId: string; region?: string };
  admin: { email: string; password: string };
}

/**
 * Signs in as the local admin, lists the campaigns and, on an empty database, creates and opens the
 * default call through the admin API. Returns the line to print (none when campaigns exist).
 */
export async function openFirstCall(
  target: FirstCallTarget,
  now: Date,
): Promise<{ decision: FirstCallDecision; campaign?: CampaignRecord; message?: string }> {
  const api = await adminApi(target);
  const { campaigns } = await api<{ campaigns: CampaignRecord[] }>('GET', '/api/admin/campaigns');
  const decision = firstCallDecision(campaigns, now);
  if (decision.action === 'none')
    return { decision, message: decision.reason === 'too-early' ? decision.message : undefined };
  const { campaign: draft } = await api<{ campaign: CampaignRecord }>('POST', '/api/admin/campaigns', decision.input);
  const { campaign } = await api<{ campaign: CampaignRecord }>(
    'POST',
    `/api/admin/campaigns/${encodeURIComponent(draft.id)}/open`,
  );
  return {
    decision,
    campaign,
    message: fr`Base vide : l'appel ${decision.year} est ouvert avec le calendrier par défaut (« ${campaign.title} », dépôts jusqu'au ${formatParisDate(campaign.dates.deadline)}) ; le formulaire est prêt.`,
  };
}

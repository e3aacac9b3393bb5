import type { ApplicationParts } from '../adapters/application-store.ts';
import { acceptsChanges, type Campaign } from '../domain/campaign.ts';
import { closed, notFound, unauthorized } from '../domain/errors.ts';
import { hashToken } from '../domain/tokens.ts';
import type { AppContext } from '../services/context.ts';
import { header, type HttpEvent } from '../shared/http.ts';

export interface OpenedApplication {
  parts: ApplicationParts;
  campaign: Campaign;
}

/** The private token (header `x-application-token`) must open exactly this file. */
export async function openApplication(
  ctx: AppContext,
  event: HttpEvent,
  id: string,
  now: Date,
): Promise<OpenedApplication> {
  const token = header(event, 'x-application-token');
  if (!token) throw unauthorized('Lien personnel manquant\u00a0: ouvrez le lien reçu par courriel.');
  // A missing file and a wrong token answer alike: nothing tells whether a file id exists.
  const parts = await ctx.applications.loadWithToken(id, hashToken(token), Math.floor(now.getTime() / 1000));
  if (!parts)
    throw unauthorized(
      'Ce lien personnel n’est pas valide ou a expiré. Demandez un nouveau lien depuis le formulaire.',
    );
  const campaign = await ctx.campaigns.get(parts.app.campaignId);
  if (!campaign) throw notFound('Appel à initiatives introuvable.');
  return { parts, campaign };
}

/** Writes are refused once the call is closed (deadline passed, or phase moved on). */
export function assertEditable(campaign: Campaign, now: Date): void {
  if (!acceptsChanges(campaign, now)) throw closed();
}

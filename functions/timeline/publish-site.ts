import type { SitePhase } from '../domain/site/index.ts';
import { lambdaContext } from '../publish/context.ts';
import { publishCampaign } from '../publish/publish.ts';
import { log } from '../shared/log.ts';

/**
 * The timeline keeps the public site in step with the campaign: the holding page when it opens and
 * closes (with, then without, the link to the form), the showcase at launch and at the vote's close.
 * Publishing is idempotent (only changed files are written), so a retried task is harmless.
 */
export async function publishSite(campaignId: string, mode: SitePhase): Promise<void> {
  const result = await publishCampaign(lambdaContext(), campaignId, mode);
  log.info('site published', { campaignId, mode, written: result.written.length, deleted: result.deleted.length, initiatives: result.initiatives });
}

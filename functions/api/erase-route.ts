import { acceptsChanges } from '../domain/campaign.ts';
import { conflict } from '../domain/errors.ts';
import { now } from '../shared/clock.ts';
import { appContext } from '../services/context.ts';
import { eraseFile } from '../services/erase-file.ts';
import type { RouteContext } from '../shared/http.ts';
import { openApplication } from './access.ts';

/**
 * DELETE /api/applications/:id (private link in `x-application-token`): « Supprimer ce brouillon »,
 * and a test file's erasure (npm run smoke). Erases the file completely (functions/services/erase-file.ts):
 * its tombstone, every version of its uploads, its media, every item of its partition. A file sent
 * (« J'envoie mon dossier ») is the team's to erase (DELETE /api/admin/applications/:id), as is any
 * file once applications are closed: the applicant is told to write to the team.
 */
export async function eraseApplication({ event, params }: RouteContext) {
  const ctx = appContext();
  const at = now();
  const { parts } = await openApplication(ctx, event, params.id!, at);
  if (!parts.app.test) {
    const campaign = await ctx.campaigns.get(parts.app.campaignId);
    if (parts.app.submitted || !campaign || !acceptsChanges(campaign, at)) {
      throw conflict(
        'Ce dossier a été envoyé, ou l’appel est clos\u00a0: il ne peut plus être supprimé depuis le formulaire. Pour faire supprimer vos données, écrivez à l’équipe de l’appel à initiatives.',
      );
    }
  }
  await eraseFile(ctx, parts.app.id, parts.app.test ? 'entered-by-mistake' : 'draft-deleted');
  return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
}

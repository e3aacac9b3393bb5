import { FileObjects } from '../adapters/file-objects.ts';
import { conflict } from '../domain/errors.ts';
import { now } from '../shared/clock.ts';
import { appContext } from '../shared/context.ts';
import { log } from '../shared/log.ts';
import type { RouteContext } from '../shared/http.ts';
import { openApplication } from './access.ts';

/**
 * DELETE /api/applications/:id (private link in `x-application-token`): erases a test file
 * completely (npm run smoke): every version of its uploads, its media, then every item of its
 * partition. S3 goes first: if it fails, the file and its link are still there to try again.
 * A photo event arriving later finds no file and records nothing (functions/photo/index.ts).
 */
export async function eraseApplication({ event, params }: RouteContext) {
  const ctx = appContext();
  const { parts } = await openApplication(ctx, event, params.id!, now());
  // Erasing a real file (the applicant's right to erasure) is another issue's work: it must also
  // reach the emails sent, the audit log and the published site. Until then, test files only.
  if (!parts.app.test) {
    throw conflict("Ce dossier ne peut pas être supprimé depuis le formulaire. Pour le faire supprimer, écrivez à l'équipe de l'appel à initiatives.");
  }
  const id = parts.app.id;
  const objects = await new FileObjects(ctx.clients.s3, ctx.env.UPLOADS_BUCKET, ctx.env.MEDIA_BUCKET).eraseAll(id);
  const items = await ctx.applications.erase(id);
  log.info('test application erased', { applicationId: id, ...objects, items });
  return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
}

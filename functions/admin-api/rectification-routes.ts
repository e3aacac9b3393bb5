import * as z from 'zod/mini';
import {
  changedFieldPaths,
  contactDraftSchema,
  contactSchema,
  fieldsUpdateSchema,
  mergeFields,
} from '../domain/application.ts';
import { conflict, notFound } from '../domain/errors.ts';
import { now } from '../shared/clock.ts';
import { appContext } from '../services/context.ts';
import { evaluate } from '../services/evaluate.ts';
import { officialPlaceFor } from '../services/official-place.ts';
import { json, parseBody, type RouteContext } from '../shared/http.ts';
import { requireAdmin } from './require-admin.ts';

/**
 * What the team may correct: the applicant's own fields (company, contact, initiative; never photos
 * nor the release, which the applicant signed), under the rules autosave applies, so that a text
 * still too short can be corrected too; the contact's email must be valid (every email goes there).
 */
const rectificationSchema = z.extend(fieldsUpdateSchema, {
  contact: z.optional(z.extend(contactDraftSchema, { email: z.optional(contactSchema.shape.email) })),
});

/**
 * PATCH /api/admin/applications/:id/fields: rectification by the team (GDPR art. 16), at any phase.
 * Saved under the record's optimistic lock (a photo processed meanwhile is not lost), recorded in
 * the file's history with who and which fields (names only: the history and the audit log keep no
 * value), then the file re-evaluated as after any change, without emailing anyone.
 */
export async function rectifyApplication({ event, params }: RouteContext) {
  const admin = requireAdmin(event);
  const ctx = appContext();
  const update = parseBody(event, rectificationSchema);
  const official = await officialPlaceFor(update);
  const id = params.id!;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const parts = await ctx.applications.load(id);
    if (!parts) throw notFound('Dossier introuvable.');
    const { app } = parts;
    // The purge kept only what the page shows: the rest is gone, there is nothing left to correct.
    if (app.purgedAt)
      throw conflict('Ce dossier a été réduit à sa page publiée par la purge\u00a0: il ne peut plus être corrigé.');
    const changed = changedFieldPaths(app.fields, update);
    if (!changed.length) return json(200, { campaignId: app.campaignId, changed });
    const at = now().toISOString();
    const fields = official(mergeFields(app.fields, update));
    const next = {
      ...app,
      fields,
      contactEmail: fields.contact?.email || app.contactEmail,
      revision: app.revision + 1,
      updatedAt: at,
    };
    if (!(await ctx.applications.saveApplication(next, app.revision))) continue;
    await ctx.applications.addHistory(
      id,
      at,
      { type: 'rectification', by: admin.email, fields: changed.join(' ') },
      app.expiresAt,
    );
    const campaign = await ctx.campaigns.get(app.campaignId);
    const evaluation = campaign && (await evaluate(ctx, id, campaign));
    return json(200, { campaignId: app.campaignId, changed, status: evaluation?.result.status ?? app.status });
  }
  throw conflict('Le dossier est modifié ailleurs en ce moment\u00a0: réessayez.');
}

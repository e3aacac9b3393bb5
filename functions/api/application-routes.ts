import { randomUUID } from 'node:crypto';
import type { ApplicationRecord } from '../adapters/application-store.ts';
import {
  contactSchema,
  createApplicationSchema,
  fieldsUpdateSchema,
  mergeFields,
  TEST_FILE_TTL_SECONDS,
} from '../domain/application.ts';
import { acceptsChanges, formatParisDateTime } from '../domain/campaign.ts';
import { closed, conflict } from '../domain/errors.ts';
import { hashToken, newToken } from '../domain/tokens.ts';
import { now } from '../shared/clock.ts';
import { appContext, type AppContext } from '../services/context.ts';
import { evaluate } from '../services/evaluate.ts';
import { evaluateAndNotify } from '../services/notify-completeness.ts';
import { officialPlaceFor } from '../services/official-place.ts';
import { underEmailLimits } from '../services/email-limits.ts';
import { json, parseBody, type RouteContext } from '../shared/http.ts';
import { recordMetric } from '../shared/metrics.ts';
import { resumeUrl, tokenExpiry } from '../services/resume-link.ts';
import { voteContext } from '../services/votes.ts';
import { assertEditable, openApplication } from './access.ts';
import { applicationView } from './view.ts';
import { emailHistory } from '../domain/history.ts';

async function viewOf(ctx: AppContext, id: string, at: Date) {
  const parts = await ctx.applications.load(id);
  const campaign = parts && (await ctx.campaigns.get(parts.app.campaignId));
  if (!parts || !campaign) throw new Error(`application ${id} vanished`);
  return applicationView(parts, campaign, at);
}

/** POST /api/applications: a new file for the open call; the same creation key twice gives the same file. */
export async function createApplication({ event }: RouteContext) {
  const ctx = appContext();
  const body = parseBody(event, createApplicationSchema);
  const official = await officialPlaceFor(body.fields);
  const at = now();
  const campaign = await ctx.campaigns.current();
  if (!campaign || !acceptsChanges(campaign, at)) {
    throw closed('L’appel à initiatives n’est pas ouvert\u00a0: il n’est pas possible de créer un dossier.');
  }
  const token = newToken();
  // A test file's items and links all expire within a day, whatever happens to the smoke run.
  const testExpiresAt = body.test ? Math.floor(at.getTime() / 1000) + TEST_FILE_TTL_SECONDS : undefined;
  const record: ApplicationRecord = {
    id: randomUUID(),
    campaignId: campaign.id,
    status: 'draft',
    submitted: false,
    submitCount: 0,
    fields: official(body.fields),
    revision: 1,
    missing: [],
    contactEmail: body.fields.contact.email,
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    ...(testExpiresAt && { test: true, expiresAt: testExpiresAt }),
  };
  const { id, created } = await ctx.applications.create({
    app: record,
    creationKeyHash: hashToken(body.creationKey),
    tokenHash: hashToken(token),
    tokenExpiresAt: testExpiresAt ?? tokenExpiry(campaign),
  });
  // A replayed creation (lost response, double click) gets a fresh token for the same file, as stored.
  const stored = created ? record : (await ctx.applications.load(id))!.app;
  if (!created)
    await ctx.applications.addToken(id, hashToken(token), stored.expiresAt ?? tokenExpiry(campaign), at.toISOString());
  else {
    await ctx.applications.addHistory(id, at.toISOString(), { type: 'created' }, stored.expiresAt);
    if (!stored.test) recordMetric('ApplicationCreated');
  }

  const contact = stored.fields.contact;
  const to = contact?.email ?? record.contactEmail;
  // A test file (npm run smoke) emails nobody; nor does a creation past the address's limits
  // (anyone can file a draft for any address: functions/domain/email-limits.ts). The answer is the same.
  if (!stored.test && (await underEmailLimits(voteContext().votes, 'welcome', campaign.id, to, at))) {
    const queued = await ctx.mailer.sendOnce({
      idempotencyKey: `${id}#welcome#1`,
      to,
      kind: 'welcome',
      applicationId: id,
      now: at.toISOString(),
      compose: async () => {
        // Loaded for a new file's email only: the other routes of this module (autosave…) send none.
        const { welcomeEmail } = await import('../domain/emails.ts');
        return welcomeEmail({
          firstName: contact?.firstName,
          initiativeName: record.fields.initiative?.name,
          resumeUrl: resumeUrl(ctx.env.SITE_URL, id, token),
          deadlineLabel: formatParisDateTime(campaign.dates.deadline),
        });
      },
    });
    if (queued) await ctx.applications.addHistory(id, at.toISOString(), emailHistory('welcome'), stored.expiresAt);
  }
  return json(created ? 201 : 200, { application: await viewOf(ctx, id, at), token });
}

/** GET /api/applications/:id */
export async function getApplication({ event, params }: RouteContext) {
  const ctx = appContext();
  const at = now();
  const { parts, campaign } = await openApplication(ctx, event, params.id!, at);
  return json(200, applicationView(parts, campaign, at));
}

/**
 * Changes the file's own record under an optimistic lock, retried a few times if a photo or another
 * tab changed it meanwhile, then re-evaluates it (its status shown at once). Only a submission
 * (`notify`) may email the verdict: an autosave never does.
 */
async function changeRecord(
  ctx: AppContext,
  event: RouteContext['event'],
  id: string,
  change: (app: ApplicationRecord) => ApplicationRecord,
  notify = false,
) {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const at = now();
    const { parts, campaign } = await openApplication(ctx, event, id, at);
    assertEditable(campaign, at);
    const next = { ...change(parts.app), revision: parts.app.revision + 1, updatedAt: at.toISOString() };
    if (await ctx.applications.saveApplication(next, parts.app.revision)) {
      await (notify ? evaluateAndNotify : evaluate)(ctx, id, campaign);
      return json(200, await viewOf(ctx, id, at));
    }
  }
  throw conflict('Le dossier est modifié ailleurs en ce moment\u00a0: réessayez.');
}

/**
 * PATCH /api/applications/:id: saves the sections sent (autosave), as typed: the draft rules only
 * bound them; the final rules judge them at « J'envoie mon dossier » and in the completeness check.
 */
export async function updateApplication({ event, params }: RouteContext) {
  const ctx = appContext();
  const update = parseBody(event, fieldsUpdateSchema);
  const official = await officialPlaceFor(update);
  return changeRecord(ctx, event, params.id!, (app) => {
    const fields = official(mergeFields(app.fields, update));
    // A half-typed email is kept in the fields; emails keep going to the last valid address.
    const email = contactSchema.shape.email.safeParse(fields.contact?.email);
    return { ...app, fields, contactEmail: email.success ? email.data : app.contactEmail };
  });
}

/** POST /api/applications/:id/submit: « J'envoie mon dossier »: the final rules, and the verdict emailed if it changed. */
export async function submitApplication({ event, params }: RouteContext) {
  const ctx = appContext();
  return changeRecord(
    ctx,
    event,
    params.id!,
    (app) => ({ ...app, submitted: true, submitCount: app.submitCount + 1 }),
    true,
  );
}

import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { CompilationStore, type CompilationRecord } from '../adapters/compilation-store.ts';
import { FunctionInvoker } from '../adapters/function-invoker.ts';
import { UploadsBucket } from '../adapters/uploads-bucket.ts';
import { editionYear } from '../domain/campaign.ts';
import { compilationFileName, compilationRequestSchema } from '../domain/compilation.ts';
import { conflict, notFound } from '../domain/errors.ts';
import type { CampaignRecord } from '../domain/timeline.ts';
import { now } from '../shared/clock.ts';
import { appContext, type AppContext } from '../services/context.ts';
import { json, parseBody, type RouteContext } from '../shared/http.ts';
import { requireAdmin } from './require-admin.ts';
import { lambdaClient } from '../shared/clients/lambda.ts';
import { s3Client } from '../shared/clients/s3.ts';
import type { CompilationScreen, CompilationView } from '../domain/admin-views.ts';

/**
 * The printed compilation in the console: POST starts a generation (the compilation function,
 * invoked asynchronously), GET says where it stands and, once ready, gives a short-lived link to the
 * PDF. The editorial and the exclusions are kept with the latest request, so the next one starts
 * from them.
 */

const envSchema = z.object({
  COMPILATION_FUNCTION: z
    .string()
    .check(z.minLength(1, 'COMPILATION_FUNCTION\u00a0: ARN de la fonction du recueil attendu')),
});
/** Long enough to download a large PDF, short enough that a forwarded link soon stops working. */
const LINK_SECONDS = 15 * 60;
/** Files are complete or not once applications close: before that there is nothing to print. */
const PRINTABLE_PHASES: CampaignRecord['phase'][] = ['review', 'validation', 'launched', 'closed'];

const store = (ctx: AppContext) => new CompilationStore(ctx.clients.dynamo, ctx.env.TABLE_NAME);

async function campaignOf(ctx: AppContext, id: string): Promise<CampaignRecord> {
  const campaign = await ctx.campaigns.get(id, { consistent: true });
  if (!campaign) throw notFound('Campagne introuvable.');
  return campaign;
}

/** The files that can be printed (complete at the deadline), for the console's exclusion list. */
async function candidates(ctx: AppContext, campaignId: string, record: CompilationRecord | undefined) {
  const reasons = new Map((record?.exclusions ?? []).map((e) => [e.applicationId, e.reason]));
  const files = (await ctx.applications.listByCampaign(campaignId)).filter(
    (a) => a.closedStatus === 'complete' && !a.test,
  );
  return files
    .map((a) => ({
      id: a.id,
      initiative: a.fields.initiative?.name ?? '',
      enterprise: a.fields.company?.name ?? '',
      region: a.fields.company?.region ?? '',
      excluded: reasons.get(a.id) ?? null,
    }))
    .sort((a, b) => a.initiative.localeCompare(b.initiative, 'fr'));
}

/** POST /api/admin/campaigns/:id/compilation `{editorial?, exclusions?}` → 202 `{state: 'running'}`. */
export async function startCompilation({ event, params }: RouteContext) {
  const admin = requireAdmin(event);
  const ctx = appContext();
  const input = parseBody(event, compilationRequestSchema);
  const campaign = await campaignOf(ctx, params.id!);
  if (!PRINTABLE_PHASES.includes(campaign.phase))
    throw conflict(
      'Le recueil se prépare après la date limite de dépôt\u00a0: il réunit les dossiers complets à cette date.',
    );
  const record: CompilationRecord = {
    campaignId: campaign.id,
    ...input,
    state: 'running',
    requestId: randomUUID(),
    requestedAt: now().toISOString(),
    requestedBy: admin.email,
  };
  await store(ctx).start(record);
  const { COMPILATION_FUNCTION } = envSchema.parse(process.env);
  await new FunctionInvoker(lambdaClient(), COMPILATION_FUNCTION).start({
    campaignId: campaign.id,
    requestId: record.requestId,
  });
  return json(202, { compilation: view(record, null) });
}

function view(record: CompilationRecord, url: string | null): CompilationView {
  const { campaignId: _c, key: _k, ...rest } = record;
  return { ...rest, url, expiresIn: url ? LINK_SECONDS : undefined };
}

/** GET /api/admin/campaigns/:id/compilation → `{compilation: {state, pages, url…} | null, candidates}`. */
export async function getCompilation({ event, params }: RouteContext) {
  requireAdmin(event);
  const ctx = appContext();
  const campaign = await campaignOf(ctx, params.id!);
  const record = await store(ctx).get(campaign.id);
  const url =
    record?.state === 'ready' && record.key
      ? await new UploadsBucket(s3Client(), ctx.env.UPLOADS_BUCKET).readLink(
          record.key,
          `attachment; filename="${compilationFileName(editionYear(campaign))}"`,
          LINK_SECONDS,
        )
      : null;
  return json(200, {
    compilation: record ? view(record, url) : null,
    printable: PRINTABLE_PHASES.includes(campaign.phase),
    candidates: await candidates(ctx, campaign.id, record),
  } satisfies CompilationScreen);
}

import type { ApplicationParts } from '../adapters/application-store.ts';
import { articleAnswerTeamEmail, articleApprovedEmail, articleChangesEmail } from '../domain/article-emails.ts';
import {
  answerOutcome,
  approveSchema,
  articlePhotos,
  changesSchema,
  type ArticleRecord,
  type EnterpriseAnswer,
  type ValidationView,
} from '../domain/article-workflow.ts';
import { formatParisDate } from '../domain/campaign.ts';
import { conflict, notFound, unauthorized } from '../domain/errors.ts';
import { hashToken } from '../domain/tokens.ts';
import type { CampaignRecord } from '../domain/timeline.ts';
import { articleContext } from '../services/article-context.ts';
import { now } from '../shared/clock.ts';
import { appContext } from '../services/context.ts';
import { header, json, parseBody, type HttpEvent, type RouteContext } from '../shared/http.ts';

/**
 * The enterprise's side of the article validation, through the private link of the email (token in
 * the `x-validation-token` header; it travels in the URL fragment). The link always shows the
 * latest version sent; answers name the version read, so an answer to an older version is refused.
 */

type Ctx = ReturnType<typeof articleContext>;
interface Opened {
  parts: ApplicationParts;
  campaign: CampaignRecord;
  record: ArticleRecord;
}

async function open(ctx: Ctx, event: HttpEvent, at: Date): Promise<Opened> {
  const token = header(event, 'x-validation-token');
  if (!token) throw unauthorized('Lien manquant\u00a0: ouvrez le lien reçu par courriel.');
  const id = await ctx.articles.applicationIdForToken(hashToken(token), Math.floor(at.getTime() / 1000));
  if (!id)
    throw unauthorized(
      'Ce lien n’est pas valide ou a expiré. Répondez au courriel de l’équipe communication pour en recevoir un nouveau.',
    );
  const [parts, record] = await Promise.all([ctx.applications.load(id), ctx.articles.get(id)]);
  const campaign = parts && (await ctx.campaigns.get(parts.app.campaignId));
  if (!parts || !record?.sentVersion || !campaign) throw notFound('Article introuvable.');
  return { parts, campaign, record };
}

async function view(ctx: Ctx, { parts, campaign, record }: Opened, at: Date): Promise<ValidationView> {
  const sent = await ctx.articles.version(parts.app.id, record.sentVersion!);
  if (!sent) throw notFound('Article introuvable.');
  const awaiting = answerOutcome(record, { action: 'approve' }, sent.version, campaign, at);
  return {
    initiative: parts.app.fields.initiative?.name ?? '',
    company: parts.app.fields.company?.name ?? '',
    version: sent.version,
    sentAt: sent.sentAt,
    article: sent.article,
    photos: articlePhotos(sent.article, parts.photos).map((p) => ({
      ...p,
      variants: p.variants.map((v) => ({ ...v, url: `/${v.key}` })),
    })),
    status: record.status,
    /** True while this version awaits the enterprise's answer. */
    canAnswer: awaiting.kind === 'apply',
    notice: awaiting.kind === 'refused' && record.status !== 'approved' ? awaiting.message : null,
    approved: record.approvedVersion === sent.version ? { at: record.approvedAt, by: record.approvedBy } : null,
    comments: record.comments
      .filter((c) => c.version === sent.version)
      .map(({ at: when, text }) => ({ at: when, text })),
    validationEnd: campaign.dates.validationEnd,
    validationEndLabel: formatParisDate(campaign.dates.validationEnd),
  };
}

/** GET /api/validation */
export async function getValidation({ event }: RouteContext) {
  const ctx = articleContext(appContext());
  const at = now();
  return json(200, await view(ctx, await open(ctx, event, at), at));
}

/**
 * Records an answer once: re-judged on the record as it stands (a concurrent answer moves its
 * revision); a replay records and emails nothing new, but finishes an email a failure left unsent.
 */
async function answer(event: HttpEvent, input: { version: number; answer: EnterpriseAnswer; by?: string }) {
  const ctx = articleContext(appContext());
  const at = now();
  let opened = await open(ctx, event, at);
  for (let attempt = 0; ; attempt += 1) {
    const outcome = answerOutcome(opened.record, input.answer, input.version, opened.campaign, at);
    if (outcome.kind === 'refused') throw conflict(outcome.message);
    if (outcome.kind === 'replay') break;
    const change =
      input.answer.action === 'approve'
        ? { approved: { at: at.toISOString(), by: input.by! } }
        : { comment: { version: input.version, at: at.toISOString(), text: input.answer.text } };
    if (await ctx.articles.answer(opened.record, change)) {
      const entry: Record<string, string | number> =
        input.answer.action === 'approve'
          ? { type: 'article-approved', version: input.version, by: input.by! }
          : { type: 'article-changes', version: input.version };
      await ctx.applications.addHistory(opened.parts.app.id, at.toISOString(), entry);
      break;
    }
    if (attempt >= 2) throw conflict('Trop de changements simultanés\u00a0: rechargez la page puis réessayez.');
    opened = await open(ctx, event, at);
  }
  opened = await open(ctx, event, at);
  const { app } = opened.parts;
  const recipient = { firstName: app.fields.contact?.firstName, initiativeName: app.fields.initiative?.name };
  const approvedBy = opened.record.approvedBy ?? input.by!;
  await ctx.mailer.sendOnce({
    idempotencyKey: `${app.id}#article-${input.answer.action}#${input.version}`,
    to: app.contactEmail,
    kind: `article-${input.answer.action}`,
    applicationId: app.id,
    now: at.toISOString(),
    compose: () =>
      input.answer.action === 'approve'
        ? articleApprovedEmail({ ...recipient, approvedBy, launchLabel: formatParisDate(opened.campaign.dates.launch) })
        : articleChangesEmail({ ...recipient, comments: input.answer.text }),
  });
  // The team learns of each answer at once instead of watching the console.
  await ctx.mailer.sendOnce({
    idempotencyKey: `${app.id}#article-${input.answer.action}-team#${input.version}`,
    to: ctx.env.ADMIN_EMAIL,
    kind: `article-${input.answer.action}-team`,
    applicationId: app.id,
    now: at.toISOString(),
    compose: () =>
      articleAnswerTeamEmail({
        initiativeName: app.fields.initiative?.name,
        company: app.fields.company?.name,
        version: input.version,
        consoleUrl: `${ctx.env.SITE_URL}/admin/#/dossiers/${app.id}/article`,
        ...(input.answer.action === 'approve' ? { approvedBy } : { comments: input.answer.text }),
      }),
  });
  return json(200, await view(ctx, opened, at));
}

/** POST /api/validation/approve {version, name} */
export async function approveArticle({ event }: RouteContext) {
  const { version, name } = parseBody(event, approveSchema);
  return answer(event, { version, answer: { action: 'approve' }, by: name });
}

/** POST /api/validation/changes {version, comments} */
export async function requestChanges({ event }: RouteContext) {
  const { version, comments } = parseBody(event, changesSchema);
  return answer(event, { version, answer: { action: 'changes', text: comments } });
}

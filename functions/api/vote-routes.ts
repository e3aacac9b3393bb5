import { confirmedExpiresAt } from '../domain/retention.ts';
import { formatParisDateTime } from '../domain/campaign.ts';
import { voteConfirmationEmail, voteRefusedEmail } from '../domain/emails.ts';
import { invalid, rateLimited } from '../domain/errors.ts';
import { hashToken, newToken } from '../domain/tokens.ts';
import {
  DISPOSABLE_MESSAGE,
  emailDomain,
  emailHash,
  ipHash,
  isDisposableDomain,
  isLinkExpired,
  linkExpiry,
  normaliseEmail,
  pendingExpiresAt,
  RATE_LIMIT_MESSAGES,
  rateWindow,
  refusalMessage,
  REFUSAL_STATUS,
  REQUEST_ACCEPTED_MESSAGE,
  voteConfirmSchema,
  voteRequestSchema,
  votingClosesAt,
  votingOpensAt,
  votingSettings,
  votingState,
  VOTE_CONFIRM_PATH,
  viewerIp,
  type RateScope,
  type VoteConfirmed,
  type VoteRefusalReason,
  type VotingInfo,
} from '../domain/votes.ts';
import type { CampaignRecord } from '../domain/timeline.ts';
import { now } from '../shared/clock.ts';
import { header, json, parseBody, type HttpResult, type RouteContext } from '../shared/http.ts';
import { log } from '../shared/log.ts';
import { recordMetric } from '../shared/metrics.ts';
import { voteContext, type VoteContext } from '../services/votes.ts';

/**
 * The public vote (README « Vote du public »): ask (an email with a link), confirm (the link), read
 * the counts. Refusals answer `{error, reason, message}` with a French message for the visitor;
 * never 404 (CloudFront replaces 404s of every origin with the site's page).
 */

function refusal(reason: VoteRefusalReason, campaign?: CampaignRecord): HttpResult {
  const closesAt = campaign ? votingClosesAt(campaign) : undefined;
  const message = refusalMessage(reason, {
    maxPerEmail: campaign ? votingSettings(campaign).maxPerEmail : undefined,
    // « clos depuis le … » only once that date is past (results may be frozen earlier by hand).
    closesAt: closesAt && closesAt.getTime() <= now().getTime() ? closesAt : undefined,
    opensAt: campaign ? votingOpensAt(campaign) : undefined,
  });
  return json(REFUSAL_STATUS[reason], { error: refusalError(reason), reason, message });
}

/** The answer's `error`: `closed` for a vote not open, else the kind its status says. */
function refusalError(reason: VoteRefusalReason): string {
  if (reason === 'closed' || reason === 'not-open') return 'closed';
  switch (REFUSAL_STATUS[reason]) {
    case 400:
      return 'validation';
    case 410:
      return 'gone';
    default:
      return 'conflict';
  }
}

/** Why this address may not vote for this initiative (told to its mailbox only), or undefined. */
function voterRefusal(voter: { voted: boolean; count: number }, maxPerEmail: number) {
  if (voter.voted) return 'already-voted';
  return voter.count >= maxPerEmail ? 'limit' : undefined;
}

async function underLimit(ctx: VoteContext, scope: RateScope, hash: string, at: Date): Promise<void> {
  const { window, max, expiresAt } = rateWindow(scope, at);
  if (!(await ctx.votes.hit(scope, hash, window, max, expiresAt))) {
    log.warn('vote rate limited', { scope, key: hash.slice(0, 12) });
    throw rateLimited(RATE_LIMIT_MESSAGES[scope]);
  }
}

/**
 * The disposable-domain list (2 MB in the bundle) is loaded on the first vote request, in its own
 * chunk: parsing it would otherwise lengthen every cold start of the public API.
 */
const disposableDomains = async () => (await import('../domain/disposable-domains.ts')).DISPOSABLE_DOMAINS;

/** POST /api/votes {initiativeId, email, page?}: 202 and an email (a confirmation link, or why this vote cannot be added). */
export async function requestVote({ event }: RouteContext): Promise<HttpResult> {
  const ctx = voteContext();
  const input = parseBody(event, voteRequestSchema);
  const normalised = normaliseEmail(input.email);
  if (!normalised)
    throw invalid([
      { field: 'email', message: 'Adresse e-mail\u00a0: vérifiez son format, par exemple prenom.nom@exemple.fr.' },
    ]);
  const domain = emailDomain(normalised);
  if (isDisposableDomain(domain, await disposableDomains()))
    throw invalid([{ field: 'email', message: DISPOSABLE_MESSAGE }], DISPOSABLE_MESSAGE);

  const initiative = await ctx.votes.initiative(input.initiativeId);
  const campaign = initiative?.approved ? await ctx.campaigns.get(initiative.campaignId) : undefined;
  if (!initiative || !campaign) return refusal('unknown-initiative');
  const at = now();
  const state = votingState(campaign, at);
  if (state !== 'open') return refusal(state === 'closed' ? 'closed' : 'not-open', campaign);

  // Limits before anything is written or sent; hashes are per campaign (no link between editions).
  const voterHash = emailHash(campaign.id, normalised);
  // The viewer's address header counts only on requests CloudFront itself forwarded: anyone calling
  // the API endpoint directly could set it to dodge the per-connection limit.
  const throughCloudFront =
    Boolean(ctx.env.ORIGIN_VERIFY) && header(event, 'x-origin-verify') === ctx.env.ORIGIN_VERIFY;
  const connection = ipHash(
    campaign.id,
    viewerIp(
      throughCloudFront ? header(event, 'cloudfront-viewer-address') : undefined,
      event.requestContext.http.sourceIp,
    ),
  );
  await Promise.all([underLimit(ctx, 'ip', connection, at), underLimit(ctx, 'email', voterHash, at)]);
  const [results, voter] = await Promise.all([
    ctx.votes.results(campaign.id),
    ctx.votes.voterState(campaign.id, initiative.id, voterHash),
  ]);
  if (results) return refusal('closed', campaign);

  const settings = votingSettings(campaign);
  const refused = voterRefusal(voter, settings.maxPerEmail);
  const token = newToken();
  const tokenHash = hashToken(token);
  if (refused) {
    // Said to the mailbox only: the site answers the same for every address (nobody can probe who voted).
    await ctx.mailer.sendOnce({
      idempotencyKey: `vote-refused:${tokenHash}`,
      to: input.email,
      kind: 'vote-refused',
      now: at.toISOString(),
      compose: () =>
        voteRefusedEmail({ initiativeTitle: initiative.title, reason: refused, maxPerEmail: settings.maxPerEmail }),
    });
  } else {
    const expires = linkExpiry(campaign, at);
    await ctx.votes.putPending(tokenHash, {
      campaignId: campaign.id,
      initiativeId: initiative.id,
      axis: initiative.axis,
      title: initiative.title,
      email: input.email,
      emailHash: voterHash,
      emailDomain: domain,
      ipHash: connection,
      page: input.page,
      createdAt: at.toISOString(),
      linkExpiresAt: expires.toISOString(),
      expiresAt: pendingExpiresAt(expires),
    });
    await ctx.mailer.sendOnce({
      idempotencyKey: `vote:${tokenHash}`,
      to: input.email,
      kind: 'vote-confirmation',
      now: at.toISOString(),
      compose: () =>
        voteConfirmationEmail({
          initiativeTitle: initiative.title,
          confirmUrl: `${ctx.env.SITE_URL}${VOTE_CONFIRM_PATH}#jeton=${token}`,
          expiresLabel: formatParisDateTime(expires.toISOString()),
          maxPerEmail: settings.maxPerEmail,
        }),
    });
  }
  log.info('vote requested', { campaignId: campaign.id, initiativeId: initiative.id, outcome: refused ?? 'link-sent' });
  return json(202, { message: REQUEST_ACCEPTED_MESSAGE });
}

/** POST /api/votes/confirm {token}: the vote counts (200 with the new count when shown), or why not. */
export async function confirmVote({ event }: RouteContext): Promise<HttpResult> {
  const ctx = voteContext();
  const { token } = parseBody(event, voteConfirmSchema);
  const tokenHash = hashToken(token);
  const pending = await ctx.votes.pending(tokenHash);
  if (!pending) return refusal('invalid-link');
  const campaign = await ctx.campaigns.get(pending.campaignId);
  if (!campaign) return refusal('invalid-link');
  if (pending.usedAt) return refusal('used', campaign);
  const at = now();
  if (isLinkExpired(pending.linkExpiresAt, at)) return refusal('expired', campaign);
  const state = votingState(campaign, at);
  if (state !== 'open') return refusal(state === 'closed' ? 'closed' : 'not-open', campaign);

  const settings = votingSettings(campaign);
  const outcome = await ctx.votes.confirm({
    tokenHash,
    pending,
    maxPerEmail: settings.maxPerEmail,
    at: at.toISOString(),
    retainUntil: confirmedExpiresAt(campaign),
  });
  log.info('vote confirmation', { campaignId: campaign.id, initiativeId: pending.initiativeId, outcome });
  if (outcome !== 'confirmed') return refusal(outcome, campaign);
  recordMetric('VoteConfirmed');

  const [count, voted] = await Promise.all([
    settings.showCounts ? ctx.votes.count(campaign.id, pending.initiativeId) : null,
    ctx.votes.voterCount(campaign.id, pending.emailHash),
  ]);
  const title = pending.title ?? 'cette initiative';
  return json(200, {
    message: `Merci\u202f! Votre vote pour «\u00a0${title}\u00a0» est enregistré.`,
    initiative: { id: pending.initiativeId, title, page: pending.page ?? null },
    showCounts: settings.showCounts,
    count,
    remaining: Math.max(0, settings.maxPerEmail - voted),
    maxPerEmail: settings.maxPerEmail,
  } satisfies VoteConfirmed);
}

/** GET /api/votes/counts?campaignId=: whether votes are open, the rule, and the counts when the campaign shows them. */
export async function getVoteCounts({ event }: RouteContext): Promise<HttpResult> {
  const ctx = voteContext();
  const id = event.queryStringParameters?.campaignId?.trim();
  if (id && !/^[\w-]{1,100}$/.test(id))
    throw invalid([{ field: 'campaignId', message: 'Campagne inconnue.' }], 'Campagne inconnue.');
  const campaign = id ? await ctx.campaigns.get(id) : ((await ctx.campaigns.current()) as CampaignRecord | undefined);
  if (!campaign) throw invalid([{ field: 'campaignId', message: 'Campagne inconnue.' }], 'Campagne inconnue.');
  const settings = votingSettings(campaign);
  const results = await ctx.votes.results(campaign.id);
  const state = results ? 'closed' : votingState(campaign, now());
  let counts: Record<string, number> | null = null;
  if (settings.showCounts) {
    const tallies =
      results?.state === 'frozen' && results.tallies ? results.tallies : await ctx.votes.tallies(campaign.id);
    counts = Object.fromEntries(tallies.map((t) => [t.initiativeId, t.votes]));
  }
  const closesAt = votingClosesAt(campaign);
  return json(200, {
    campaignId: campaign.id,
    state,
    opensAt: votingOpensAt(campaign).toISOString(),
    opensLabel: formatParisDateTime(votingOpensAt(campaign).toISOString()),
    closesAt: closesAt.toISOString(),
    closesLabel: formatParisDateTime(new Date(closesAt.getTime() - 1000).toISOString()),
    maxPerEmail: settings.maxPerEmail,
    showCounts: settings.showCounts,
    counts,
  } satisfies VotingInfo);
}

import type { FrozenResults } from '../adapters/vote-store.ts';
import { PublishedInitiativeStore } from '../adapters/published-initiative-store.ts';
import { prizeOf } from '../domain/prizes.ts';
import { PAGE_PATHS } from '../domain/site/paths.ts';
import type { CampaignRecord } from '../domain/timeline.ts';
import { votingSettings } from '../domain/votes.ts';
import { winnerEmail, winnersTeamEmail } from '../domain/winner-emails.ts';
import type { AppContext } from '../services/context.ts';
import { log } from '../shared/log.ts';
import { applicant, forEachLimit } from './context.ts';
import { emailHistory } from '../domain/history.ts';

/**
 * At the vote's close, after the results page is online: each winner's enterprise is emailed once
 * (key `winner#<campaign>#<application>`: a retried step queues nothing new), then the team with
 * the list (`winner#<campaign>#team`). A winner whose file was erased or purged since gets no email;
 * the team's list says so. Returns how many emails were queued by this run.
 */
export async function notifyWinners(
  ctx: AppContext,
  campaign: CampaignRecord,
  results: FrozenResults,
  at: Date,
): Promise<number> {
  const axes = results.axes ?? [];
  const ids = new Set(axes.flatMap((a) => a.winners));
  const [apps, published] = await Promise.all([
    ctx.applications.listByCampaign(campaign.id),
    new PublishedInitiativeStore(ctx.clients.dynamo, ctx.env.TABLE_NAME).forCampaign(campaign.id),
  ]);
  const appsById = new Map(apps.filter((a) => ids.has(a.id)).map((a) => [a.id, a]));
  const titles = new Map(published.map((p) => [p.id, p.article.title]));
  const title = (id: string) => titles.get(id) ?? appsById.get(id)?.fields.initiative?.name ?? 'Initiative sans titre';
  const reachable = (id: string) => {
    const app = appsById.get(id);
    return app && app.contactEmail && !app.purgedAt ? app : undefined;
  };
  const showCounts = votingSettings(campaign).showCounts;
  const resultsUrl = `${ctx.env.SITE_URL.replace(/\/+$/, '')}${PAGE_PATHS.results}`;
  const votesOf = new Map(axes.flatMap((a) => a.ranking.map((r) => [r.initiativeId, r.votes] as const)));
  const now = at.toISOString();

  let queued = 0;
  const winners = axes.flatMap((axis) => axis.winners.map((id) => ({ id, axis })));
  await forEachLimit(winners, 8, async ({ id, axis }) => {
    const app = reachable(id);
    if (!app) return;
    const emailed = await ctx.mailer.sendOnce({
      idempotencyKey: `winner#${campaign.id}#${id}`,
      to: app.contactEmail,
      kind: 'winner',
      applicationId: id,
      now,
      compose: () =>
        winnerEmail({
          ...applicant(app),
          initiativeName: title(id),
          axisLabel: axis.label,
          votes: showCounts ? (votesOf.get(id) ?? 0) : undefined,
          tiedWith: axis.winners.filter((other) => other !== id).map(title),
          prize: prizeOf(campaign, axis.id),
          resultsUrl,
        }),
    });
    if (emailed) {
      queued += 1;
      await ctx.applications.addHistory(id, now, emailHistory('winner'));
    }
  });
  const team = await ctx.mailer.sendOnce({
    idempotencyKey: `winner#${campaign.id}#team`,
    to: ctx.env.ADMIN_EMAIL,
    kind: 'winners-team',
    now,
    compose: () =>
      winnersTeamEmail({
        campaignTitle: campaign.title,
        total: results.total ?? 0,
        axes: axes.map((axis) => ({
          label: axis.label,
          prize: prizeOf(campaign, axis.id),
          winners: axis.winners.map((id) => ({
            title: title(id),
            company: appsById.get(id)?.fields.company?.name,
            votes: votesOf.get(id) ?? 0,
            emailed: Boolean(reachable(id)),
          })),
        })),
        resultsUrl,
        consoleUrl: `${ctx.env.SITE_URL.replace(/\/+$/, '')}/admin/#/votes`,
      }),
  });
  log.info('winners notified', { campaignId: campaign.id, winners: winners.length, queued, team });
  return queued + Number(team);
}

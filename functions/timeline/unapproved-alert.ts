import type { ApplicationRecord } from '../adapters/application-store.ts';
import { formatParisDate } from '../domain/campaign.ts';
import { awaitingArticleApproval, type CampaignRecord } from '../domain/timeline.ts';
import { unapprovedArticlesAlertEmail, type ArticleProgress } from '../domain/timeline-emails.ts';
import { log } from '../shared/log.ts';
import type { AppContext } from '../services/context.ts';

const PROGRESS: readonly string[] = ['draft', 'sent', 'changes-requested'] satisfies ArticleProgress[];

/**
 * Tells the team which selected files have no approved article, so will not be published at the
 * launch (nor their enterprise told it is online): with the last weekly reminder, while there is
 * still time, and at the validation end (`closed`). Once per `occasion` (Mailer.sendOnce); nothing
 * is sent when every selected file is approved. Returns how many files were listed.
 */
export async function alertUnapprovedArticles(
  ctx: AppContext,
  campaign: CampaignRecord,
  apps: ApplicationRecord[],
  options: { occasion: string; closed: boolean; now: Date },
): Promise<number> {
  const files = awaitingArticleApproval(apps);
  if (!files.length) return 0;
  const emailed = await ctx.mailer.sendOnce({
    idempotencyKey: `${campaign.id}#unapproved-articles#${options.occasion}`,
    to: ctx.env.ADMIN_EMAIL,
    kind: 'unapproved-articles-alert',
    now: options.now.toISOString(),
    compose: () =>
      unapprovedArticlesAlertEmail({
        campaignTitle: campaign.title,
        validationEndLabel: formatParisDate(campaign.dates.validationEnd),
        launchLabel: formatParisDate(campaign.dates.launch),
        closed: options.closed,
        files: files.map((app) => ({
          initiative: app.fields.initiative?.name ?? '',
          company: app.fields.company?.name,
          progress: PROGRESS.includes(app.articleStatus ?? '') ? (app.articleStatus as ArticleProgress) : 'none',
          consoleUrl: `${ctx.env.SITE_URL}/admin/#/dossiers/${app.id}/article`,
        })),
      }),
  });
  log.info('unapproved articles', {
    campaignId: campaign.id,
    occasion: options.occasion,
    files: files.length,
    emailed,
  });
  return files.length;
}

import { PublishedInitiativeStore } from '../adapters/published-initiative-store.ts';
import { formatParisDate } from '../domain/campaign.ts';
import { initiativeUrls } from '../domain/site/paths.ts';
import { launchEmail } from '../domain/timeline-emails.ts';
import { now } from '../shared/clock.ts';
import { log } from '../shared/log.ts';
import { applicant, forEachLimit, loadCampaign, type TimelineEvent } from './context.ts';
import { publishSite } from './publish-site.ts';
import type { AppContext } from '../services/context.ts';
import { emailHistory } from '../domain/history.ts';

/**
 * `Launch`: the phase becomes `launched`, the public site is published with the approved articles,
 * then each selected participant whose initiative is published is told so, with the link to its
 * page. Selected files without an approved article are not online: they get no email (the team
 * was told at the validation end, functions/timeline/close-validation.ts).
 */
export async function launch(ctx: AppContext, event: TimelineEvent) {
  const campaign = await loadCampaign(ctx, event);
  if (campaign.steps?.launch) return { skipped: 'already done' };
  const at = now();
  await ctx.campaigns.advancePhase(campaign.id, 'launched', at.toISOString());
  await publishSite(campaign.id, 'launched');
  // What the publication just read (approved articles), and the page URLs it gave them.
  const pages = initiativeUrls(
    await new PublishedInitiativeStore(ctx.clients.dynamo, ctx.env.TABLE_NAME).forCampaign(campaign.id),
  );
  const selected = (await ctx.applications.listByCampaign(campaign.id)).filter(
    (a) => a.decision?.outcome === 'selected' && a.decisionSentAt,
  );
  const online = selected.filter((a) => pages.has(a.id));
  let sent = 0;
  await forEachLimit(online, 8, async (app) => {
    const emailed = await ctx.mailer.sendOnce({
      idempotencyKey: `${app.id}#launch`,
      to: app.contactEmail,
      kind: 'launch',
      applicationId: app.id,
      now: at.toISOString(),
      compose: () =>
        launchEmail({
          ...applicant(app),
          pageUrl: `${ctx.env.SITE_URL.replace(/\/+$/, '')}${pages.get(app.id)}`,
          votingCloseLabel: formatParisDate(campaign.dates.votingClose),
        }),
    });
    if (emailed) {
      sent += 1;
      await ctx.applications.addHistory(app.id, at.toISOString(), emailHistory('launch'));
    }
  });
  await ctx.campaigns.markStep(campaign.id, 'launch', at.toISOString());
  log.info('campaign launched', { campaignId: campaign.id, selected: selected.length, published: online.length, sent });
  return { selected: selected.length, published: online.length, sent };
}

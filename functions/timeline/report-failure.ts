import { failureAlertEmail } from '../domain/timeline-emails.ts';
import { now } from '../shared/clock.ts';
import { log } from '../shared/log.ts';
import type { TimelineEvent } from './context.ts';
import type { AppContext } from '../services/context.ts';

/** `ReportFailure`: a step failed after its retries; the team is told once per execution. */
export async function reportFailure(ctx: AppContext, event: TimelineEvent) {
  const campaign = await ctx.campaigns.get(event.campaignId);
  const execution = event.execution ?? `${event.campaignId}-v${event.datesVersion}`;
  const error = event.error?.Error ?? 'inconnue';
  const cause = (event.error?.Cause ?? '').slice(0, 2000);
  log.error('timeline failed', { campaignId: event.campaignId, execution, error, cause: cause.slice(0, 500) });
  const reported = await ctx.mailer.sendOnce({
    idempotencyKey: `${event.campaignId}#failure#${execution}`,
    to: ctx.env.ADMIN_EMAIL,
    kind: 'timeline-failure',
    now: now().toISOString(),
    compose: () => failureAlertEmail({ campaignTitle: campaign?.title ?? event.campaignId, execution, error, cause }),
  });
  return { reported };
}

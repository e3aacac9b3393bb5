import * as z from 'zod/mini';
import { withLambdaLogs } from '../shared/log.ts';
import { lambdaContext } from './context.ts';
import { publishCampaign } from './publish.ts';

/**
 * The publish Lambda: `{campaignId, mode?: 'holding' | 'launched'}` → renders the public site into
 * the site bucket and invalidates what changed on CloudFront. The one path of every publication:
 * the deploy trigger, the timeline (Lambda Invoke, functions/timeline/publish-site.ts) and the local
 * stack's start invoke it; its bundle carries the built apps it publishes with the pages.
 */
const eventSchema = z.object({
  /** Absent: the current campaign (or the « no call open » page when there is none). */
  campaignId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  mode: z.optional(z.enum(['holding', 'launched'])),
});

export const handler = withLambdaLogs(
  'publish',
  async (raw: unknown) => {
    const event = eventSchema.parse(raw);
    return publishCampaign(lambdaContext(), event.campaignId, event.mode);
  },
  // The campaign published (absent: the current one).
  { correlate: (raw: unknown) => ({ correlation_id: campaignOf(raw) ?? 'current', campaignId: campaignOf(raw) }) },
);

const campaignOf = (raw: unknown) => {
  const id = (raw as { campaignId?: unknown } | null)?.campaignId;
  return typeof id === 'string' ? id : undefined;
};

export { publishCampaign, publishContext, type PublishContext, type PublishResult } from './publish.ts';
export { PublicationRefused, REQUIRED_APP_FILES } from './apps.ts';
export { frontendDir, frontendFiles } from './frontend-files.ts';

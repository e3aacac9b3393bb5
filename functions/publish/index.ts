import { z } from 'zod';
import { lambdaContext } from './context.ts';
import { publishCampaign } from './publish.ts';

/**
 * The publish Lambda: `{campaignId, mode?: 'holding' | 'launched'}` → renders the public site into
 * the site bucket and invalidates what changed on CloudFront. The timeline's launch and the
 * console may also call `publishCampaign` directly with their own context.
 */
const eventSchema = z.object({
  /** Absent: the current campaign (or the « no call open » page when there is none). */
  campaignId: z.string().min(1).max(100).optional(),
  mode: z.enum(['holding', 'launched']).optional(),
});

export async function handler(raw: unknown) {
  const event = eventSchema.parse(raw);
  return publishCampaign(lambdaContext(), event.campaignId, event.mode);
}

export { publishCampaign, publishContext, type PublishContext, type PublishResult } from './publish.ts';

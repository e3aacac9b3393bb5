import { z } from 'zod';
import { CloudFrontInvalidator } from '../adapters/invalidator.ts';
import { createClients } from '../shared/clients.ts';
import { cloudFront } from './cloudfront.ts';
import { publishCampaign, publishContext, type PublishContext } from './publish.ts';

/**
 * The publish Lambda: `{campaignId, mode?: 'holding' | 'launched'}` → renders the public site into
 * the site bucket and invalidates what changed on CloudFront. The timeline's launch and the
 * console may also call `publishCampaign` directly with their own context.
 */
const eventSchema = z.object({
  campaignId: z.string().min(1).max(100),
  mode: z.enum(['holding', 'launched']).optional(),
});

const envSchema = z.object({
  TABLE_NAME: z.string().min(1),
  SITE_BUCKET: z.string().min(1),
  DISTRIBUTION_ID: z.string().min(1),
  SITE_URL: z.url(),
});

let context: PublishContext | undefined;
function lambdaContext(): PublishContext {
  if (!context) {
    const env = envSchema.parse(process.env);
    const clients = createClients();
    context = publishContext({
      dynamo: clients.dynamo,
      s3: clients.s3,
      tableName: env.TABLE_NAME,
      siteBucket: env.SITE_BUCKET,
      siteUrl: env.SITE_URL,
      invalidator: new CloudFrontInvalidator(cloudFront(), env.DISTRIBUTION_ID),
    });
  }
  return context;
}

export async function handler(raw: unknown) {
  const event = eventSchema.parse(raw);
  return publishCampaign(lambdaContext(), event.campaignId, event.mode);
}

export { publishCampaign, publishContext, type PublishContext, type PublishResult } from './publish.ts';

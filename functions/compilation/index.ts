import * as z from 'zod/mini';
import { CampaignStore } from '../adapters/campaign-store.ts';
import { CompilationStore } from '../adapters/compilation-store.ts';
import { MediaBucket } from '../adapters/media-bucket.ts';
import { UploadsBucket } from '../adapters/uploads-bucket.ts';
import { dynamoClient } from '../shared/clients/dynamo.ts';
import { s3Client } from '../shared/clients/s3.ts';
import { withLambdaLogs } from '../shared/log.ts';
import { compile, type CompileContext } from './compile.ts';

/**
 * The compilation Lambda, invoked asynchronously (InvocationType Event) by the console API's
 * POST /api/admin/campaigns/:id/compilation: several hundred pages with photos take longer than an
 * API call may. Its state is the campaign's `COMPILATION` item, which GET reads.
 */
const id = () => z.string().check(z.minLength(1), z.maxLength(100));
const eventSchema = z.object({ campaignId: id(), requestId: id() });
const envSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  UPLOADS_BUCKET: z.string().check(z.minLength(1)),
  MEDIA_BUCKET: z.string().check(z.minLength(1)),
});

let context: CompileContext | undefined;
function compileContext(): CompileContext {
  if (!context) {
    const env = envSchema.parse(process.env);
    context = {
      campaigns: new CampaignStore(dynamoClient(), env.TABLE_NAME),
      compilations: new CompilationStore(dynamoClient(), env.TABLE_NAME),
      uploads: new UploadsBucket(s3Client(), env.UPLOADS_BUCKET),
      media: new MediaBucket(s3Client(), env.MEDIA_BUCKET),
    };
  }
  return context;
}

export const handler = withLambdaLogs(
  'compilation',
  async (raw: unknown) => {
    const event = eventSchema.parse(raw);
    return compile(compileContext(), event.campaignId, event.requestId);
  },
  {
    correlate: (raw: unknown) => ({
      correlation_id: (raw as { requestId?: string } | null)?.requestId,
      campaignId: (raw as { campaignId?: string } | null)?.campaignId,
    }),
  },
);

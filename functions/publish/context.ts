import * as z from 'zod/mini';
import { CloudFrontInvalidator } from '../adapters/invalidator.ts';
import { cloudFrontClient } from '../shared/clients/cloudfront.ts';
import { dynamoClient } from '../shared/clients/dynamo.ts';
import { s3Client } from '../shared/clients/s3.ts';
import { frontendDir, frontendFiles } from './frontend-files.ts';
import { publishContext, type PublishContext } from './publish.ts';

const envSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  SITE_BUCKET: z.string().check(z.minLength(1)),
  DISTRIBUTION_ID: z.string().check(z.minLength(1)),
  SITE_URL: z.url(),
});

let context: PublishContext | undefined;
/** Built once per cold start; the timeline, the deploy trigger and the local stack all invoke this function. */
export function lambdaContext(): PublishContext {
  if (!context) {
    const env = envSchema.parse(process.env);
    context = publishContext({
      dynamo: dynamoClient(),
      s3: s3Client(),
      tableName: env.TABLE_NAME,
      siteBucket: env.SITE_BUCKET,
      siteUrl: env.SITE_URL,
      invalidator: new CloudFrontInvalidator(cloudFrontClient(), env.DISTRIBUTION_ID),
      // The apps copied beside this bundle by npm run build: absent, the publication refuses.
      frontend: () => frontendFiles(frontendDir()),
    });
  }
  return context;
}

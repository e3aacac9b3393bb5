import type { CloudFrontInvalidations } from '../adapters/invalidator.ts';

/**
 * The CloudFront client of the publish Lambda.
 *
 * PENDING: `@aws-sdk/client-cloudfront` is not installed yet. Once it is (`npm install
 * @aws-sdk/client-cloudfront`), this whole file becomes:
 *
 *   import { CloudFront } from '@aws-sdk/client-cloudfront';
 *   import type { CloudFrontInvalidations } from '../adapters/invalidator.ts';
 *   export const cloudFront = (): CloudFrontInvalidations => new CloudFront({});
 *
 * Until then, publishing on AWS writes the site and then fails loudly at the invalidation (the
 * manifest is not recorded, so the retry writes and invalidates the same files again); pages still
 * refresh by themselves within their 5-minute cache time.
 */
export const cloudFront = (): CloudFrontInvalidations => ({
  createInvalidation: async () => {
    throw new Error("@aws-sdk/client-cloudfront n'est pas installé : voir functions/publish/cloudfront.ts");
  },
});

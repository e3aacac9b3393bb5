import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { once } from './once.ts';

/** CloudFront, for the publish function's invalidations (functions/adapters/invalidator.ts). */
export const cloudFrontClient = /* @__PURE__ */ once(() => new CloudFrontClient({}));

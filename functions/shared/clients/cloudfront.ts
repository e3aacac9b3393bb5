import { CloudFront } from '@aws-sdk/client-cloudfront';
import { once } from './once.ts';

/** CloudFront, for the publish function's invalidations. The aggregated client has `createInvalidation`. */
export const cloudFrontClient = /* @__PURE__ */ once(() => new CloudFront({}));

import { CloudFront } from '@aws-sdk/client-cloudfront';
import { once, tracer } from './tracer.ts';

/** CloudFront, for the publish function's invalidations. The aggregated client has `createInvalidation`. */
export const cloudFrontClient = /* @__PURE__ */ once(() => tracer.captureAWSv3Client(new CloudFront({})));

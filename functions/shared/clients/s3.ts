import { S3Client } from '@aws-sdk/client-s3';
import { once, tracer } from './tracer.ts';

// An overridden S3 endpoint needs path-style URLs.
export const s3Client = /* @__PURE__ */ once(() =>
  tracer.captureAWSv3Client(new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) })),
);

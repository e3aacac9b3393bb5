import { S3Client } from '@aws-sdk/client-s3';
import { once } from './once.ts';

// An overridden S3 endpoint needs path-style URLs.
export const s3Client = /* @__PURE__ */ once(
  () => new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }),
);

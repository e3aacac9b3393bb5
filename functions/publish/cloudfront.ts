import { CloudFront } from '@aws-sdk/client-cloudfront';
import type { CloudFrontInvalidations } from '../adapters/invalidator.ts';

/** The CloudFront client of the publish Lambda (created once per cold start by its context). */
export const cloudFront = (): CloudFrontInvalidations => new CloudFront({});

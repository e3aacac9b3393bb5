import { type CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';

/**
 * Makes a CDN forget changed paths after a publication. Passed in by whoever publishes: the Lambda
 * handler plugs CloudFront in, the local stack plugs `noCdn` (its front reads the bucket directly).
 */
export interface Invalidator {
  /** `reference` identifies the publication: the same reference twice creates one invalidation. */
  invalidate(paths: string[], reference: string): Promise<{ id?: string }>;
}

/** Locally there is no CDN in front of the site bucket: nothing to invalidate. */
export const noCdn: Invalidator = {
  invalidate: async () => ({}),
};

/**
 * CloudFront's one call the publication needs, sent as a command through the bare client: the
 * aggregated `CloudFront` class carries every command of the API (155 KB of the publish bundle).
 */
export class CloudFrontInvalidator implements Invalidator {
  constructor(
    private readonly cloudfront: CloudFrontClient,
    private readonly distributionId: string,
  ) {}

  async invalidate(paths: string[], reference: string): Promise<{ id?: string }> {
    if (!paths.length) return {};
    // Paths are URL paths as CloudFront compares them: encoded, starting with a slash.
    const items = paths.map((p) => encodeURI(decodeURI(p)));
    const res = await this.cloudfront.send(
      new CreateInvalidationCommand({
        DistributionId: this.distributionId,
        InvalidationBatch: { CallerReference: reference, Paths: { Quantity: items.length, Items: items } },
      }),
    );
    return { id: res.Invalidation?.Id };
  }
}

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { COMPILATIONS_PREFIX } from '../../functions/domain/compilation.ts';
import { EXPORTS_PREFIX, RECEIPTS_PREFIX } from '../../functions/domain/bucket-prefixes.ts';
import { RETENTION_POLICY } from '../../functions/domain/retention.ts';

/** Key prefixes under which the server places uploads; S3 notifications filter on them. */
export const UPLOAD_PREFIXES = { photos: 'photos/', releases: 'releases/' } as const;
/** PDF proofs of releases signed online: private, and under no notification prefix. */
export const PROOFS_PREFIX = 'proofs/';
/** Processed images live under this prefix so CloudFront's /media/* behaviour maps onto it as is. */
export const MEDIA_PREFIX = 'media/';

/**
 * The three private buckets (uploads, media, site) plus the access-log bucket.
 * All block public access, enforce TLS and encrypt at rest; only CloudFront (OAC) reads media and site.
 */
export class Storage extends Construct {
  readonly logs: s3.Bucket;
  readonly uploads: s3.Bucket;
  readonly media: s3.Bucket;
  readonly site: s3.Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const common = {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    this.logs = new s3.Bucket(this, 'AccessLogs', {
      ...common,
      // CloudFront standard logs are delivered with ACLs, which need object-writer ownership.
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      // CloudFront standard logs and S3 server access logs hold visitors' IP addresses.
      lifecycleRules: [{ expiration: Duration.days(RETENTION_POLICY.logDays) }],
    });
    const logged = (prefix: string) => ({ serverAccessLogsBucket: this.logs, serverAccessLogsPrefix: prefix });

    this.uploads = new s3.Bucket(this, 'Uploads', {
      ...common,
      ...logged('uploads/'),
      versioned: true,
      lifecycleRules: [
        // The daily purge (functions/purge) erases a file's uploads, every version, 18 months after its
        // campaign's deadline. These rules are the backstop (functions/domain/retention.ts): raw originals
        // (with their EXIF/GPS), scans and proofs expire at the latest that long after they were written
        // (always before the purge date), replaced versions sooner, and the delete markers left behind go too.
        ...[UPLOAD_PREFIXES.photos, UPLOAD_PREFIXES.releases, PROOFS_PREFIX].map((prefix) => ({
          prefix,
          expiration: Duration.days(RETENTION_POLICY.uploadObjectDays),
          noncurrentVersionExpiration: Duration.days(RETENTION_POLICY.replacedUploadDays),
        })),
        {
          prefix: EXPORTS_PREFIX,
          expiration: Duration.days(RETENTION_POLICY.exportDays),
          noncurrentVersionExpiration: Duration.days(1),
        },
        // The summaries attached to « dossier complet » emails: needed until the email has left.
        {
          prefix: RECEIPTS_PREFIX,
          expiration: Duration.days(RETENTION_POLICY.receiptDays),
          noncurrentVersionExpiration: Duration.days(1),
        },
        // Printed compilations are generated again on demand: each PDF is a download, kept a week.
        { prefix: COMPILATIONS_PREFIX, expiration: Duration.days(7), noncurrentVersionExpiration: Duration.days(1) },
        { expiredObjectDeleteMarker: true },
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    this.media = new s3.Bucket(this, 'Media', { ...common, ...logged('media/') });
    this.site = new s3.Bucket(this, 'Site', { ...common, ...logged('site/') });
  }

  /** Browsers post files straight to the uploads bucket (presigned POST) from the site's origin only. */
  allowBrowserUploadsFrom(origins: string[]): void {
    this.uploads.addCorsRule({
      allowedMethods: [s3.HttpMethods.POST],
      allowedOrigins: origins,
      allowedHeaders: ['*'],
      maxAge: 3000,
    });
  }
}

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

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
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    const logged = (prefix: string) => ({ serverAccessLogsBucket: this.logs, serverAccessLogsPrefix: prefix });

    this.uploads = new s3.Bucket(this, 'Uploads', {
      ...common,
      ...logged('uploads/'),
      versioned: true,
      lifecycleRules: [
        // Raw originals (with their EXIF/GPS) are kept for one campaign cycle, long enough for the printed
        // compilation, then expire; replaced versions go after 30 days.
        { prefix: UPLOAD_PREFIXES.photos, expiration: Duration.days(540), noncurrentVersionExpiration: Duration.days(30) },
        { prefix: UPLOAD_PREFIXES.releases, noncurrentVersionExpiration: Duration.days(30) },
        { prefix: PROOFS_PREFIX, noncurrentVersionExpiration: Duration.days(30) },
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

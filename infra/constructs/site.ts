import { Annotations, Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { MEDIA_PREFIX } from './storage.ts';
import { acknowledge } from '../nag.ts';

export interface SiteProps {
  site: s3.IBucket;
  media: s3.IBucket;
  logs: s3.IBucket;
  apiDomainName: string;
  /** Sent by CloudFront to the API only: proves a request came through it (see functions/api/vote-routes.ts). */
  originVerify: string;
  /** Custom domain and its us-east-1 certificate; without them the *.cloudfront.net name is used. */
  domainName?: string;
  certificateArn?: string;
}

/** Content-Security-Policy of every response: no inline script, uploads only to S3. */
const CSP = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "script-src 'self'",
  "connect-src 'self' https://*.amazonaws.com",
  "form-action 'self' https://*.amazonaws.com",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

/**
 * The published pages live in folders (`/axes/x/` is the object `axes/x/index.html`, see
 * functions/domain/site) but CloudFront's default root object only applies to `/`: this
 * viewer-request function maps `/x/` to `/x/index.html`, and redirects `/x` (no extension) to `/x/`.
 */
const PAGE_INDEX_FUNCTION = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
  } else if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: uri + '/' } } };
  }
  return request;
}`;

/**
 * CloudFront in front of everything public: the static site (default), processed media (/media/*)
 * through Origin Access Control, and the HTTP API (/api/*, never cached).
 */
export class Site extends Construct {
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CSP, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
    });
    const certificate = props.certificateArn
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)
      : undefined;
    // With list access S3 answers 404 (not 403) for a missing key: only 404s need the site's page,
    // and the API's own 403s (« pas accès à la console ») reach the browser as sent.
    const bucketAccess = { originAccessLevels: [cloudfront.AccessLevel.READ, cloudfront.AccessLevel.LIST] };
    const pageIndex = new cloudfront.Function(this, 'PageIndex', {
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Pages du site public : /x/ -> /x/index.html',
      code: cloudfront.FunctionCode.fromInline(PAGE_INDEX_FUNCTION),
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: "Nos territoires ont de l'avenir",
      defaultRootObject: 'index.html',
      domainNames: props.domainName && certificate ? [props.domainName] : undefined,
      certificate,
      minimumProtocolVersion: certificate ? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: props.logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(props.site, bucketAccess),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        compress: true,
        functionAssociations: [{ function: pageIndex, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        [`/${MEDIA_PREFIX}*`]: {
          origin: origins.S3BucketOrigin.withOriginAccessControl(props.media, bucketAccess),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          responseHeadersPolicy: headers,
        },
        '/api/*': {
          origin: new origins.HttpOrigin(props.apiDomainName, {
            customHeaders: { 'x-origin-verify': props.originVerify },
          }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
      // Distribution-wide (API responses included): 404 only, see bucketAccess.
      errorResponses: [{ httpStatus: 404, responsePagePath: '/404.html', responseHttpStatus: 404 }],
    });
    // Listing reveals key names only: the site's pages are public anyway, and media keys are random upload ids.
    Annotations.of(this.distribution).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      'Needed so that a missing page is a 404; the listed keys are public pages or random media ids.',
    );
    if (!certificate) {
      acknowledge(
        this.distribution,
        'CFR4',
        'No custom domain configured yet: the default *.cloudfront.net certificate cannot pin TLS 1.2. Set avenir:siteDomain and avenir:certificateArn to enforce TLSv1.2_2021.',
      );
    }
    acknowledge(this.distribution, 'CFR1', 'The showcase is public for every visitor; no country is to be excluded.');
    acknowledge(
      this.distribution,
      'CFR2',
      'No WAF: a federation-sized site; the API has stage throttling and per-IP/per-email limits in the handlers, at a fraction of the cost.',
    );
  }

  /** https origin the browser uses (custom domain when set). */
  get origin(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}

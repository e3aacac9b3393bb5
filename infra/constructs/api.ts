import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { acknowledge } from '../nag.ts';
import { logRetention } from './retention.ts';

export interface ApiProps {
  userPool: cognito.IUserPool;
  userPoolClient: cognito.IUserPoolClient;
}

/**
 * HTTP API behind CloudFront's /api/* behaviour (same origin as the site, so no CORS).
 * Two routes: the public one, and /api/admin/* behind the Cognito JWT authorizer; the admin
 * handler also checks the `admin` group, which the authorizer cannot. Routes are added after the
 * functions exist, so the functions may know the distribution's URL without a dependency cycle.
 */
/** Requests per second for the whole API (steady, burst). */
export const STAGE_THROTTLE = { rate: 1000, burst: 2000 };

/**
 * The public routes that do work per request, each with its own ceiling: the vote's two at the
 * bench's target and more (the vote path holds 200+ confirmations a second), creation and the
 * resume link well above real use (the last 48 hours bring a few hundred files) but far from a
 * flood; the handlers' per-address and per-connection limits come on top.
 */
export const PUBLIC_ROUTE_THROTTLES: Record<string, { rate: number; burst: number }> = {
  'POST /api/votes': { rate: 400, burst: 800 },
  'POST /api/votes/confirm': { rate: 400, burst: 800 },
  'POST /api/applications': { rate: 50, burst: 100 },
  'POST /api/resume-links': { rate: 20, burst: 40 },
};

export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  private readonly stage: apigw.HttpStage;
  private readonly authorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', { createDefaultStage: false });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logRetention(),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Sized for the newsletter day (README « Vote du public »): a few hundred requests a second at
    // the peak, far below the account's 10,000; the routes that send an email are held tighter.
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: STAGE_THROTTLE.rate, burstLimit: STAGE_THROTTLE.burst },
    });
    const stage = this.stage;
    (stage.node.defaultChild as apigw.CfnStage).accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latency: '$context.responseLatency',
        error: '$context.integrationErrorMessage',
      }),
    };

    const region = Stack.of(this).region;
    this.authorizer = new HttpJwtAuthorizer(
      'AdminJwt',
      `https://cognito-idp.${region}.amazonaws.com/${props.userPool.userPoolId}`,
      {
        jwtAudience: [props.userPoolClient.userPoolClientId],
        identitySource: ['$request.header.Authorization'],
      },
    );
  }

  /** Every method under `/api/<prefix>/…` goes to one handler that routes inside (see functions/shared/http). */
  route(prefix: string, handler: lambda.IFunction, access: 'public' | 'admin'): void {
    const integration = new HttpLambdaIntegration(`${access}Integration`, handler);
    const [route] = this.httpApi.addRoutes({
      path: `/api/${prefix ? `${prefix}/` : ''}{proxy+}`,
      methods: [apigw.HttpMethod.ANY],
      integration,
      authorizer: access === 'admin' ? this.authorizer : undefined,
    });
    if (access !== 'public' || !route) return;
    acknowledge(
      route,
      'APIG4',
      'Public by design: applicants and voters have no account. Reads and edits of an application need its server-issued secret token (stored hashed); creation is throttled here and rate-limited in the handler.',
    );
    // The same handler, on routes of their own so that each gets its own throttling.
    // RouteSettings is a free-form map in CDK: written as CloudFormation spells it (PascalCase keys).
    const settings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const [key, limit] of Object.entries(PUBLIC_ROUTE_THROTTLES)) {
      const [method, path] = key.split(' ') as [keyof typeof apigw.HttpMethod, string];
      const [own] = this.httpApi.addRoutes({ path, methods: [apigw.HttpMethod[method]], integration });
      if (!own) continue;
      acknowledge(
        own,
        'APIG4',
        'Public by design (see the proxy route): the same handler, on its own route for its own throttling.',
      );
      this.stage.node.addDependency(own);
      settings[key] = { ThrottlingRateLimit: limit.rate, ThrottlingBurstLimit: limit.burst };
    }
    (this.stage.node.defaultChild as apigw.CfnStage).addPropertyOverride('RouteSettings', settings);
  }

  /** execute-api host name, the CloudFront origin of /api/*. */
  get domainName(): string {
    return `${this.httpApi.apiId}.execute-api.${Stack.of(this).region}.amazonaws.com`;
  }
}

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
export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  private readonly authorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', { createDefaultStage: false });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logRetention(),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
    });
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
    this.authorizer = new HttpJwtAuthorizer('AdminJwt', `https://cognito-idp.${region}.amazonaws.com/${props.userPool.userPoolId}`, {
      jwtAudience: [props.userPoolClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
  }

  /** Every method under `/api/<prefix>/…` goes to one handler that routes inside (see functions/shared/http). */
  route(prefix: string, handler: lambda.IFunction, access: 'public' | 'admin'): void {
    const [route] = this.httpApi.addRoutes({
      path: `/api/${prefix ? `${prefix}/` : ''}{proxy+}`,
      methods: [apigw.HttpMethod.ANY],
      integration: new HttpLambdaIntegration(`${access}Integration`, handler),
      authorizer: access === 'admin' ? this.authorizer : undefined,
    });
    if (access === 'public' && route) {
      acknowledge(route, 'APIG4', 'Public by design: applicants and voters have no account. Reads and edits of an application need its server-issued secret token (stored hashed); creation is throttled here and rate-limited in the handler.');
    }
  }

  /** execute-api host name, the CloudFront origin of /api/*. */
  get domainName(): string {
    return `${this.httpApi.apiId}.execute-api.${Stack.of(this).region}.amazonaws.com`;
  }
}

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The local stack is provisioned from the template `cdk synth` produces (one source of truth):
 * this module synthesizes it in-process, resolves the intrinsics the local stack needs into local
 * physical names, and extracts the pieces each emulator needs.
 */

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}
export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
}

export const STACK_NAME = 'Avenir';
/**
 * Metadata key naming a function's folder under functions/, set by AppFunction (synthTemplate checks
 * they agree). Not imported from there: the stack starts its emulators before loading the CDK.
 */
export const ENTRY_METADATA = 'avenir:entry';
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Synthesizes the stack exactly as `cdk synth` does (same app, same cdk.json context, plus `-c`-like overrides). */
export async function synthTemplate(
  context: Record<string, unknown> = {},
): Promise<{ template: CfnTemplate; region: string }> {
  const [{ App, Token }, { buildApp }, appFunction] = await Promise.all([
    import('aws-cdk-lib'),
    import('../app.ts'),
    import('../constructs/app-function.ts'),
  ]);
  if (appFunction.ENTRY_METADATA !== ENTRY_METADATA)
    throw new Error(
      `AppFunction marque ses fonctions avec « ${appFunction.ENTRY_METADATA} », le stack local attend « ${ENTRY_METADATA} »`,
    );
  const cdkJson = JSON.parse(await readFile(path.join(ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  const outdir = await mkdtemp(path.join(os.tmpdir(), 'avenir-synth-'));
  try {
    const app = new App({
      outdir,
      context: { ...cdkJson.context, ...context, 'aws:cdk:disable-asset-staging': true }, // bundles are read in place, not copied
      // The built-in CloudFormation validation costs ~4 s per synth; `cdk synth` and the infra tests run it.
      builtinCloudFormationValidation: false,
    });
    const { stack } = buildApp(app);
    const template = app.synth().getStackByName(STACK_NAME).template as CfnTemplate;
    return { template, region: Token.isUnresolved(stack.region) ? 'eu-west-3' : stack.region };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

/** What differs between AWS and here: names, ids and the public origin. */
export interface LocalNames {
  region: string;
  accountId: string;
  /** e.g. http://localhost:3000: replaces `https://<distribution domain>`. */
  frontOrigin: string;
  /** Known once cognito-local has created them. */
  cognito?: { userPoolId: string; clientId: string };
}

export const LOCAL_ACCOUNT_ID = '000000000000';
const PARTITION = 'aws';

/** Bucket names must be 3-63 lowercase characters; logical ids end with a hash, kept when shortening. */
export function localBucketName(logicalId: string): string {
  const name = logicalId.toLowerCase().replace(/[^a-z0-9-]/g, '');
  return name.length <= 63 ? name : `${name.slice(0, 55)}${name.slice(-8)}`;
}

/** Stands for the distribution's domain until the whole value is resolved (then `https://` becomes `http://`). */
const FRONT_HOST = '\u0000front-host\u0000';

export type Resolve = (value: unknown) => unknown;

/** Resolves Ref / Fn::GetAtt / Fn::Join / Fn::Sub / Fn::Select / Fn::Split and pseudo parameters to local values. */
export function createResolver(template: CfnTemplate, names: LocalNames): Resolve {
  const frontHost = new URL(names.frontOrigin).host;
  const pseudo: Record<string, string> = {
    'AWS::Region': names.region,
    'AWS::AccountId': names.accountId,
    'AWS::Partition': PARTITION,
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': STACK_NAME,
    'AWS::StackId': `arn:${PARTITION}:cloudformation:${names.region}:${names.accountId}:stack/${STACK_NAME}/00000000-0000-4000-8000-000000000000`,
    'AWS::NoValue': '',
  };
  const resource = (id: string): CfnResource => {
    const r = template.Resources[id];
    if (!r) throw new Error(`Ressource inconnue dans le modèle : ${id}`);
    return r;
  };
  const cognito = (what: string) => {
    if (!names.cognito) throw new Error(`${what} : le pool Cognito local n'est pas encore créé`);
    return names.cognito;
  };

  /** A named state machine keeps its name (its ARN in IAM policies must match the one its callers use). */
  const stateMachineName = (id: string) => {
    const name = resource(id).Properties?.StateMachineName;
    return typeof name === 'string' ? name : id;
  };
  const arn = (service: string, resourcePart: string) =>
    `arn:${PARTITION}:${service}:${names.region}:${names.accountId}:${resourcePart}`;

  const ref = (id: string): string => {
    if (id in pseudo) return pseudo[id]!;
    const r = resource(id);
    switch (r.Type) {
      case 'AWS::S3::Bucket':
        return localBucketName(id);
      case 'AWS::Cognito::UserPool':
        return cognito(id).userPoolId;
      case 'AWS::Cognito::UserPoolClient':
        return cognito(id).clientId;
      case 'AWS::Cognito::UserPoolGroup':
        return String(r.Properties?.GroupName ?? id);
      // CloudFormation's Ref of these is an ARN or a URL, not a name.
      case 'AWS::StepFunctions::StateMachine':
        return arn('states', `stateMachine:${stateMachineName(id)}`);
      case 'AWS::SQS::Queue':
        return `https://sqs.${names.region}.amazonaws.com/${names.accountId}/${id}`;
      default:
        return id; // tables, functions, APIs…: the logical id is the local name
    }
  };

  const getAtt = (id: string, attribute: string): string => {
    const r = resource(id);
    const name = ref(id);
    switch (`${r.Type}.${attribute}`) {
      case 'AWS::CloudFront::Distribution.DomainName':
        return FRONT_HOST;
      case 'AWS::S3::Bucket.Arn':
        return `arn:${PARTITION}:s3:::${name}`;
      case 'AWS::S3::Bucket.DomainName':
      case 'AWS::S3::Bucket.RegionalDomainName':
        return `${name}.s3.${names.region}.amazonaws.com`;
      case 'AWS::DynamoDB::Table.Arn':
        return arn('dynamodb', `table/${name}`);
      case 'AWS::Lambda::Function.Arn':
        return arn('lambda', `function:${name}`);
      case 'AWS::Cognito::UserPool.Arn':
        return arn('cognito-idp', `userpool/${name}`);
      case 'AWS::SQS::Queue.Arn':
        return arn('sqs', id);
      case 'AWS::StepFunctions::StateMachine.Arn':
        return arn('states', `stateMachine:${stateMachineName(id)}`);
      case 'AWS::StepFunctions::StateMachine.Name':
        return stateMachineName(id);
      case 'AWS::IAM::Role.Arn':
        return `arn:${PARTITION}:iam::${names.accountId}:role/${name}`;
      default:
        if (attribute === 'Arn') return arn(r.Type.split('::')[1]!.toLowerCase(), name);
        throw new Error(`Fn::GetAtt ${id}.${attribute} (${r.Type}) n'a pas d'équivalent local`);
    }
  };

  const sub = (text: string, vars: Record<string, unknown>): string =>
    text.replace(/\$\{([^}]+)\}/g, (_, expr: string) => {
      if (expr.startsWith('!')) return `\${${expr.slice(1)}}`;
      if (expr in vars) return String(resolve(vars[expr]));
      if (expr in pseudo || expr in template.Resources) return ref(expr);
      const [id, ...attr] = expr.split('.');
      return getAtt(id!, attr.join('.'));
    });

  function resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(resolve);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [key, arg] = entries[0] ?? [];
    if (entries.length === 1 && (key === 'Ref' || key?.startsWith('Fn::'))) {
      switch (key) {
        case 'Ref':
          return ref(String(arg));
        case 'Fn::GetAtt': {
          const [id, ...attr] = Array.isArray(arg) ? (arg as string[]) : String(arg).split('.');
          return getAtt(id!, attr.join('.'));
        }
        case 'Fn::Join': {
          const [separator, parts] = arg as [string, unknown[]];
          return (resolve(parts) as unknown[]).join(separator);
        }
        case 'Fn::Sub':
          return Array.isArray(arg)
            ? sub(String(arg[0]), (arg[1] ?? {}) as Record<string, unknown>)
            : sub(String(arg), {});
        case 'Fn::Select': {
          const [index, list] = arg as [unknown, unknown];
          return (resolve(list) as unknown[])[Number(resolve(index))];
        }
        case 'Fn::Split': {
          const [separator, text] = arg as [string, unknown];
          return String(resolve(text)).split(separator);
        }
        default:
          throw new Error(`Fonction intrinsèque non prise en charge localement : ${key}`);
      }
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v)]));
  }

  const localizeFront = (value: unknown): unknown => {
    if (typeof value === 'string')
      return value.replaceAll(`https://${FRONT_HOST}`, names.frontOrigin).replaceAll(FRONT_HOST, frontHost);
    if (Array.isArray(value)) return value.map(localizeFront);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localizeFront(v)]));
    return value;
  };
  return (value) => localizeFront(resolve(value));
}

// ---------------------------------------------------------------------------------------------
// Extractors: each returns what one emulator needs, already resolved.

const resourcesOfType = (template: CfnTemplate, type: string) =>
  Object.entries(template.Resources).filter(([, r]) => r.Type === type);

/** The logical id a `{Ref: id}` or `{Fn::GetAtt: [id, …]}` points to. */
function referencedId(value: unknown): string {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: string[] | string };
  const getAtt = v?.['Fn::GetAtt'];
  const id = v?.Ref ?? (Array.isArray(getAtt) ? getAtt[0] : getAtt?.split('.')[0]);
  if (!id) throw new Error(`Référence attendue (Ref ou Fn::GetAtt), reçu ${JSON.stringify(value)}`);
  return id;
}

export interface LocalQueue {
  /** The local queue name (the logical id, as Ref resolves it). */
  name: string;
  /** CreateQueue attributes from the template (VisibilityTimeout, RedrivePolicy with a resolved ARN…). */
  attributes: Record<string, string>;
}

const QUEUE_ATTRIBUTES = [
  'VisibilityTimeout',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'MaximumMessageSize',
  'ReceiveMessageWaitTimeSeconds',
];

/** Queues in creation order: dead-letter queues before the queues that name them. */
export function queuesOf(template: CfnTemplate, resolve: Resolve): LocalQueue[] {
  const queues = resourcesOfType(template, 'AWS::SQS::Queue').map(([logicalId, r]) => {
    const props = r.Properties ?? {};
    const attributes: Record<string, string> = {};
    for (const name of QUEUE_ATTRIBUTES) if (props[name] !== undefined) attributes[name] = String(props[name]);
    if (props.RedrivePolicy) attributes.RedrivePolicy = JSON.stringify(resolve(props.RedrivePolicy));
    return { name: logicalId, attributes };
  });
  return queues.sort(
    (a, b) => Number(Boolean(a.attributes.RedrivePolicy)) - Number(Boolean(b.attributes.RedrivePolicy)),
  );
}

export interface LocalEventSourceMapping {
  /** The queue's name (logical id). */
  queueName: string;
  functionLogicalId: string;
  batchSize: number;
  maximumBatchingWindowSeconds: number;
  reportBatchItemFailures: boolean;
  /** Concurrent pollers (ScalingConfig.MaximumConcurrency; AWS's default scales up to 1,000: 5 here). */
  maximumConcurrency: number;
}

export function eventSourceMappingsOf(template: CfnTemplate): LocalEventSourceMapping[] {
  return resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').map(([, r]) => {
    const props = r.Properties ?? {};
    return {
      queueName: referencedId(props.EventSourceArn),
      functionLogicalId: referencedId(props.FunctionName),
      batchSize: Number(props.BatchSize ?? 10),
      maximumBatchingWindowSeconds: Number(props.MaximumBatchingWindowInSeconds ?? 0),
      reportBatchItemFailures: ((props.FunctionResponseTypes as string[] | undefined) ?? []).includes(
        'ReportBatchItemFailures',
      ),
      maximumConcurrency: Number(
        (props.ScalingConfig as { MaximumConcurrency?: number } | undefined)?.MaximumConcurrency ?? 5,
      ),
    };
  });
}

export interface LocalFunction {
  logicalId: string;
  /** Folder under functions/. */
  entry: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
  memoryMb: number;
  /** Async invocations: retries after the first attempt (Lambda's default is 2). */
  maxRetryAttempts: number;
  /** Async invocations that failed every retry go to this queue (its name), as Lambda's on-failure destination. */
  onFailureQueue?: string;
}

/** Functions of the app (those tagged with their entry); CDK's own helper functions are skipped. */
export function functionsOf(template: CfnTemplate, resolve: Resolve): LocalFunction[] {
  const invokeConfigs = new Map(
    resourcesOfType(template, 'AWS::Lambda::EventInvokeConfig').map(([, r]) => [
      referencedId(r.Properties?.FunctionName),
      r.Properties ?? {},
    ]),
  );
  const onFailureQueue = (config: Record<string, unknown> | undefined) => {
    const destination = (config?.DestinationConfig as { OnFailure?: { Destination?: unknown } } | undefined)?.OnFailure
      ?.Destination;
    return destination ? referencedId(destination) : undefined;
  };
  return resourcesOfType(template, 'AWS::Lambda::Function')
    .filter(([, r]) => typeof r.Metadata?.[ENTRY_METADATA] === 'string')
    .map(([logicalId, r]) => {
      const props = r.Properties ?? {};
      const variables = (props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
      return {
        logicalId,
        entry: r.Metadata![ENTRY_METADATA] as string,
        environment: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, String(resolve(v))])),
        timeoutSeconds: Number(props.Timeout ?? 3),
        memoryMb: Number(props.MemorySize ?? 128),
        maxRetryAttempts: Number(invokeConfigs.get(logicalId)?.MaximumRetryAttempts ?? 2),
        onFailureQueue: onFailureQueue(invokeConfigs.get(logicalId)),
      };
    });
}

export interface LocalTable {
  logicalId: string;
  tableName: string;
  KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  AttributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
  GlobalSecondaryIndexes?: {
    IndexName: string;
    KeySchema: LocalTable['KeySchema'];
    Projection: Record<string, unknown>;
  }[];
  LocalSecondaryIndexes?: {
    IndexName: string;
    KeySchema: LocalTable['KeySchema'];
    Projection: Record<string, unknown>;
  }[];
  TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
}

export function tablesOf(template: CfnTemplate, resolve: Resolve): LocalTable[] {
  return resourcesOfType(template, 'AWS::DynamoDB::Table').map(([logicalId, r]) => {
    const p = resolve(r.Properties ?? {}) as Omit<LocalTable, 'logicalId' | 'tableName'>;
    return {
      logicalId,
      tableName: logicalId,
      KeySchema: p.KeySchema,
      AttributeDefinitions: p.AttributeDefinitions,
      GlobalSecondaryIndexes: p.GlobalSecondaryIndexes,
      LocalSecondaryIndexes: p.LocalSecondaryIndexes,
      TimeToLiveSpecification: p.TimeToLiveSpecification,
    };
  });
}

/** A CORS rule in the S3 API's shape (the template uses CloudFormation's names). */
export interface LocalCorsRule {
  AllowedMethods: string[];
  AllowedOrigins: string[];
  AllowedHeaders?: string[];
  ExposeHeaders?: string[];
  MaxAgeSeconds?: number;
  ID?: string;
}

export interface LocalBucket {
  logicalId: string;
  name: string;
  versioned: boolean;
  cors: LocalCorsRule[];
}

export function bucketsOf(template: CfnTemplate, resolve: Resolve): LocalBucket[] {
  return resourcesOfType(template, 'AWS::S3::Bucket').map(([logicalId, r]) => {
    const p = r.Properties ?? {};
    const rules = (
      (resolve(p.CorsConfiguration ?? {}) as { CorsRules?: Record<string, unknown>[] }).CorsRules ?? []
    ).map((rule): LocalCorsRule => ({
      AllowedMethods: rule.AllowedMethods as string[],
      AllowedOrigins: rule.AllowedOrigins as string[],
      AllowedHeaders: rule.AllowedHeaders as string[] | undefined,
      ExposeHeaders: rule.ExposedHeaders as string[] | undefined,
      MaxAgeSeconds: rule.MaxAge as number | undefined,
      ID: rule.Id as string | undefined,
    }));
    const versioning = p.VersioningConfiguration as { Status?: string } | undefined;
    return { logicalId, name: localBucketName(logicalId), versioned: versioning?.Status === 'Enabled', cors: rules };
  });
}

export interface LocalNotification {
  bucketName: string;
  /** As configured, e.g. `s3:ObjectCreated:*`. */
  events: string[];
  prefix?: string;
  suffix?: string;
  /** What AWS puts in `s3.configurationId` (CDK sets none, so AWS makes one up; here: a stable one). */
  configurationId: string;
  target: { logicalId: string; entry: string };
}

/** `Custom::S3BucketNotifications` (what CDK deploys with `addEventNotification`), Lambda targets only. */
export function notificationsOf(template: CfnTemplate, resolve: Resolve): LocalNotification[] {
  return resourcesOfType(template, 'Custom::S3BucketNotifications').flatMap(([logicalId, r]) => {
    const bucketName = String(resolve(r.Properties?.BucketName));
    const config = r.Properties?.NotificationConfiguration as
      { LambdaFunctionConfigurations?: Record<string, unknown>[] } | undefined;
    return (config?.LambdaFunctionConfigurations ?? []).map((c, index): LocalNotification => {
      const targetId = referencedId(c.LambdaFunctionArn);
      const entry = template.Resources[targetId]?.Metadata?.[ENTRY_METADATA];
      if (typeof entry !== 'string')
        throw new Error(`Notification S3 vers ${targetId}, qui n'est pas une fonction de l'application`);
      const rules = (
        (c.Filter as { Key?: { FilterRules?: { Name: string; Value: unknown }[] } } | undefined)?.Key?.FilterRules ?? []
      ).map((rule) => [rule.Name.toLowerCase(), String(resolve(rule.Value))] as const);
      const filter = Object.fromEntries(rules) as { prefix?: string; suffix?: string };
      return {
        bucketName,
        events: c.Events as string[],
        ...filter,
        configurationId: String(c.Id ?? `${logicalId}-${index + 1}`),
        target: { logicalId: targetId, entry },
      };
    });
  });
}

export interface LocalRoute {
  routeKey: string;
  /** `ANY` or an HTTP method. */
  method: string;
  /** e.g. `/api/admin/{proxy+}`. */
  path: string;
  apiId: string;
  target: { logicalId: string; entry: string };
  /** Present when the route has a JWT authorizer. */
  jwt?: { audience: string[]; issuer: string };
}

export function routesOf(template: CfnTemplate, resolve: Resolve): LocalRoute[] {
  return resourcesOfType(template, 'AWS::ApiGatewayV2::Route').map(([logicalId, r]) => {
    const p = r.Properties ?? {};
    const routeKey = String(p.RouteKey);
    const [method = '', routePath = ''] = routeKey === '$default' ? ['ANY', '$default'] : routeKey.split(' ');
    const integrationId = String(resolve(p.Target)).replace(/^integrations\//, '');
    const integration = template.Resources[integrationId];
    if (!integration) throw new Error(`Route ${routeKey} : intégration ${integrationId} introuvable`);
    const targetId = referencedId(integration.Properties?.IntegrationUri);
    const entry = template.Resources[targetId]?.Metadata?.[ENTRY_METADATA];
    if (typeof entry !== 'string')
      throw new Error(
        `Route ${routeKey} (${logicalId}) : la cible ${targetId} n'est pas une fonction de l'application`,
      );
    let jwt: LocalRoute['jwt'];
    if (p.AuthorizationType === 'JWT') {
      const authorizer = template.Resources[referencedId(p.AuthorizerId)];
      const config = resolve(authorizer?.Properties?.JwtConfiguration) as { Audience: string[]; Issuer: string };
      jwt = { audience: config.Audience, issuer: config.Issuer };
    } else if (p.AuthorizationType && p.AuthorizationType !== 'NONE') {
      throw new Error(`Route ${routeKey} : autorisation ${String(p.AuthorizationType)} non prise en charge localement`);
    }
    return {
      routeKey,
      method,
      path: routePath,
      apiId: String(resolve(p.ApiId)),
      target: { logicalId: targetId, entry },
      jwt,
    };
  });
}

function single(template: CfnTemplate, type: string): [string, CfnResource] {
  const found = resourcesOfType(template, type);
  if (found.length !== 1) throw new Error(`Le stack local attend exactement un ${type} (trouvé : ${found.length})`);
  return found[0]!;
}

export interface LocalUserPool {
  logicalId: string;
  /** CloudFormation properties, unresolved (literal values only are used). */
  properties: Record<string, unknown>;
  client: { logicalId: string; properties: Record<string, unknown> };
  groups: { logicalId: string; groupName: string; description?: string; precedence?: number }[];
}

export function userPoolOf(template: CfnTemplate): LocalUserPool {
  const [logicalId, pool] = single(template, 'AWS::Cognito::UserPool');
  const [clientId, client] = single(template, 'AWS::Cognito::UserPoolClient');
  const groups = resourcesOfType(template, 'AWS::Cognito::UserPoolGroup').map(([groupId, g]) => ({
    logicalId: groupId,
    groupName: String(g.Properties?.GroupName ?? groupId),
    description: g.Properties?.Description as string | undefined,
    precedence: g.Properties?.Precedence as number | undefined,
  }));
  return {
    logicalId,
    properties: pool.Properties ?? {},
    client: { logicalId: clientId, properties: client.Properties ?? {} },
    groups,
  };
}

export type LocalOrigin = { kind: 'bucket'; bucketName: string } | { kind: 'api' };

export interface LocalBehavior {
  /** CloudFront path pattern; `*` for the default behaviour. */
  pathPattern: string;
  origin: LocalOrigin;
  /** Response headers the behaviour's response headers policy adds (lowercase names). */
  headers: Record<string, string>;
  /** The code of the CloudFront function associated with its viewer requests, run as is by the local front. */
  viewerRequest?: string;
}

export interface LocalDistribution {
  /** Its ARN, as bucket policies name it for origin access control. */
  arn: string;
  defaultRootObject?: string;
  /** In CloudFront's evaluation order; the default behaviour last. */
  behaviors: LocalBehavior[];
  errorResponses: { errorCode: number; responseCode: number; responsePagePath: string }[];
}

/** The CloudFront distribution: which origin serves which path, error pages, security headers. */
export function distributionOf(template: CfnTemplate, resolve: Resolve): LocalDistribution {
  const [distributionId, distribution] = single(template, 'AWS::CloudFront::Distribution');
  const config = distribution.Properties?.DistributionConfig as Record<string, unknown>;
  const origins = new Map(
    (config.Origins as { Id: string; DomainName: unknown }[]).map((o) => {
      const raw = o.DomainName as { 'Fn::GetAtt'?: unknown };
      const bucketId = raw['Fn::GetAtt'] ? referencedId(raw) : undefined;
      if (bucketId && template.Resources[bucketId]?.Type === 'AWS::S3::Bucket') {
        return [o.Id, { kind: 'bucket', bucketName: localBucketName(bucketId) } as LocalOrigin];
      }
      const domain = String(resolve(o.DomainName));
      if (!domain.includes('.execute-api.'))
        throw new Error(`Origine CloudFront ${o.Id} (${domain}) sans équivalent local`);
      return [o.Id, { kind: 'api' } as LocalOrigin];
    }),
  );
  const behavior = (b: Record<string, unknown>, pathPattern: string): LocalBehavior => {
    const origin = origins.get(String(b.TargetOriginId));
    if (!origin)
      throw new Error(`Comportement CloudFront ${pathPattern} : origine ${String(b.TargetOriginId)} introuvable`);
    const policyId = b.ResponseHeadersPolicyId ? referencedId(b.ResponseHeadersPolicyId) : undefined;
    const associations = (b.FunctionAssociations ?? []) as { EventType: string; FunctionARN: unknown }[];
    const viewerRequest = associations.find((a) => a.EventType === 'viewer-request');
    const functionCode = viewerRequest
      ? template.Resources[referencedId(viewerRequest.FunctionARN)]?.Properties?.FunctionCode
      : undefined;
    if (associations.some((a) => a.EventType !== 'viewer-request'))
      throw new Error(
        `Comportement CloudFront ${pathPattern} : seules les fonctions viewer-request sont prises en charge localement`,
      );
    return {
      pathPattern,
      origin,
      headers: policyId ? responseHeaders(template.Resources[policyId], resolve) : {},
      viewerRequest: functionCode === undefined ? undefined : String(functionCode),
    };
  };
  const cacheBehaviors = (config.CacheBehaviors as Record<string, unknown>[] | undefined) ?? [];
  const arn = String(
    resolve({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':cloudfront::',
          { Ref: 'AWS::AccountId' },
          ':distribution/',
          { Ref: distributionId },
        ],
      ],
    }),
  );
  return {
    arn,
    defaultRootObject: config.DefaultRootObject as string | undefined,
    behaviors: [
      ...cacheBehaviors.map((b) => behavior(b, String(b.PathPattern))),
      behavior(config.DefaultCacheBehavior as Record<string, unknown>, '*'),
    ],
    errorResponses: ((config.CustomErrorResponses as Record<string, unknown>[] | undefined) ?? []).map((e) => ({
      errorCode: Number(e.ErrorCode),
      responseCode: Number(e.ResponseCode ?? e.ErrorCode),
      responsePagePath: String(e.ResponsePagePath),
    })),
  };
}

/** The headers an `AWS::CloudFront::ResponseHeadersPolicy` adds, as CloudFront writes them. */
function responseHeaders(policy: CfnResource | undefined, resolve: Resolve): Record<string, string> {
  const config = resolve(policy?.Properties?.ResponseHeadersPolicyConfig ?? {}) as {
    SecurityHeadersConfig?: Record<string, Record<string, unknown> | undefined>;
    CustomHeadersConfig?: { Items?: { Header: string; Value: string }[] };
  };
  const s = config.SecurityHeadersConfig ?? {};
  const headers: Record<string, string> = {};
  if (s.ContentSecurityPolicy)
    headers['content-security-policy'] = String(s.ContentSecurityPolicy.ContentSecurityPolicy);
  if (s.StrictTransportSecurity) {
    const hsts = s.StrictTransportSecurity;
    headers['strict-transport-security'] = [
      `max-age=${String(hsts.AccessControlMaxAgeSec)}`,
      hsts.IncludeSubdomains ? 'includeSubDomains' : '',
      hsts.Preload ? 'preload' : '',
    ]
      .filter(Boolean)
      .join('; ');
  }
  if (s.ContentTypeOptions) headers['x-content-type-options'] = 'nosniff';
  if (s.FrameOptions) headers['x-frame-options'] = String(s.FrameOptions.FrameOption);
  if (s.ReferrerPolicy) headers['referrer-policy'] = String(s.ReferrerPolicy.ReferrerPolicy);
  if (s.XSSProtection) {
    const x = s.XSSProtection;
    headers['x-xss-protection'] = x.Protection
      ? `1${x.ModeBlock ? '; mode=block' : ''}${x.ReportUri ? `; report=${String(x.ReportUri)}` : ''}`
      : '0';
  }
  for (const item of config.CustomHeadersConfig?.Items ?? []) headers[item.Header.toLowerCase()] = item.Value;
  return headers;
}

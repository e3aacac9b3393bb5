import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import path from 'node:path';
import { acknowledge, nagResourceName } from '../nag.ts';
import { logRetention } from './retention.ts';

/** Where `npm run build` writes one bundle folder per function. */
export const BUNDLES_DIR = path.resolve(import.meta.dirname, '../../dist/functions');

const OBJECTS_UNDER_PREFIX =
  'Object keys are chosen per application by the server; access is limited to the one key prefix this function works on.';

/** Metadata key that names the function folder; the local stack uses it to load the same handler. */
export const ENTRY_METADATA = 'avenir:entry';

export interface AppFunctionProps {
  /** Folder under functions/ (and dist/functions/) holding the handler. */
  entry: string;
  description: string;
  environment?: Record<string, string>;
  memorySize?: number;
  timeout?: Duration;
  /** Terminal destination for async invocations that failed every retry. */
  failedEvents: sqs.IQueue;
  /** A fixed name, for a function people invoke by name (npm run redrive); CloudFormation's otherwise. */
  functionName?: string;
}

/**
 * One Lambda with the project's defaults: Node 22, JSON logs kept as the retention policy says (a year), X-Ray, two async
 * retries then the failed-events queue. Its role starts empty; grants are explicit actions only
 * (no `*` actions), through the helpers below.
 */
export class AppFunction extends Construct {
  readonly fn: lambda.Function;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logRetention(),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Rôle de la fonction ${props.entry}`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    this.fn = new lambda.Function(this, 'Function', {
      runtime: lambda.Runtime.NODEJS_22_X,
      // x86_64: the sharp binaries shipped beside the photo bundle are the ones the tests and the bench ran.
      architecture: lambda.Architecture.X86_64,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(BUNDLES_DIR, props.entry)),
      description: props.description,
      functionName: props.functionName,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(15),
      role: this.role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new destinations.SqsDestination(props.failedEvents),
    });
    acknowledge(
      this.fn,
      'L1',
      'Node 22 is the pinned runtime: bundles are built for it (esbuild target node22) and the tests run against it; moving to a newer runtime is a deliberate upgrade.',
    );
    acknowledge(
      this.role,
      'IAM5[Resource::*]',
      'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions (added by active tracing).',
    );
    (this.fn.node.defaultChild as lambda.CfnFunction).addMetadata(ENTRY_METADATA, props.entry);
  }

  /**
   * Explicit actions on explicit resources; refuses wildcard actions so least privilege cannot regress
   * silently. A resource pattern (objects under a prefix, a table's indexes) needs its reason.
   */
  allow(actions: string[], resources: string[], patternReason?: string): void {
    const wildcard = actions.find((a) => a.includes('*'));
    if (wildcard) throw new Error(`AppFunction ${this.node.id}: action générique refusée (${wildcard})`);
    for (const resource of resources.map((r) => nagResourceName(this, r)).filter((r) => r.includes('*'))) {
      if (!patternReason)
        throw new Error(`AppFunction ${this.node.id}: ressource générique sans justification (${resource})`);
      acknowledge(this.role, `IAM5[Resource::${resource}]`, patternReason);
    }
    this.role.addToPolicy(new iam.PolicyStatement({ actions, resources }));
  }

  readObjects(bucket: s3.IBucket, prefix: string): void {
    this.allow(['s3:GetObject'], [bucket.arnForObjects(`${prefix}*`)], OBJECTS_UNDER_PREFIX);
  }

  /**
   * The object versions an S3 event names: on a versioned bucket, GetObject with a VersionId is
   * authorized as s3:GetObjectVersion, which s3:GetObject does not cover.
   */
  readObjectVersions(bucket: s3.IBucket, prefix: string): void {
    this.allow(['s3:GetObjectVersion'], [bucket.arnForObjects(`${prefix}*`)], OBJECTS_UNDER_PREFIX);
  }

  writeObjects(bucket: s3.IBucket, prefix: string): void {
    this.allow(['s3:PutObject'], [bucket.arnForObjects(`${prefix}*`)], OBJECTS_UNDER_PREFIX);
  }

  deleteObjects(bucket: s3.IBucket, prefix: string): void {
    this.allow(['s3:DeleteObject'], [bucket.arnForObjects(`${prefix}*`)], OBJECTS_UNDER_PREFIX);
  }

  listObjects(bucket: s3.IBucket): void {
    this.allow(['s3:ListBucket'], [bucket.bucketArn]);
  }

  useTable(table: dynamodb.ITable, access: 'read' | 'readWrite'): void {
    const read = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem'];
    // No BatchWriteItem: no handler uses it (grant it with the first one that does).
    const write = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
    this.allow(
      access === 'read' ? read : [...read, ...write],
      [table.tableArn, `${table.tableArn}/index/*`],
      "Queries go through the table's own secondary indexes, whose ARNs exist only under <table>/index/.",
    );
  }
}

/** The ARN of an SES identity in this stack's account and region. */
export function sesIdentityArn(scope: Construct, identity: string): string {
  const stack = Stack.of(scope);
  return stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity });
}

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CampaignStore } from '../../functions/adapters/campaign-store.ts';
import { clockRoute, LocalClock } from './clock.ts';
import { cognitoClient, provisionCognito, startCognito } from './cognito.ts';
import { dynamoDbClient, provisionTables, startDynamoDb } from './dynamodb.ts';
import { startFront } from './http-front.ts';
import { startCloudFrontEndpoint } from './cloudfront.ts';
import type { LambdaRuntime } from './lambda-runtime.ts';
import { createLogger } from './log.ts';
import { assertPortsFree, DEFAULT_PORTS, freePorts } from './ports.ts';
import { S3Dispatcher } from './s3-dispatcher.ts';
import { legacyOpenSslEnabled } from './legacy-openssl.ts';
import { LOCAL_CREDENTIALS, provisionBuckets, registerKeyPair, s3Client, startS3 } from './s3.ts';
import { faultsRoute } from './iam/faults.ts';
import { startFunctionsBehindIam } from './iam/functions-behind-iam.ts';
import { LocalScheduler, schedulesOf } from './schedules.ts';
import { startSes } from './ses.ts';
import { startSqs } from './sqs.ts';
import { EventSourcePollers } from './sqs-poller.ts';
import { LocalStepFunctions, resumeTimelines, startStepFunctionsEndpoint, stateMachinesOf } from './stepfunctions.ts';
import { readState, runningPid, updateState, type LocalPorts } from './state.ts';
import {
  bucketsOf,
  createResolver,
  distributionOf,
  eventSourceMappingsOf,
  functionsOf,
  LOCAL_ACCOUNT_ID,
  notificationsOf,
  queuesOf,
  routesOf,
  synthTemplate,
  tablesOf,
  userPoolOf,
  type CfnTemplate,
} from './template.ts';

/**
 * The whole platform on 127.0.0.1: emulators started in parallel while the CDK template is
 * synthesized, then everything provisioned from that template, then the handlers wired to the
 * front (HTTP) and the dispatcher (S3 events).
 */

export interface LocalStackOptions {
  dataDir: string;
  /** Fixed ports (defaults for the missing ones) or 'auto' for free ones. */
  ports?: Partial<LocalPorts> | 'auto';
  /** No info logs (tests). */
  quiet?: boolean;
  /** Delays between async retries of S3 deliveries. */
  retryDelaysMs?: number[];
  /** CDK context overrides, as `cdk synth -c key=value` would give them. */
  context?: Record<string, unknown>;
}

export interface LocalStack {
  urls: {
    front: string;
    inbox: string;
    dynamodb: string;
    s3: string;
    ses: string;
    cognito: string;
    stepFunctions: string;
    gateway: string;
  };
  ports: LocalPorts;
  /** What the handlers see in process.env. */
  env: Record<string, string>;
  admin: { email: string; password: string };
  cognito: { userPoolId: string; clientId: string; issuer: string };
  region: string;
  template: CfnTemplate;
  runtime: LambdaRuntime;
  dispatcher: S3Dispatcher;
  /** The campaign timeline's executions (aws-local-stepfunctions) and the simulated clock they wait on. */
  stepFunctions: LocalStepFunctions;
  clock: LocalClock;
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const started = Date.now();
  // Set for the handlers anyway (see localSdkEnvironment); the stack's own clients come first.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dataDir = path.resolve(options.dataDir);
  const log = createLogger('local-stack', { quiet: options.quiet });
  await mkdir(path.join(dataDir, 'logs'), { recursive: true });
  const pid = runningPid(await readState(dataDir));
  if (pid && pid !== process.pid) {
    throw new Error(
      `Une pile locale utilise déjà ${dataDir} (processus ${pid}). Arrêtez-la d'abord (Ctrl-C dans son terminal).`,
    );
  }
  const ports = options.ports === 'auto' ? await freePorts() : { ...DEFAULT_PORTS, ...options.ports };
  await assertPortsFree(ports);
  if (!legacyOpenSslEnabled())
    log.warn(
      'ListObjectsV2 pagination unavailable: run node with --openssl-legacy-provider (s3rver continuation tokens use DES)',
    );

  const frontOrigin = `http://localhost:${ports.front}`;
  const childEnv = { ...process.env }; // before the handlers' variables are added to process.env
  const stops: (() => Promise<void>)[] = [];
  /** In reverse order of start: the front first, emulators last. */
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) {
      await stop().catch((error: unknown) => log.error('stop failed', { error: String(error) }));
    }
  };

  try {
    // Child processes first: they boot while this thread synthesizes the template.
    const [dynamo, cognito] = await Promise.all([
      startDynamoDb({ dataDir, port: ports.dynamodb, frontOrigin, env: childEnv }).then(
        (started) => (stops.push(started.emulator.stop), started),
      ),
      startCognito({ dataDir, port: ports.cognito, env: childEnv }).then(
        (started) => (stops.push(started.emulator.stop), started),
      ),
    ]);
    const s3 = await startS3({ dataDir, port: ports.s3 });
    stops.push(s3.stop);
    const ses = await startSes({ port: ports.ses });
    stops.push(ses.stop);

    const { template, region } = await synthTemplate(options.context);
    const names = { region, accountId: LOCAL_ACCOUNT_ID, frontOrigin };
    const resolveWithoutCognito = createResolver(template, names);
    const s3Api = s3Client(s3.url, region);
    const [, , provisioned] = await Promise.all([
      dynamo.ready().then(() => provisionTables(dynamoDbClient(dynamo.url), tablesOf(template, resolveWithoutCognito))),
      provisionBuckets(s3Api, bucketsOf(template, resolveWithoutCognito)),
      cognito.ready().then(() => provisionCognito(cognitoClient(cognito.url, region), userPoolOf(template), dataDir)),
    ]);
    const resolve = createResolver(template, {
      ...names,
      cognito: { userPoolId: provisioned.userPoolId, clientId: provisioned.clientId },
    });
    const buckets = bucketsOf(template, resolve);
    const functions = functionsOf(template, resolve);
    const sqs = await startSqs({ region, queues: queuesOf(template, resolve) });
    stops.push(sqs.stop);

    // Step Functions: its API endpoint first (the handlers' SDK needs its URL), its engine once the runtime exists.
    const sfnLog = createLogger('stepfunctions', { quiet: options.quiet });
    const sfnEndpoint = await startStepFunctionsEndpoint({ log: sfnLog });
    stops.push(sfnEndpoint.stop);
    const cloudFront = await startCloudFrontEndpoint({ log: createLogger('cloudfront', { quiet: options.quiet }) });
    stops.push(cloudFront.stop);
    // Every signed call of a handler goes through the IAM gateway, which checks it against the
    // function's role in the template before it reaches an emulator.
    const behindIam = await startFunctionsBehindIam({
      template,
      resolve,
      functions,
      region,
      accountId: LOCAL_ACCOUNT_ID,
      operator: LOCAL_CREDENTIALS,
      targets: {
        s3: s3.url,
        dynamodb: dynamo.url,
        ses: ses.url,
        states: sfnEndpoint.url,
        cloudfront: cloudFront.url,
        sqs: sqs.url,
      },
      sqsQueueUrl: sqs.queueUrl,
      cognitoUrl: cognito.url,
      quiet: options.quiet,
    });
    stops.push(behindIam.stop);
    const { runtime, gateway } = behindIam;
    for (const credentials of runtime.credentials.values()) registerKeyPair(credentials);
    const clock = await LocalClock.load(dataDir, sfnLog);
    const stepFunctions = new LocalStepFunctions({
      machines: stateMachinesOf(template, resolve, names),
      functions,
      runtime,
      clock,
      log: sfnLog,
    });
    sfnEndpoint.attach(stepFunctions);
    // EventBridge schedules (the daily purge), run by the same simulated clock.
    const scheduler = new LocalScheduler({
      schedules: schedulesOf(template, functions),
      clock,
      invoke: (entry, event) => runtime.invoke(entry, event, { source: 'schedule' }),
      region,
      accountId: LOCAL_ACCOUNT_ID,
      log: sfnLog,
    });
    stops.push(async () => {
      scheduler.stop();
      clock.stop();
      await stepFunctions.stopAll();
    });
    const retries = new Map(functions.map((fn) => [fn.logicalId, fn.maxRetryAttempts]));
    const dispatcher = new S3Dispatcher({
      region,
      accountId: LOCAL_ACCOUNT_ID,
      notifications: notificationsOf(template, resolve),
      versionedBuckets: new Set(buckets.filter((b) => b.versioned).map((b) => b.name)),
      maxRetries: (logicalId) => retries.get(logicalId) ?? 2,
      invoke: (entry, event) => runtime.invoke(entry, event, { source: 's3' }),
      retryDelaysMs: options.retryDelaysMs,
      recordFailure: behindIam.recordFailure,
      log: createLogger('s3-dispatcher', { quiet: options.quiet }),
    });
    s3.server.on('event', dispatcher.handle);
    stops.push(async () => {
      s3.server.off('event', dispatcher.handle);
      // Let deliveries under way finish (bounded: a stuck handler must not block the stop).
      await Promise.race([dispatcher.idle(), new Promise((r) => setTimeout(r, 5000).unref())]);
    });

    // Lambda's SQS event source mappings (the mail queue's consumer), polling as each function's role.
    const pollers = new EventSourcePollers({
      mappings: eventSourceMappingsOf(template),
      functions,
      runtime,
      endpoint: gateway.url,
      region,
      accountId: LOCAL_ACCOUNT_ID,
      depth: sqs.depth,
      log: createLogger('sqs', { quiet: options.quiet }),
    });
    pollers.start();
    stops.push(() => pollers.stop());

    const issuer = `${cognito.url}/${provisioned.userPoolId}`;
    const distribution = distributionOf(template, resolve);
    const front = await startFront({
      port: ports.front,
      distribution,
      originAccess: (action, resource) => behindIam.evaluator.allowsDistribution(distribution.arn, action, resource),
      routes: routesOf(template, resolve),
      runtime,
      s3: s3Api,
      // Browsers upload through the gateway too: it enforces the presigned POST policies that s3rver ignores.
      s3Origin: gateway.url,
      cognitoOrigin: cognito.url,
      jwt: { issuer, jwksUrl: `${issuer}/.well-known/jwks.json` },
      accountId: LOCAL_ACCOUNT_ID,
      ses,
      dispatcher,
      mailSettled: () => pollers.settled(),
      log: createLogger('front', { quiet: options.quiet }),
      localRoutes: {
        '/_local/clock': clockRoute(clock),
        '/_local/invalidations': async () => ({ status: 200, body: { invalidations: cloudFront.invalidations } }),
        '/_local/denials': async () => ({ status: 200, body: { denials: gateway.denials } }),
        // Tests make the next calls of a function fail with an AWS error, at the SDK boundary (infra/local/iam/faults.ts).
        '/_local/faults': faultsRoute(gateway.faults, functions),
        // Runs one function once, in its own environment behind the IAM check (npm run invoke, tests).
        '/_local/invoke': async ({ method, body }) => {
          if (method !== 'POST') return { status: 405, body: { message: 'POST {entry, event}' } };
          const { entry, event } = JSON.parse(body.toString('utf8') || '{}') as { entry?: string; event?: unknown };
          if (!entry || !runtime.entries.includes(entry))
            return {
              status: 404,
              body: { message: `Fonction inconnue : ${entry} (fonctions : ${runtime.entries.join(', ')})` },
            };
          return runtime.invoke(entry, event, { source: 'local-invoke' }).then(
            (result) => ({ status: 200, body: { result: result ?? null } }),
            (error: Error) => ({ status: 500, body: { errorType: error.name, errorMessage: error.message } }),
          );
        },
      },
    });
    stops.push(front.stop);

    // Executions live in this process only: campaigns opened before a restart get theirs again.
    const documents = DynamoDBDocumentClient.from(dynamoDbClient(dynamo.url));
    await resumeTimelines(stepFunctions, new CampaignStore(documents, runtime.env.TABLE_NAME!), sfnLog);
    // The site bucket starts with the current call's holding page (or « no call open »), as the
    // timeline keeps it afterwards: the same publish function, invoked once at start.
    await runtime.invoke('publish', {}, { source: 'start' });

    await updateState(dataDir, { running: { pid: process.pid, startedAt: new Date().toISOString(), ports } });
    stops.unshift(() => updateState(dataDir, { running: undefined }).then(() => undefined));
    log.info('local stack ready', { durationMs: Date.now() - started, ports });

    let stopping: Promise<void> | undefined;
    return {
      urls: {
        front: front.url,
        inbox: `${front.url}/_local/inbox`,
        dynamodb: dynamo.url,
        s3: s3.url,
        ses: ses.url,
        cognito: cognito.url,
        stepFunctions: sfnEndpoint.url,
        gateway: gateway.url,
      },
      ports,
      // Operator credentials (allowed everything) for tests and tools; the handlers have their own.
      env: {
        ...runtime.env,
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      },
      admin: provisioned.admin,
      cognito: { userPoolId: provisioned.userPoolId, clientId: provisioned.clientId, issuer },
      region,
      template,
      runtime,
      dispatcher,
      stepFunctions,
      clock,
      stop: () => (stopping ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

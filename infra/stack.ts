import { Aws, CfnOutput, Duration, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as triggers from 'aws-cdk-lib/triggers';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { DeployConfig } from './config.ts';
import { Api } from './constructs/api.ts';
import { AppFunction } from './constructs/app-function.ts';
import { AdminAuth } from './constructs/auth.ts';
import { Data } from './constructs/data.ts';
import { allowFileErasure } from './constructs/erasure.ts';
import { Mail } from './constructs/mail.ts';
import { MailQueue } from './constructs/mail-queue.ts';
import { Redrive } from './constructs/redrive.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { Site } from './constructs/site.ts';
import { MEDIA_PREFIX, PROOFS_PREFIX, Storage, UPLOAD_PREFIXES } from './constructs/storage.ts';
import { Timeline } from './constructs/timeline.ts';
import { EXPORTS_PREFIX, RECEIPTS_PREFIX } from '../functions/domain/bucket-prefixes.ts';
import { MAIL_ATTACHMENT_PREFIXES } from '../functions/domain/queued-email.ts';
import { acknowledge } from './nag.ts';
import { COMPILATIONS_PREFIX } from '../functions/domain/compilation.ts';

/** Measured with `npm run bench -- compilation` (300 initiatives, 4 photos each): see README « Recueil imprimable ». */
const COMPILATION_SIZING = { memorySize: 2048, timeout: Duration.minutes(5) };

/** The publication's record of what it wrote, at the root of the site bucket (MANIFEST_PATH of functions/domain/site/diff.ts). */
const SITE_MANIFEST_KEY = '_manifest.json';

export interface AvenirStackProps extends StackProps {
  config: DeployConfig;
}

/** The whole platform in one stack: storage, data, auth, mail, API, functions, CDN. */
export class AvenirStack extends Stack {
  readonly functions: Record<string, AppFunction> = {};

  constructor(scope: Construct, id: string, props: AvenirStackProps) {
    super(scope, id, props);
    const { config } = props;

    const storage = new Storage(this, 'Storage');
    const data = new Data(this, 'Data');
    const auth = new AdminAuth(this, 'Auth');
    const mail = new Mail(this, 'Mail', { mailFrom: config.mailFrom, mailDomain: config.mailDomain || undefined });
    const api = new Api(this, 'Api', { userPool: auth.userPool, userPoolClient: auth.client });
    // Unique per stack and never in the repository: the GUID part of the stack's own id.
    const originVerify = Fn.select(2, Fn.split('/', Aws.STACK_ID));
    const site = new Site(this, 'Site', {
      site: storage.site,
      media: storage.media,
      logs: storage.logs,
      apiDomainName: api.domainName,
      originVerify,
      domainName: config.siteDomain || undefined,
      certificateArn: config.certificateArn || undefined,
    });
    const siteUrl = config.siteDomain ? `https://${config.siteDomain}` : site.origin;
    storage.allowBrowserUploadsFrom([siteUrl]);

    const failedEvents = new sqs.Queue(this, 'FailedEvents', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    acknowledge(
      failedEvents,
      'SQS3',
      'This queue is itself the terminal on-failure destination of the functions; its messages are inspected by hand, not re-driven.',
    );
    const environment = {
      TABLE_NAME: data.table.tableName,
      UPLOADS_BUCKET: storage.uploads.bucketName,
      MEDIA_BUCKET: storage.media.bucketName,
      MAIL_FROM: config.mailFrom,
      // The team's address: alerts of the timeline, enterprises' answers on their articles.
      ADMIN_EMAIL: config.adminEmail,
      SITE_URL: siteUrl,
      // Every send names it (SES also applies it as the identity's default): bounces and complaints are tracked.
      MAIL_CONFIGURATION_SET: mail.configurationSet.configurationSetName,
      // Business metrics (functions/shared/metrics.ts): one namespace per stack, so stages never mix.
      POWERTOOLS_METRICS_NAMESPACE: this.stackName,
    };
    const mailQueue = new MailQueue(this, 'MailQueue', {
      environment,
      failedEvents,
      table: data.table,
      allowSending: (f) => mail.allowSending(f),
      sendRate: config.sesMaxSendRate,
    });
    this.functions.mail = mailQueue.consumer;
    // The consumer reads the attachments an email names: the file's own summary, release proof or scan.
    for (const prefix of MAIL_ATTACHMENT_PREFIXES) mailQueue.consumer.readObjects(storage.uploads, prefix);
    const fn = (
      entry: string,
      description: string,
      extra: Partial<ConstructorParameters<typeof AppFunction>[2]> = {},
    ) => {
      const f = new AppFunction(this, `${entry.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}Function`, {
        entry,
        description,
        environment,
        failedEvents,
        ...extra,
      });
      mailQueue.allowQueueing(f);
      this.functions[entry] = f;
      return f;
    };

    const publicApi = fn('api', 'API publique : candidatures, dépôts de fichiers, lien de reprise');
    publicApi.useTable(data.table, 'readWrite');
    publicApi.fn.addEnvironment('ORIGIN_VERIFY', originVerify);
    // Presigned POSTs are signed with this role: it must be allowed to put what it lets browsers put.
    publicApi.writeObjects(storage.uploads, UPLOAD_PREFIXES.photos);
    publicApi.writeObjects(storage.uploads, UPLOAD_PREFIXES.releases);
    publicApi.writeObjects(storage.uploads, PROOFS_PREFIX);
    // « Dossier complet »: the file's summary (PDF, with its photos' thumbnails) stored for the mail queue.
    publicApi.writeObjects(storage.uploads, RECEIPTS_PREFIX);
    publicApi.readObjects(storage.media, MEDIA_PREFIX);
    // DELETE /api/applications/:id: « Supprimer ce brouillon », or a test file (functions/services/erase-file.ts).
    allowFileErasure(publicApi, storage);
    // The console asks the API where to sign in (GET /api/console-config): no file to write at deploy time.
    publicApi.fn.addEnvironment('USER_POOL_ID', auth.userPool.userPoolId);
    publicApi.fn.addEnvironment('USER_POOL_CLIENT_ID', auth.client.userPoolClientId);
    api.route('', publicApi.fn, 'public');

    const adminApi = fn('admin-api', 'API de la console : suivi des dossiers, décisions, articles');
    adminApi.useTable(data.table, 'readWrite');
    adminApi.readObjects(storage.uploads, UPLOAD_PREFIXES.releases);
    adminApi.readObjects(storage.uploads, PROOFS_PREFIX);
    // Personal data (functions/admin-api/personal-data-routes.ts): erasure of a file, and its export
    // (the originals read, the ZIP written under exports/ and presigned from this role).
    allowFileErasure(adminApi, storage);
    adminApi.readObjects(storage.uploads, UPLOAD_PREFIXES.photos);
    adminApi.listObjects(storage.uploads);
    adminApi.writeObjects(storage.uploads, EXPORTS_PREFIX);
    adminApi.readObjects(storage.uploads, EXPORTS_PREFIX);
    api.route('admin', adminApi.fn, 'admin');

    // The campaign timeline (Step Functions); admins start and stop its executions from the console API.
    const timeline = new Timeline(this, 'Timeline', {
      environment,
      failedEvents,
      table: data.table,
      allowMail: (f) => mailQueue.allowQueueing(f),
    });
    this.functions.timeline = timeline.function;
    adminApi.fn.addEnvironment('TIMELINE_ARN', timeline.stateMachineArn);
    adminApi.allow(['states:StartExecution'], [timeline.stateMachine.stateMachineArn]);
    adminApi.allow(
      ['states:StopExecution', 'states:DescribeExecution'],
      [timeline.executionArns],
      'Executions are named at run time (<campaignId>-v<datesVersion>); access is limited to the executions of the timeline state machine.',
    );

    // A 24 Mpx photo peaks near 150 MB (npm run bench); 1536 MB buys ~0.87 vCPU, so applicants see
    // their thumbnails sooner for about the same GB-seconds as 1024 MB.
    const photo = fn('photo', 'Contrôle et déclinaisons des photos déposées', {
      memorySize: 1536,
      timeout: Duration.seconds(60),
    });
    photo.useTable(data.table, 'readWrite');
    // The photo and release handlers read the very version their S3 event names (functions/adapters/uploaded-object-reader.ts).
    photo.readObjectVersions(storage.uploads, UPLOAD_PREFIXES.photos);
    photo.writeObjects(storage.media, MEDIA_PREFIX);
    photo.deleteObjects(storage.media, MEDIA_PREFIX);
    photo.listObjects(storage.media);

    const release = fn('release', "Contrôle des décharges droit à l'image déposées", { timeout: Duration.seconds(30) });
    release.useTable(data.table, 'readWrite');
    release.readObjectVersions(storage.uploads, UPLOAD_PREFIXES.releases);
    // An upload that reaches an erased file is deleted, the very version its event names (functions/services/erased-upload.ts).
    for (const [f, prefix] of [
      [photo, UPLOAD_PREFIXES.photos],
      [release, UPLOAD_PREFIXES.releases],
    ] as const) {
      f.allow(
        ['s3:DeleteObjectVersion'],
        [storage.uploads.arnForObjects(`${prefix}*`)],
        'Object keys are chosen per application by the server; access is limited to the one key prefix this function works on.',
      );
    }

    // The public site: renders the approved articles into the site bucket, invalidates what changed
    // (functions/publish). No email, hence not through fn(): it only reads the table.
    const publish = new AppFunction(this, 'PublishFunction', {
      entry: 'publish',
      description: 'Publication du site public : pages statiques, index de recherche, sitemap',
      environment: { TABLE_NAME: environment.TABLE_NAME },
      failedEvents,
      memorySize: 1024,
      timeout: Duration.seconds(90),
    });
    this.functions.publish = publish;
    publish.useTable(data.table, 'read');
    publish.fn.addEnvironment('SITE_URL', siteUrl);
    publish.fn.addEnvironment('SITE_BUCKET', storage.site.bucketName);
    publish.fn.addEnvironment('DISTRIBUTION_ID', site.distribution.distributionId);
    publish.allow(['s3:GetObject'], [storage.site.arnForObjects(SITE_MANIFEST_KEY)]);
    publish.allow(
      ['s3:PutObject', 's3:DeleteObject'],
      [storage.site.arnForObjects('*')],
      'The publication owns the site bucket: its objects are the pages, keyed by their URL path.',
    );
    // With list access a missing manifest (first publication) reads as NoSuchKey, not AccessDenied.
    publish.listObjects(storage.site);
    publish.allow(['cloudfront:CreateInvalidation'], [site.distribution.distributionArn]);
    // The timeline publishes (holding page at opening and closing, showcase at launch and vote close)
    // by invoking this function: only its bundle carries the built apps, and only it touches the site.
    timeline.function.fn.addEnvironment('PUBLISH_FUNCTION', publish.fn.functionArn);
    timeline.function.allow(['lambda:InvokeFunction'], [publish.fn.functionArn]);
    // Erasing a file that was online republishes the site without it (functions/services/erase-file.ts).
    adminApi.fn.addEnvironment('PUBLISH_FUNCTION', publish.fn.functionArn);
    adminApi.allow(['lambda:InvokeFunction'], [publish.fn.functionArn]);

    // The daily purge (functions/purge): files 18 months after their campaign's deadline, as the
    // privacy page says (functions/domain/retention.ts). Locally the simulated clock runs this rule.
    const purge = new AppFunction(this, 'PurgeFunction', {
      entry: 'purge',
      description: 'Purge quotidienne des données personnelles arrivées en fin de conservation',
      environment: { ...environment, PUBLISH_FUNCTION: publish.fn.functionArn },
      failedEvents,
      timeout: Duration.minutes(10),
    });
    this.functions.purge = purge;
    purge.useTable(data.table, 'readWrite');
    allowFileErasure(purge, storage);
    // An interrupted console erasure of a file that was online is finished here, republication included.
    purge.allow(['lambda:InvokeFunction'], [publish.fn.functionArn]);
    new events.Rule(this, 'DailyPurge', {
      description: 'Purge quotidienne des données personnelles (04:00 à Paris en hiver, 05:00 en été)',
      schedule: events.Schedule.cron({ minute: '0', hour: '3' }),
      targets: [new targets.LambdaFunction(purge.fn, { retryAttempts: 2 })],
    });

    // The printed compilation (functions/compilation): a PDF of every complete file, generated on
    // demand from the console, which invokes it asynchronously and reads its state from the table.
    const compilation = new AppFunction(this, 'CompilationFunction', {
      entry: 'compilation',
      description: 'Recueil imprimable des initiatives (PDF)',
      environment: {
        TABLE_NAME: environment.TABLE_NAME,
        UPLOADS_BUCKET: environment.UPLOADS_BUCKET,
        MEDIA_BUCKET: environment.MEDIA_BUCKET,
      },
      failedEvents,
      ...COMPILATION_SIZING,
    });
    this.functions.compilation = compilation;
    compilation.useTable(data.table, 'readWrite');
    compilation.readObjects(storage.media, MEDIA_PREFIX);
    compilation.writeObjects(storage.uploads, COMPILATIONS_PREFIX);
    adminApi.fn.addEnvironment('COMPILATION_FUNCTION', compilation.fn.functionArn);
    adminApi.allow(['lambda:InvokeFunction'], [compilation.fn.functionArn]);
    // The console's download link is presigned by the admin API's role.
    adminApi.readObjects(storage.uploads, COMPILATIONS_PREFIX);

    // Each deployment publishes once: the new form and console reach the site bucket, and the pages
    // are rendered with the deployed code (only what changed is written).
    new triggers.Trigger(this, 'PublishOnDeploy', { handler: publish.fn, executeOnHandlerChange: true });

    for (const [target, prefix] of [
      [photo, UPLOAD_PREFIXES.photos],
      [release, UPLOAD_PREFIXES.releases],
    ] as const) {
      storage.uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(target.fn), {
        prefix,
      });
    }

    // CDK's own singleton that writes the bucket notification configuration at deploy time.
    const notificationsHandler = this.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
    if (notificationsHandler) {
      acknowledge(
        notificationsHandler,
        'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'CDK-provided deploy-time handler for bucket notifications; it only writes its own logs.',
      );
    }

    // SES's bounce and complaint events: the address is marked undeliverable (functions/mail-events).
    const mailEvents = new AppFunction(this, 'MailEventsFunction', {
      entry: 'mail-events',
      description: 'Rebonds et plaintes des courriels : adresses injoignables',
      environment,
      failedEvents,
    });
    this.functions['mail-events'] = mailEvents;
    mailEvents.allow(['dynamodb:PutItem'], [data.table.tableArn]);
    mail.events.addSubscription(new subscriptions.LambdaSubscription(mailEvents.fn));

    // Replays what failed after a fix (npm run redrive, the console's « Relancer »): the functions
    // invoked asynchronously (S3 events, SNS, the scheduler, the console's compilation) and the emails.
    const redrive = new Redrive(this, 'Redrive', {
      environment,
      failedEvents,
      mail: mailQueue,
      functionName: `${this.stackName}-redrive`,
    });
    this.functions.redrive = redrive.function;
    redrive.replays([photo, release, compilation, purge, mailEvents]);
    adminApi.fn.addEnvironment('REDRIVE_FUNCTION', redrive.function.fn.functionArn);
    adminApi.allow(['lambda:InvokeFunction'], [redrive.function.fn.functionArn]);
    new CfnOutput(this, 'RedriveFunctionName', { value: redrive.function.fn.functionName });

    // Last, once every function exists: alarms on each, the dashboard, the budget.
    new Monitoring(this, 'Monitoring', {
      adminEmail: config.adminEmail,
      alertEmail: config.alertEmail || undefined,
      mail,
      emptyQueues: [
        { queue: failedEvents, what: 'Événements en échec' },
        { queue: mailQueue.deadLetters, what: 'E-mails non envoyés' },
      ],
      functions: this.functions,
      stateMachine: timeline.stateMachine,
      httpApi: api.httpApi,
      table: data.table,
      monthlyBudgetEur: config.monthlyBudgetEur,
    });

    new CfnOutput(this, 'SiteUrl', { value: siteUrl });
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId });
    new CfnOutput(this, 'SiteBucketName', { value: storage.site.bucketName });
    new CfnOutput(this, 'DistributionId', { value: site.distribution.distributionId });
    new CfnOutput(this, 'TimelineArn', { value: timeline.stateMachine.stateMachineArn });
  }
}

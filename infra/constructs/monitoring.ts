import { Duration, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { BUSINESS_METRICS, type BusinessMetric } from '../../functions/domain/metric-names.ts';
import type { AppFunction } from './app-function.ts';
import type { Mail } from './mail.ts';

/**
 * Plain CDK rather than cdklabs' cdk-monitoring-constructs: about twenty alarms, each with its own
 * French explanation for a team with no engineer on call, are a few lines each here, while that
 * library (not installed) would add a dependency whose defaults and English descriptions we would
 * override one by one.
 */

/**
 * AWS Budgets accepts only USD as a cost budget's unit (CreateBudget answers « EUR is not in the
 * supported unit set: [USD] »): the euro amount of avenir:monthlyBudgetEur is converted at this
 * fixed rate and rounded up. To revise when the exchange rate moves a lot.
 */
export const USD_PER_EUR = 1.2;

/** Thresholds, in the units of their metrics (SES reputation rates are ratios: 0.05 = 5 %). */
const THRESHOLDS = {
  functionErrors: 3,
  functionThrottles: 1,
  api5xxPercent: 5,
  api5xxMinimum: 3,
  dynamoThrottles: 5,
  transactionConflicts: 20,
  sesBounceRate: 0.05,
  sesComplaintRate: 0.001,
} as const;

const FIVE_MINUTES = Duration.minutes(5);

/** The table's operations the functions use (an alarm's metric math takes 10 metrics at most). */
const TABLE_OPERATIONS = [
  dynamodb.Operation.GET_ITEM,
  dynamodb.Operation.PUT_ITEM,
  dynamodb.Operation.UPDATE_ITEM,
  dynamodb.Operation.DELETE_ITEM,
  dynamodb.Operation.QUERY,
  dynamodb.Operation.BATCH_GET_ITEM,
  dynamodb.Operation.TRANSACT_WRITE_ITEMS,
];

export interface MonitoringProps {
  adminEmail: string;
  /** A second recipient of the alarms and the budget (avenir:alertEmail). */
  alertEmail?: string;
  /** The topic key and the permission for CloudWatch to publish with it. */
  mail: Mail;
  /** Queues that must stay empty: each message is something that failed for good. */
  emptyQueues: { queue: sqs.IQueue; what: string }[];
  functions: Record<string, AppFunction>;
  stateMachine: sfn.IStateMachine;
  httpApi: apigw.IHttpApi;
  table: dynamodb.ITable;
  monthlyBudgetEur: number;
}

/**
 * What tells the team within minutes that something broke: one SNS topic emailing the team, an
 * alarm per failure mode (each description says in French what it means and what to do, for people
 * who are not engineers), one dashboard of the call's figures (the business metrics of
 * functions/domain/metric-names.ts, in embedded metric format) and the monthly AWS budget.
 */
export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cw.Alarm[] = [];
  readonly dashboard: cw.Dashboard;
  private readonly prefix: string;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // Alarm, dashboard and budget names are account-wide: they carry the stack's name (and stage).
    this.prefix = stack.stackName;
    const recipients = [props.adminEmail, ...(props.alertEmail ? [props.alertEmail] : [])];

    this.topic = new sns.Topic(this, 'Alarms', {
      displayName: `${this.prefix} - alertes`,
      masterKey: props.mail.topicKey,
      enforceSSL: true,
    });
    props.mail.allowServiceToPublish('cloudwatch.amazonaws.com');
    // Each address confirms once, from AWS's email, before receiving anything.
    for (const address of recipients) this.topic.addSubscription(new subscriptions.EmailSubscription(address));

    for (const { queue, what } of props.emptyQueues) {
      this.alarm(
        `Queue${this.alarms.length}`,
        `${what} - file non vide`,
        queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        1,
        [
          `La file « ${what} » contient au moins un message : un traitement a échoué plusieurs fois de suite et attend qu’on s’en occupe. Rien n’est perdu tant qu’il est dans la file (14 jours).`,
          'Que faire : transmettre cette alerte au prestataire technique ; une fois la cause corrigée, cliquer « Relancer » sur le tableau de bord de la console (ou npm run redrive) : rien n’est fait ni envoyé deux fois.',
        ],
      );
    }

    for (const [entry, appFunction] of Object.entries(props.functions).sort(([a], [b]) => a.localeCompare(b))) {
      const fn = appFunction.fn;
      const role = `« ${functionDescription(fn) ?? entry} » (fonction ${entry})`;
      this.alarm(
        `${pascal(entry)}Errors`,
        `Fonction ${entry} - erreurs`,
        fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        THRESHOLDS.functionErrors,
        [
          `${role} a échoué au moins ${THRESHOLDS.functionErrors} fois en 5 minutes. Une erreur isolée est réessayée automatiquement ; des erreurs répétées veulent dire que quelque chose est cassé (une panne d’un service AWS, ou un défaut du code).`,
          'Que faire : si l’alerte ne repasse pas d’elle-même à OK dans l’heure, transmettre cette alerte au prestataire technique, qui lira les journaux de la fonction (README, « Exploitation »).',
        ],
      );
      this.alarm(
        `${pascal(entry)}Throttles`,
        `Fonction ${entry} - limitée`,
        fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        THRESHOLDS.functionThrottles,
        [
          `${role} a été refusée par AWS faute de capacité (trop d’exécutions simultanées pour le compte). Les traitements en arrière-plan sont réessayés ; une demande du public peut, elle, avoir échoué.`,
          'Que faire : si cela se répète, demander au prestataire technique d’augmenter le quota « exécutions simultanées » de Lambda dans la console AWS (Service Quotas).',
        ],
      );
    }

    this.alarm(
      'TimelineFailed',
      'Calendrier de campagne - exécution en échec',
      props.stateMachine.metricFailed({ period: FIVE_MINUTES, statistic: 'Sum' }),
      1,
      [
        'Une exécution du calendrier de campagne (relances, clôture, annonce des décisions, lancement, fin du vote) a échoué après ses nouvelles tentatives ; l’équipe a aussi reçu un courriel de la plateforme à ce sujet.',
        'Que faire : une fois la cause corrigée par le prestataire technique, rouvrir la campagne depuis la console (« Ouvrir ») : le calendrier repart, les étapes déjà faites ne sont pas refaites.',
      ],
    );
    this.alarm(
      'TimelineTimedOut',
      'Calendrier de campagne - exécution expirée',
      props.stateMachine.metricTimedOut({ period: FIVE_MINUTES, statistic: 'Sum' }),
      1,
      [
        'Une exécution du calendrier de campagne a dépassé sa durée maximale et s’est arrêtée : les étapes suivantes n’auront pas lieu d’elles-mêmes.',
        'Que faire : rouvrir la campagne depuis la console (« Ouvrir ») pour relancer le calendrier, et prévenir le prestataire technique.',
      ],
    );

    // The API has one stage ($default): its ApiId metrics are the stage's.
    const requests = props.httpApi.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' });
    const serverErrors = props.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' });
    this.alarm(
      'Api5xx',
      'API - erreurs serveur',
      new cw.MathExpression({
        // A rate, but not on a handful of requests: below 3 errors in 5 minutes it stays at 0.
        expression: `IF(errors >= ${THRESHOLDS.api5xxMinimum}, 100 * errors / requests, 0)`,
        usingMetrics: { errors: serverErrors, requests },
        period: FIVE_MINUTES,
        label: 'Part des réponses en erreur serveur (%)',
      }),
      THRESHOLDS.api5xxPercent,
      [
        `Plus de ${THRESHOLDS.api5xxPercent} % des demandes au site (formulaire, console, votes) ont reçu une erreur serveur en 5 minutes (au moins ${THRESHOLDS.api5xxMinimum} erreurs) : des candidats ou l’équipe voient « une erreur est survenue ».`,
        'Que faire : essayer soi-même le formulaire et la console ; transmettre cette alerte au prestataire technique, avec l’heure.',
      ],
    );

    this.alarm(
      'TableThrottles',
      'Base de données - requêtes limitées',
      props.table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, period: FIVE_MINUTES }),
      THRESHOLDS.dynamoThrottles,
      [
        'La base de données a refusé des lectures ou écritures faute de capacité. Elles sont réessayées automatiquement, mais des pages peuvent avoir été lentes ou en erreur.',
        'Que faire : rien si c’est ponctuel (par exemple pendant un envoi massif) ; si cela dure, transmettre au prestataire technique.',
      ],
    );
    this.alarm(
      'TableTransactionConflicts',
      'Base de données - conflits de transactions',
      new cw.Metric({
        namespace: 'AWS/DynamoDB',
        metricName: 'TransactionConflict',
        dimensionsMap: { TableName: props.table.tableName },
        period: FIVE_MINUTES,
        statistic: 'Sum',
      }),
      THRESHOLDS.transactionConflicts,
      [
        `Au moins ${THRESHOLDS.transactionConflicts} écritures simultanées sur les mêmes données se sont gênées en 5 minutes (typiquement des votes confirmés en rafale). Chacune est réessayée et les décomptes restent exacts ; une rafale inhabituelle peut signaler un vote automatisé.`,
        'Que faire : regarder la page « Votes » de la console (rubrique des anomalies) ; si rien n’explique la rafale, prévenir le prestataire technique.',
      ],
    );

    this.alarm(
      'SesBounceRate',
      'Courriels - taux de rebond',
      sesMetric('Reputation.BounceRate'),
      THRESHOLDS.sesBounceRate,
      [
        'Au moins 5 % des courriels envoyés récemment sont revenus en erreur (adresses inexistantes). Au-delà de 10 %, AWS peut suspendre l’envoi de tous les courriels de la plateforme.',
        'Que faire : vérifier dans la console les dossiers marqués « Adresse injoignable » (aucun courriel n’y est plus envoyé) ; si le taux monte encore, prévenir le prestataire technique, qui consultera la page « Reputation metrics » de SES.',
      ],
    );
    this.alarm(
      'SesComplaintRate',
      'Courriels - taux de plaintes',
      sesMetric('Reputation.ComplaintRate'),
      THRESHOLDS.sesComplaintRate,
      [
        'Au moins 0,1 % des destinataires ont signalé nos courriels comme indésirables. Au-delà de 0,5 %, AWS peut suspendre l’envoi de tous les courriels de la plateforme.',
        'Que faire : relire les derniers envois (objet, expéditeur reconnaissable, fréquence des relances) ; les adresses qui se sont plaintes ne reçoivent plus rien. Prévenir le prestataire technique si le taux continue de monter.',
      ],
    );

    this.dashboard = this.buildDashboard(props);
    this.budget(props.monthlyBudgetEur, recipients);
  }

  /** One alarm: at or above `threshold` on one 5-minute (or hourly) period, missing data is fine, the topic told. */
  private alarm(
    id: string,
    name: string,
    metric: cw.IMetric,
    threshold: number,
    description: [string, string],
  ): cw.Alarm {
    const alarm = new cw.Alarm(this, id, {
      // Accents stripped: CloudWatch puts the name in the email's subject line, which SNS wants in ASCII.
      alarmName: `${this.prefix} - ${name}`.normalize('NFD').replace(/[\u0300-\u036f]/g, ''),
      alarmDescription: description.join('\n'),
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cw.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new cwActions.SnsAction(this.topic));
    this.alarms.push(alarm);
    return alarm;
  }

  private buildDashboard(props: MonitoringProps): cw.Dashboard {
    const namespace = Stack.of(this).stackName;
    const business = (name: BusinessMetric, period: Duration, statistic = 'Sum') =>
      new cw.MathExpression({
        // Every function that emits it (the dimension is the emitting function), summed.
        expression: `SUM(SEARCH('{"${namespace}",service} MetricName="${name}"', '${statistic}', ${period.toSeconds()}))`,
        usingMetrics: {},
        label: BUSINESS_METRICS[name].label,
        period,
      });
    const day = Duration.days(1);
    const hour = Duration.hours(1);
    const graph = (title: string, left: cw.IMetric[], options: Partial<cw.GraphWidgetProps> = {}) =>
      new cw.GraphWidget({ title, left, width: 12, height: 6, ...options });
    const functions = Object.entries(props.functions).sort(([a], [b]) => a.localeCompare(b));

    const dashboard = new cw.Dashboard(this, 'Dashboard', {
      dashboardName: `${this.prefix}-exploitation`,
      defaultInterval: Duration.days(14),
    });
    dashboard.addWidgets(
      new cw.TextWidget({
        markdown: [
          '# Nos territoires ont de l’avenir : exploitation',
          'Les chiffres de l’appel (dossiers, photos, courriels, votes) et les erreurs. Chaque alarme en rouge ci-dessous a envoyé un courriel à l’équipe, avec ce qu’elle veut dire et ce qu’il faut faire ; le README (section « Exploitation ») reprend le tout.',
        ].join('\n\n'),
        width: 24,
        height: 3,
      }),
    );
    dashboard.addWidgets(new cw.AlarmStatusWidget({ title: 'Alarmes', alarms: this.alarms, width: 24, height: 6 }));
    dashboard.addWidgets(
      graph('Dossiers par jour', [business('ApplicationCreated', day), business('ApplicationCompleted', day)], {
        view: cw.GraphWidgetView.BAR,
      }),
      graph(
        'Courriels par jour',
        [business('EmailSent', day), business('EmailBounced', day), business('EmailComplained', day)],
        { view: cw.GraphWidgetView.BAR },
      ),
    );
    dashboard.addWidgets(
      graph('Photos par heure', [business('PhotoProcessed', hour), business('PhotoRejected', hour)]),
      graph('Traitement d’une photo (ms)', [
        business('PhotoDuration', hour, 'Average').with({ label: 'Moyenne' }),
        business('PhotoDuration', hour, 'p90').with({ label: '9 photos sur 10 en moins de' }),
      ]),
    );
    dashboard.addWidgets(
      graph('Votes confirmés par heure', [business('VoteConfirmed', hour)]),
      graph('Erreurs (par 5 minutes)', [
        ...functions.map(([entry, f]) =>
          f.fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum', label: `Fonction ${entry}` }),
        ),
        props.httpApi.metricServerError({
          period: FIVE_MINUTES,
          statistic: 'Sum',
          label: 'API : erreurs serveur (5xx)',
        }),
        props.stateMachine.metricFailed({
          period: FIVE_MINUTES,
          statistic: 'Sum',
          label: 'Calendrier : exécutions en échec',
        }),
      ]),
    );
    return dashboard;
  }

  /** The account's monthly AWS bill against the budget: emails at 80 % and 100 % spent, and when the month's forecast passes it. */
  private budget(monthlyEur: number, recipients: string[]): void {
    const subscribers = recipients.map((address) => ({ subscriptionType: 'EMAIL', address }));
    const notify = (notificationType: 'ACTUAL' | 'FORECASTED', threshold: number) => ({
      notification: { notificationType, comparisonOperator: 'GREATER_THAN', threshold, thresholdType: 'PERCENTAGE' },
      subscribers,
    });
    new budgets.CfnBudget(this, 'MonthlyBudget', {
      budget: {
        budgetName: `${this.prefix} - budget mensuel ${monthlyEur} EUR`,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: Math.ceil(monthlyEur * USD_PER_EUR), unit: 'USD' },
      },
      notificationsWithSubscribers: [notify('ACTUAL', 80), notify('ACTUAL', 100), notify('FORECASTED', 100)],
    });
  }
}

/** SES's account-wide reputation rates, over the last hour's worst value. */
const sesMetric = (metricName: string) =>
  new cw.Metric({ namespace: 'AWS/SES', metricName, period: Duration.hours(1), statistic: 'Maximum' });

const pascal = (entry: string) => entry.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());

/** The French description the stack gave the function (shown in Lambda's console too). */
const functionDescription = (fn: lambda.Function) => (fn.node.defaultChild as lambda.CfnFunction).description;

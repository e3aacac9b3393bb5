import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { senderAddress } from '../config.ts';
import type { AppFunction } from './app-function.ts';
import { sesIdentityArn } from './app-function.ts';

/** The subdomain SES uses as the envelope sender (MAIL FROM) of a domain identity: where bounces go. */
export const MAIL_FROM_SUBDOMAIN = 'bounce';

export interface MailProps {
  mailFrom: string;
  /** The sender's domain (avenir:mailDomain): a domain identity with DKIM instead of one address. */
  mailDomain?: string;
}

/**
 * How every automated email leaves: the SES identity it is sent from, and one configuration set
 * applied to every send (the identity's default, and named by the sender too) whose bounce and
 * complaint events go to an SNS topic, read by the mail-events function.
 *
 * With avenir:mailDomain the identity is the domain, signed with Easy DKIM (three CNAME records to
 * publish, given as outputs) and with a custom MAIL FROM `bounce.<domain>` (an MX and an SPF record),
 * so that messages pass SPF and DMARC alignment; without it, the one address of avenir:mailFrom,
 * verified by clicking AWS's email.
 */
export class Mail extends Construct {
  readonly from: string;
  /** The identity the sender names (the address, or the domain). */
  readonly identityArn: string;
  readonly configurationSet: ses.ConfigurationSet;
  readonly configurationSetArn: string;
  /** SES events (bounces, complaints) of every send. */
  readonly events: sns.Topic;
  /** Encrypts the platform's SNS topics: bounce events carry addresses. */
  readonly topicKey: kms.Key;
  private readonly sendingArns: string[];

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const address = senderAddress(props.mailFrom);
    this.from = props.mailFrom;

    // A customer managed key: SES and CloudWatch can publish to a topic encrypted with it, not with
    // the AWS managed SNS key (its policy cannot be changed).
    this.topicKey = new kms.Key(this, 'TopicKey', {
      enableKeyRotation: true,
      description: 'Chiffre les sujets SNS (événements SES, alarmes)',
    });
    this.events = new sns.Topic(this, 'Events', { masterKey: this.topicKey, enforceSSL: true });
    this.allowServiceToPublish('ses.amazonaws.com');

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', { reputationMetrics: true });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.snsTopic(this.events),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    this.configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });

    if (props.mailDomain) {
      const identity = new ses.EmailIdentity(this, 'Domain', {
        identity: ses.Identity.domain(props.mailDomain),
        configurationSet: this.configurationSet,
        dkimSigning: true,
        mailFromDomain: `${MAIL_FROM_SUBDOMAIN}.${props.mailDomain}`,
      });
      this.identityArn = sesIdentityArn(this, props.mailDomain);
      // SES has been seen to authorize a send from an address of a verified domain on the address's
      // ARN: both, for the same sender.
      this.sendingArns = [this.identityArn, sesIdentityArn(this, address), this.configurationSetArn];
      identity.dkimRecords.forEach((record, i) => {
        this.output(
          `MailDkimRecord${i + 1}`,
          `DKIM : enregistrement CNAME ${i + 1} sur 3 à publier dans le DNS de ${props.mailDomain}`,
          `${record.name} CNAME ${record.value}`,
        );
      });
      this.output(
        'MailFromMx',
        'MAIL FROM : enregistrement MX à publier',
        `${MAIL_FROM_SUBDOMAIN}.${props.mailDomain} MX 10 feedback-smtp.${stack.region}.amazonses.com`,
      );
      this.output(
        'MailFromSpf',
        'MAIL FROM : enregistrement TXT (SPF) à publier',
        `${MAIL_FROM_SUBDOMAIN}.${props.mailDomain} TXT "v=spf1 include:amazonses.com ~all"`,
      );
    } else {
      new ses.EmailIdentity(this, 'Sender', {
        identity: ses.Identity.email(address),
        configurationSet: this.configurationSet,
      });
      this.identityArn = sesIdentityArn(this, address);
      this.sendingArns = [this.identityArn, this.configurationSetArn];
    }
    this.output(
      'MailConfigurationSet',
      'Jeu de configuration SES de chaque envoi',
      this.configurationSet.configurationSetName,
    );
  }

  /** A stack output under a plain name (what `cdk deploy` prints), not the construct path's hash. */
  private output(name: string, description: string, value: string): void {
    new CfnOutput(this, name, { description, value }).overrideLogicalId(name);
  }

  /**
   * Lets a function send: SES authorizes a message on its identity and on the configuration set it
   * uses (named or the identity's default), so both are granted.
   */
  allowSending(fn: AppFunction): void {
    fn.allow(['ses:SendEmail', 'ses:SendRawEmail'], this.sendingArns);
  }

  /**
   * A service that publishes to an encrypted topic needs the key: SNS makes a data key for each
   * message on the publisher's behalf. SES says which account it publishes for; CloudWatch's alarms
   * are allowed as AWS's documentation for alarm topics shows, without that condition.
   */
  allowServiceToPublish(service: 'ses.amazonaws.com' | 'cloudwatch.amazonaws.com'): void {
    this.topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(service)],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions:
          service === 'ses.amazonaws.com'
            ? { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } }
            : undefined,
      }),
    );
  }
}

import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { senderAddress } from '../config.ts';
import { sesIdentityArn } from './app-function.ts';

/** The SES identity every automated email is sent from (verified once by clicking AWS's email). */
export class Mail extends Construct {
  readonly from: string;
  readonly identityArn: string;

  constructor(scope: Construct, id: string, props: { mailFrom: string }) {
    super(scope, id);
    const address = senderAddress(props.mailFrom);
    new ses.EmailIdentity(this, 'Sender', { identity: ses.Identity.email(address) });
    this.from = props.mailFrom;
    this.identityArn = sesIdentityArn(this, address);
  }
}

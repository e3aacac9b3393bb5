import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export { ADMIN_GROUP } from '../../functions/domain/admin.ts';
import { ADMIN_GROUP } from '../../functions/domain/admin.ts';

/** Admins only: no self sign-up, accounts are created by an existing admin (see README). */
export class AdminAuth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new cognito.CfnUserPoolGroup(this, 'AdminGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: ADMIN_GROUP,
      description: 'Équipe communication : accès à la console',
    });
    this.client = this.userPool.addClient('ConsoleClient', {
      authFlows: { userSrp: true, userPassword: true },
      // The console signs in with InitiateAuth, no Hosted UI: without this CDK adds the code and
      // implicit grants with an https://example.com callback.
      disableOAuth: true,
      // The email is the sign-in name and the audit's « who »: an admin must not change their own.
      // NEW_PASSWORD_REQUIRED only asks for missing required attributes, and the pool requires none.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({
        fullname: true,
        givenName: true,
        familyName: true,
      }),
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(7),
    });
  }
}

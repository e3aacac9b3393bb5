import { randomInt } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  ListUserPoolsCommand,
  type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { spawnEmulator, waitUntilReady, type Emulator } from './child-process.ts';
import { readState, updateState } from './state.ts';
import type { LocalUserPool } from './template.ts';

/*
 * Cognito is cognito-local, as a child process whose working directory is <dataDir>/cognito:
 * it resolves `.cognito` against the cwd at every write, so it cannot share this process.
 * Its tokens are RS256, issuer http://127.0.0.1:<port>/<poolId>, signed with a key that is
 * published with the package: production must never trust this issuer.
 */

const COGNITO_BIN = path.resolve(import.meta.dirname, '../../node_modules/cognito-local/lib/bin/start.js');
export const LOCAL_ADMIN_EMAIL = 'admin@avenir.local';

export interface LocalCognito {
  url: string;
  emulator: Emulator;
  ready(): Promise<void>;
}

export async function startCognito(options: {
  dataDir: string;
  port: number;
  env: NodeJS.ProcessEnv;
}): Promise<LocalCognito> {
  const cwd = path.join(options.dataDir, 'cognito');
  await mkdir(cwd, { recursive: true });
  const emulator = await spawnEmulator(process.execPath, [COGNITO_BIN], {
    cwd,
    env: { ...options.env, HOST: '127.0.0.1', PORT: String(options.port) },
    logFile: path.join(options.dataDir, 'logs', 'cognito.log'),
  });
  const url = `http://127.0.0.1:${options.port}`;
  return {
    url,
    emulator,
    ready: () => {
      const client = cognitoClient(url, 'eu-west-3');
      return waitUntilReady('cognito-local', emulator, () => client.send(new ListUserPoolsCommand({ MaxResults: 1 })));
    },
  };
}

export function cognitoClient(url: string, region: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint: url,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

export interface ProvisionedCognito {
  userPoolId: string;
  clientId: string;
  admin: { email: string; password: string };
}

/**
 * The template's pool, client and groups, plus a local admin in the admin group. Ids are kept in
 * state.json and the admin's password in admin.json, so a restart finds the same users.
 */
export async function provisionCognito(
  client: CognitoIdentityProviderClient,
  pool: LocalUserPool,
  dataDir: string,
): Promise<ProvisionedCognito> {
  const { ADMIN_GROUP } = await import('../constructs/auth.ts'); // loaded by the synthesis already
  const known = (await readState(dataDir)).cognito;
  const exists = <T>(promise: Promise<T>) =>
    promise.then(
      () => true,
      () => false,
    );

  const userPoolId =
    known && (await exists(client.send(new DescribeUserPoolCommand({ UserPoolId: known.userPoolId }))))
      ? known.userPoolId
      : (await client.send(new CreateUserPoolCommand(userPoolInput(pool)))).UserPool!.Id!;
  const clientId =
    known?.userPoolId === userPoolId &&
    (await exists(client.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: known.clientId }))))
      ? known.clientId
      : (await client.send(new CreateUserPoolClientCommand(clientInput(pool, userPoolId)))).UserPoolClient!.ClientId!;
  await updateState(dataDir, { cognito: { userPoolId, clientId } });

  const { Groups = [] } = await client.send(new ListGroupsCommand({ UserPoolId: userPoolId }));
  for (const group of pool.groups.filter((g) => !Groups.some((existing) => existing.GroupName === g.groupName))) {
    await client.send(
      new CreateGroupCommand({
        UserPoolId: userPoolId,
        GroupName: group.groupName,
        Description: group.description,
        Precedence: group.precedence,
      }),
    );
  }
  if (!pool.groups.some((g) => g.groupName === ADMIN_GROUP))
    throw new Error(`Le modèle ne déclare pas le groupe Cognito « ${ADMIN_GROUP} »`);

  const admin = await localAdmin(dataDir);
  const adminExists = await exists(
    client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: admin.email })),
  );
  if (!adminExists) {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: admin.email,
        UserAttributes: [
          { Name: 'email', Value: admin.email },
          { Name: 'email_verified', Value: 'true' },
        ],
        MessageAction: 'SUPPRESS',
      }),
    );
  }
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: userPoolId,
      Username: admin.email,
      Password: admin.password,
      Permanent: true,
    }),
  );
  await client.send(
    new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: admin.email, GroupName: ADMIN_GROUP }),
  );
  return { userPoolId, clientId, admin };
}

/** The pool as the template declares it, except MFA: cognito-local cannot run the TOTP set-up challenge. */
function userPoolInput(pool: LocalUserPool): CreateUserPoolCommandInput {
  const p = pool.properties as Partial<CreateUserPoolCommandInput>;
  return {
    PoolName: pool.logicalId,
    UsernameAttributes: p.UsernameAttributes,
    AliasAttributes: p.AliasAttributes,
    AutoVerifiedAttributes: p.AutoVerifiedAttributes,
    Policies: p.Policies,
    AdminCreateUserConfig: p.AdminCreateUserConfig,
    AccountRecoverySetting: p.AccountRecoverySetting,
    Schema: p.Schema,
    MfaConfiguration: 'OFF',
  };
}

/** The app client as declared, always allowing USER_PASSWORD_AUTH (used by tests and the local console). */
function clientInput(pool: LocalUserPool, userPoolId: string): CreateUserPoolClientCommandInput {
  const p = pool.client.properties as Partial<CreateUserPoolClientCommandInput>;
  return {
    UserPoolId: userPoolId,
    ClientName: pool.client.logicalId,
    GenerateSecret: false,
    ExplicitAuthFlows: [
      ...new Set([...(p.ExplicitAuthFlows ?? []), 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
    ] as CreateUserPoolClientCommandInput['ExplicitAuthFlows'],
    AccessTokenValidity: p.AccessTokenValidity,
    IdTokenValidity: p.IdTokenValidity,
    RefreshTokenValidity: p.RefreshTokenValidity,
    TokenValidityUnits: p.TokenValidityUnits,
    PreventUserExistenceErrors: p.PreventUserExistenceErrors,
  };
}

/** Local admin credentials: generated on first start, then read from admin.json. */
async function localAdmin(dataDir: string): Promise<{ email: string; password: string }> {
  const file = path.join(dataDir, 'admin.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as { email: string; password: string };
  } catch {
    const admin = { email: LOCAL_ADMIN_EMAIL, password: strongPassword() };
    await writeFile(file, `${JSON.stringify(admin, null, 2)}\n`, { mode: 0o600 });
    return admin;
  }
}

/** 20 characters with every class the pool's password policy requires, no shell-hostile symbol. */
export function strongPassword(): string {
  const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#%+-=?@^_'];
  const all = classes.join('');
  const chars = [
    ...classes.map((c) => c[randomInt(c.length)]!),
    ...Array.from({ length: 16 }, () => all[randomInt(all.length)]!),
  ];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

export interface Tokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
}

/** Signs in with USER_PASSWORD_AUTH, as the console's login would. */
export async function issueToken(
  cognito: { url: string; clientId: string; region?: string },
  email: string,
  password: string,
): Promise<Tokens> {
  const result = await cognitoClient(cognito.url, cognito.region ?? 'eu-west-3').send(
    new InitiateAuthCommand({
      ClientId: cognito.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  const tokens = result.AuthenticationResult;
  if (!tokens?.IdToken || !tokens.AccessToken || !tokens.RefreshToken)
    throw new Error(`Connexion de ${email} : défi ${result.ChallengeName ?? 'inattendu'} au lieu des jetons`);
  return { idToken: tokens.IdToken, accessToken: tokens.AccessToken, refreshToken: tokens.RefreshToken };
}

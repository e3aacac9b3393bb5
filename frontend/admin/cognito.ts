/**
 * The few Cognito user-pool calls the console makes, straight from the browser over TLS (the
 * password goes to Cognito only, never to this platform's API). Plain JSON calls: the SDK would
 * weigh more than the whole console.
 */
export interface ConsoleConfig {
  region: string;
  userPoolId: string;
  clientId: string;
  endpoint: string;
}

export interface AuthTokens {
  IdToken: string;
  AccessToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
}

export interface AuthStep {
  AuthenticationResult?: AuthTokens;
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
}

export class CognitoError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let config: ConsoleConfig | undefined;

export async function loadConfig(): Promise<ConsoleConfig> {
  if (!config) {
    const res = await fetch('/api/console-config', { headers: { accept: 'application/json' } });
    if (!res.ok) throw new CognitoError('config', 'La console ne trouve pas sa configuration de connexion.');
    config = (await res.json()) as ConsoleConfig;
  }
  return config;
}

async function call<T>(action: string, body: Record<string, unknown>): Promise<T> {
  const { endpoint } = await loadConfig();
  let res: Response;
  try {
    res = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new CognitoError(
      'network',
      'Connexion impossible\u00a0: vérifiez votre connexion à internet, puis réessayez.',
    );
  }
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const code = String(data.__type ?? res.headers.get('x-amzn-errortype') ?? 'Unknown')
      .split('#')
      .pop()!
      .split(':')[0]!;
    throw new CognitoError(code, String(data.message ?? data.Message ?? ''));
  }
  return data as T;
}

export const initiateAuth = async (email: string, password: string) =>
  call<AuthStep>('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: (await loadConfig()).clientId,
    AuthParameters: { USERNAME: email, PASSWORD: password },
  });

export const refreshAuth = async (refreshToken: string) =>
  call<AuthStep>('InitiateAuth', {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    ClientId: (await loadConfig()).clientId,
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  });

export const respond = async (challenge: string, session: string | undefined, responses: Record<string, string>) =>
  call<AuthStep>('RespondToAuthChallenge', {
    ChallengeName: challenge,
    ClientId: (await loadConfig()).clientId,
    Session: session,
    ChallengeResponses: responses,
  });

/** MFA set-up: the secret to type into an authenticator app, then the first code it shows. */
export const associateSoftwareToken = (session: string) =>
  call<{ SecretCode: string; Session: string }>('AssociateSoftwareToken', { Session: session });
export const verifySoftwareToken = (session: string, code: string) =>
  call<{ Status: string; Session: string }>('VerifySoftwareToken', {
    Session: session,
    UserCode: code,
    FriendlyDeviceName: 'Console avenir',
  });

export const revokeToken = async (refreshToken: string) =>
  call<object>('RevokeToken', { Token: refreshToken, ClientId: (await loadConfig()).clientId });

/** French messages for what can go wrong while signing in. */
export function signInMessage(error: unknown, step: 'password' | 'new-password' | 'code'): string {
  if (!(error instanceof CognitoError)) return 'La connexion a échoué\u00a0: réessayez dans un instant.';
  switch (error.code) {
    case 'network':
    case 'config':
      return error.message;
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
      return step === 'code'
        ? 'La session de connexion a expiré\u00a0: recommencez depuis le début.'
        : 'Adresse ou mot de passe incorrect.';
    case 'InvalidPasswordException':
      return step === 'new-password'
        ? 'Ce mot de passe ne respecte pas les règles\u00a0: 12 caractères au moins, avec une majuscule, une minuscule, un chiffre et un symbole.'
        : 'Adresse ou mot de passe incorrect.';
    case 'CodeMismatchException':
    case 'EnableSoftwareTokenMFAException':
      return 'Ce code ne correspond pas\u00a0: saisissez le code à 6 chiffres affiché en ce moment par votre application.';
    case 'ExpiredCodeException':
      return 'Ce code a expiré\u00a0: saisissez le nouveau code affiché par votre application.';
    case 'PasswordResetRequiredException':
      return 'Votre mot de passe doit être réinitialisé\u00a0: demandez-le à un administrateur.';
    case 'TooManyRequestsException':
    case 'LimitExceededException':
    case 'TooManyFailedAttemptsException':
      return 'Trop de tentatives\u00a0: patientez quelques minutes avant de réessayer.';
    default:
      return 'La connexion a échoué\u00a0: réessayez dans un instant.';
  }
}

import {
  associateSoftwareToken,
  initiateAuth,
  respond,
  signInMessage,
  verifySoftwareToken,
  type AuthStep,
} from './cognito.ts';
import { store } from './session.ts';
import { field, focusElement, h, notice, onSubmit, pageTitle, setFieldError } from './ui.ts';

/**
 * Sign-in with Cognito's USER_PASSWORD_AUTH, then whatever challenge the pool asks: a new password
 * for an account created with a temporary one, and on AWS (MFA required) the set-up of an
 * authenticator app the first time, then its 6-digit code at every sign-in. Locally cognito-local
 * has no MFA: those steps do not occur.
 */

interface Step {
  title: string;
  intro: (Node | string)[];
  fields: Parameters<typeof field>[0][];
  submit: string;
  kind: 'password' | 'new-password' | 'code';
  run: (values: Record<string, string>) => Promise<AuthStep | void>;
}

export function signIn(main: HTMLElement, message?: string): Promise<void> {
  return new Promise((resolve) => {
    let username = '';

    const next = async (result: AuthStep | void): Promise<void> => {
      if (!result) return;
      if (result.AuthenticationResult) {
        store(result.AuthenticationResult);
        resolve();
        return;
      }
      const session = result.Session;
      username = result.ChallengeParameters?.USER_ID_FOR_SRP ?? username;
      switch (result.ChallengeName) {
        case 'NEW_PASSWORD_REQUIRED':
          return show({
            title: 'Choisissez votre mot de passe',
            intro: ['Votre compte a été créé avec un mot de passe provisoire\u00a0: choisissez le vôtre.'],
            fields: [
              {
                label: 'Nouveau mot de passe',
                name: 'password',
                type: 'password',
                hint: '12 caractères au moins, avec une majuscule, une minuscule, un chiffre et un symbole.',
                attrs: { autocomplete: 'new-password' },
                required: true,
              },
              {
                label: 'Confirmez le mot de passe',
                name: 'confirm',
                type: 'password',
                attrs: { autocomplete: 'new-password' },
                required: true,
              },
            ],
            submit: 'Enregistrer le mot de passe',
            kind: 'new-password',
            run: async ({ password, confirm }) => {
              if (password !== confirm) throw new Error('Les deux mots de passe ne sont pas identiques.');
              return respond('NEW_PASSWORD_REQUIRED', session, { USERNAME: username, NEW_PASSWORD: password! });
            },
          });
        case 'MFA_SETUP': {
          const { SecretCode, Session } = await associateSoftwareToken(session!);
          const grouped = SecretCode.replace(/(.{4})/g, '$1 ').trim();
          const uri = `otpauth://totp/${encodeURIComponent(`Avenir:${username}`)}?secret=${SecretCode}&issuer=Avenir`;
          return show({
            title: 'Protégez votre compte',
            intro: [
              h(
                'p',
                {},
                'La console demande, en plus du mot de passe, un code à 6 chiffres donné par une application d’authentification (Google Authenticator, Microsoft Authenticator, FreeOTP…).',
              ),
              h(
                'p',
                {},
                'Dans l’application, ajoutez un compte «\u00a0avec une clé\u00a0», puis saisissez cette clé\u00a0:',
              ),
              h('p', { class: 'secret' }, h('code', {}, grouped)),
              h('p', {}, h('a', { href: uri }, 'Ou ouvrez l’application directement (sur ce téléphone)')),
            ],
            fields: [
              {
                label: 'Code affiché par l’application',
                name: 'code',
                attrs: { inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxlength: '6' },
                required: true,
              },
            ],
            submit: 'Activer et me connecter',
            kind: 'code',
            run: async ({ code }) => {
              const verified = await verifySoftwareToken(Session, code!.trim());
              return respond('MFA_SETUP', verified.Session, { USERNAME: username });
            },
          });
        }
        case 'SOFTWARE_TOKEN_MFA':
          return show({
            title: 'Code de vérification',
            intro: ['Saisissez le code à 6 chiffres affiché par votre application d’authentification.'],
            fields: [
              {
                label: 'Code',
                name: 'code',
                attrs: { inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxlength: '6' },
                required: true,
              },
            ],
            submit: 'Me connecter',
            kind: 'code',
            run: ({ code }) =>
              respond('SOFTWARE_TOKEN_MFA', session, { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code!.trim() }),
          });
        default:
          throw new Error(
            'Cette étape de connexion n’est pas prise en charge par la console\u00a0: contactez un administrateur.',
          );
      }
    };

    const show = (step: Step, error?: string) => {
      const controls = step.fields.map((options) => field(options));
      const message = h('div', { class: 'form-message' });
      const button = h('button', { type: 'submit', class: 'button' }, step.submit);
      const form = h(
        'form',
        { class: 'login-form', novalidate: '' },
        ...controls.map((c) => c.wrapper),
        h('div', { class: 'actions' }, button),
      );
      main.replaceChildren(
        ...pageTitle(step.title, 'Console de l’équipe communication'),
        ...(error ? [notice('important', error)] : []),
        ...step.intro.map((part) => (typeof part === 'string' ? h('p', {}, part) : part)),
        message,
        form,
      );
      focusElement(main.querySelector('h1'), 'start');
      const failed = (failure: unknown) =>
        message.replaceChildren(
          notice(
            'error',
            failure instanceof Error && !('code' in failure) ? failure.message : signInMessage(failure, step.kind),
          ),
        );
      onSubmit(
        form,
        button,
        message,
        async () => {
          message.replaceChildren();
          const values: Record<string, string> = {};
          let firstEmpty: HTMLElement | undefined;
          for (const { control } of controls) {
            values[control.name] = control.value;
            const empty = !control.value.trim();
            setFieldError(control, empty ? 'Champ obligatoire.' : undefined);
            firstEmpty ??= empty ? control : undefined;
          }
          if (firstEmpty) return firstEmpty.focus();
          await next(await step.run(values));
        },
        failed,
      );
    };

    show(
      {
        title: 'Connexion',
        intro: ['Console de suivi des candidatures, des décisions et des articles.'],
        fields: [
          {
            label: 'Adresse électronique',
            name: 'email',
            type: 'email',
            attrs: { autocomplete: 'username', spellcheck: 'false' },
            required: true,
          },
          {
            label: 'Mot de passe',
            name: 'password',
            type: 'password',
            attrs: { autocomplete: 'current-password' },
            required: true,
          },
        ],
        submit: 'Se connecter',
        kind: 'password',
        run: ({ email, password }) => {
          username = email!.trim();
          return initiateAuth(username, password!);
        },
      },
      message,
    );
  });
}

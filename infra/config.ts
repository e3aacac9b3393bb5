import { z } from 'zod';

/**
 * Regions inside the European Union: the legal notice (functions/domain/site/copy.ts) promises that
 * data stays there. eu-west-2 (London) and eu-central-2 (Zurich) are in Europe but not in the EU.
 */
export const EU_REGIONS = ['eu-west-3', 'eu-west-1', 'eu-central-1', 'eu-north-1', 'eu-south-1', 'eu-south-2'] as const;
export const DEFAULT_REGION = 'eu-west-3';
/** Stack name without a stage: existing deployments and infra/local/template.ts know it. */
export const BASE_STACK_NAME = 'Avenir';

/** CloudFront only takes certificates from ACM in us-east-1. */
const CERTIFICATE_ARN = /^arn:aws:acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]+$/;

const STAGE_MESSAGE =
  'avenir:stage doit être un nom court (20 caractères au plus) de minuscules, chiffres et tirets, commençant par une lettre (ex. staging)';

/** Deployment settings read from CDK context (cdk.json or `-c key=value`); validated so a typo fails synth, not the first email. */
export const deployConfigSchema = z
  .object({
    mailFrom: z
      .string({ error: "avenir:mailFrom manque : l'adresse d'envoi des e-mails, éventuellement « Nom <adresse> »" })
      .regex(
        /^(.+<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/,
        'avenir:mailFrom doit être une adresse e-mail, éventuellement « Nom <adresse> »',
      ),
    adminEmail: z.email('avenir:adminEmail doit être une adresse e-mail'),
    region: z
      .enum(
        EU_REGIONS,
        `avenir:region doit être une région AWS de l'Union européenne (${EU_REGIONS.join(', ')}) : les mentions légales promettent que les données y restent`,
      )
      .default(DEFAULT_REGION),
    // Part of the stack name and of every account-wide name: two environments can share an account.
    stage: z
      .string({ error: STAGE_MESSAGE })
      .regex(/^[a-z](?:[a-z0-9-]{0,18}[a-z0-9])?$/, STAGE_MESSAGE)
      .optional(),
    siteDomain: z
      .string()
      .regex(
        /^$|^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
        'avenir:siteDomain doit être un nom de domaine en minuscules, sans https:// ni chemin (ex. initiatives.example.org)',
      )
      .default(''),
    certificateArn: z.string().default(''),
    // The sender's domain, verified in SES as a domain (DKIM, custom MAIL FROM) rather than one address.
    mailDomain: z
      .string()
      .regex(
        /^$|^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
        'avenir:mailDomain doit être un nom de domaine en minuscules (ex. example.org) : celui de l’adresse avenir:mailFrom',
      )
      .default(''),
    // A second address for the alarms and the budget, beside avenir:adminEmail (e.g. the technical provider).
    alertEmail: z.union([z.literal(''), z.email('avenir:alertEmail doit être une adresse e-mail')]).default(''),
    monthlyBudgetEur: z.coerce
      .number({ error: 'avenir:monthlyBudgetEur doit être un montant en euros' })
      .positive('avenir:monthlyBudgetEur doit être un montant positif en euros')
      .max(100_000, 'avenir:monthlyBudgetEur : 100 000 € par mois au plus')
      .default(30),
    // SES's account send rate (its console's « Taux d'envoi maximal »): 1 in the sandbox, 14 by default
    // once out of it. The mail queue's consumer never exceeds it.
    sesMaxSendRate: z.coerce
      .number({ error: "avenir:sesMaxSendRate doit être un nombre d'e-mails par seconde" })
      .positive('avenir:sesMaxSendRate doit être positif')
      .max(1000)
      .default(14),
  })
  .superRefine((config, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (config.siteDomain && !config.certificateArn) {
      issue(
        'certificateArn',
        'avenir:siteDomain exige avenir:certificateArn : le certificat ACM de ce domaine, créé dans la région us-east-1 (exigence de CloudFront)',
      );
    }
    if (config.certificateArn) {
      const region = CERTIFICATE_ARN.exec(config.certificateArn)?.[1];
      if (!region)
        issue(
          'certificateArn',
          "avenir:certificateArn doit être l'ARN d'un certificat ACM : arn:aws:acm:us-east-1:<compte>:certificate/<id>",
        );
      else if (region !== 'us-east-1')
        issue(
          'certificateArn',
          `avenir:certificateArn est un certificat de ${region} : CloudFront n'accepte que des certificats ACM de la région us-east-1`,
        );
      if (!config.siteDomain)
        issue(
          'siteDomain',
          'avenir:certificateArn sans avenir:siteDomain : indiquez le domaine que couvre ce certificat',
        );
    }
    const senderDomain = senderAddress(config.mailFrom).split('@')[1]?.toLowerCase();
    if (config.mailDomain && senderDomain !== config.mailDomain) {
      issue(
        'mailDomain',
        `avenir:mailDomain (${config.mailDomain}) doit être le domaine de l’adresse avenir:mailFrom (${senderDomain ?? '?'}) : SES n’envoie qu’au nom d’un domaine vérifié`,
      );
    }
  });
export type DeployConfig = z.infer<typeof deployConfigSchema>;

/** The bare address of "Name <address>" (SES identities are addresses). */
export function senderAddress(mailFrom: string): string {
  const match = /<([^>]+)>/.exec(mailFrom);
  return (match?.[1] ?? mailFrom).trim();
}

/** `Avenir`, or `Avenir-<stage>`. */
export function stackName(config: Pick<DeployConfig, 'stage'>): string {
  return config.stage ? `${BASE_STACK_NAME}-${config.stage}` : BASE_STACK_NAME;
}

/** Context values may come as '' (cdk.json placeholders): '' means unset. */
const optional = (value: unknown) => (value === '' || value === null ? undefined : value);

/** Throws one French line per problem (not zod's JSON), so `cdk synth` says what to fix. */
export function readDeployConfig(get: (key: string) => unknown): DeployConfig {
  const result = deployConfigSchema.safeParse({
    mailFrom: get('avenir:mailFrom'),
    adminEmail: get('avenir:adminEmail'),
    region: optional(get('avenir:region')),
    stage: optional(get('avenir:stage')),
    siteDomain: optional(get('avenir:siteDomain')),
    certificateArn: optional(get('avenir:certificateArn')),
    mailDomain: optional(get('avenir:mailDomain')),
    alertEmail: optional(get('avenir:alertEmail')),
    monthlyBudgetEur: optional(get('avenir:monthlyBudgetEur')),
    sesMaxSendRate: optional(get('avenir:sesMaxSendRate')),
  });
  if (!result.success)
    throw new Error(
      `Configuration de déploiement invalide :\n${result.error.issues.map((i) => `- ${i.message}`).join('\n')}`,
    );
  return result.data;
}

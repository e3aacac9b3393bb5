import { z } from 'zod';

/** Deployment settings read from CDK context (cdk.json or `-c key=value`); validated so a typo fails synth, not the first email. */
export const deployConfigSchema = z.object({
  mailFrom: z
    .string()
    .regex(/^(.+<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/, 'avenir:mailFrom doit être une adresse e-mail, éventuellement « Nom <adresse> »'),
  adminEmail: z.email('avenir:adminEmail doit être une adresse e-mail'),
  siteDomain: z.string().default(''),
  certificateArn: z.string().default(''),
});
export type DeployConfig = z.infer<typeof deployConfigSchema>;

/** The bare address of "Name <address>" (SES identities are addresses). */
export function senderAddress(mailFrom: string): string {
  const match = /<([^>]+)>/.exec(mailFrom);
  return (match?.[1] ?? mailFrom).trim();
}

export function readDeployConfig(get: (key: string) => unknown): DeployConfig {
  return deployConfigSchema.parse({
    mailFrom: get('avenir:mailFrom'),
    adminEmail: get('avenir:adminEmail'),
    siteDomain: get('avenir:siteDomain') ?? '',
    certificateArn: get('avenir:certificateArn') ?? '',
  });
}

import * as z from 'zod/mini';

/** Settings every function receives from the CDK stack (or the local stack, resolved from the same template). */
const envSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  UPLOADS_BUCKET: z.string().check(z.minLength(1)),
  MEDIA_BUCKET: z.string().check(z.minLength(1)),
  MAIL_FROM: z.string().check(z.minLength(3)),
  /** The team's address: timeline alerts (undecided files, a failed execution), enterprises' answers on articles. */
  ADMIN_EMAIL: z.email('ADMIN_EMAIL\u00a0: adresse de l’équipe attendue'),
  SITE_URL: z.url(),
  /** The mail queue (every automated email goes through it); absent for the functions that send none. */
  MAIL_QUEUE_URL: z.optional(z.url()),
  /** Header value CloudFront adds to API requests (absent locally: no CloudFront in front). */
  ORIGIN_VERIFY: z.optional(z.string()),
});
export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;
/** Parsed once per cold start; a missing variable fails loudly with its name. */
export function env(): Env {
  cached ??= envSchema.parse(process.env);
  return cached;
}

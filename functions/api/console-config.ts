import * as z from 'zod/mini';
import { json } from '../shared/http.ts';

const configEnv = z.object({
  AWS_REGION: z.string().check(z.minLength(1)),
  USER_POOL_ID: z.string().check(z.minLength(1)),
  USER_POOL_CLIENT_ID: z.string().check(z.minLength(1)),
  /** Set locally (cognito-local); on AWS the SDK's regional endpoint applies. */
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: z.optional(z.url()),
});

/**
 * GET /api/console-config: where the admin console signs in (the browser calls Cognito itself, so
 * passwords go to Cognito only). Served by the API from the function's settings, which the stack
 * sets (and the local stack resolves from the same template): nothing to write at deploy time.
 * None of it is secret: any single-page app ships its pool and client ids.
 */
export function getConsoleConfig() {
  const e = configEnv.parse(process.env);
  return json(
    200,
    {
      region: e.AWS_REGION,
      userPoolId: e.USER_POOL_ID,
      clientId: e.USER_POOL_CLIENT_ID,
      endpoint: e.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER ?? `https://cognito-idp.${e.AWS_REGION}.amazonaws.com/`,
    },
    { 'cache-control': 'public, max-age=300' },
  );
}

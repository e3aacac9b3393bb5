/** Cognito group whose members may use the console (same name as in infra/constructs/auth.ts). */
export const ADMIN_GROUP = 'admin';

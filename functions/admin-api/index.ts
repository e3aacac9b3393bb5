import { json, router, type RouteContext } from '../shared/http.ts';
import { requireAdmin } from './require-admin.ts';

/** Console API (`ANY /api/admin/{proxy+}`, behind the Cognito JWT authorizer). */
export const handler = router({
  'GET /api/admin/me': ({ event }: RouteContext) => {
    const admin = requireAdmin(event);
    return json(200, { email: admin.email, groups: admin.groups });
  },
});

import { json, requestCorrelation, router, type RouteContext } from '../shared/http.ts';
import { withLambdaLogs } from '../shared/log.ts';
import { createCampaign, getCampaign, listCampaigns, openCampaign, updateCampaign } from './campaign-routes.ts';
import { putDecision } from './decision-routes.ts';
import { bulkDecisions, getApplicationDetail } from './application-detail.ts';
import { exportApplications, getDashboard, listApplications } from './application-list.ts';
import { getArticle, saveArticle, sendArticle } from './article-routes.ts';
import { previewArticle } from './article-preview.ts';
import { auditAnswered, getAudit } from './audit.ts';
import { getCampaignDefaults } from './campaign-defaults.ts';
import { getCompilation, startCompilation } from './compilation-routes.ts';
import { getNewsletter, putNewsletter } from './newsletter-routes.ts';
import { eraseApplicationData, exportApplicationData } from './personal-data-routes.ts';
import { rectifyApplication } from './rectification-routes.ts';
import { eraseVoterData } from './voter-erasure-routes.ts';
import { withdrawInitiative } from './withdrawal-routes.ts';
import { getFailedEvents, redriveFailedEvents } from './failed-events-routes.ts';
import { putPrizes } from './prize-routes.ts';
import { requireAdmin } from './require-admin.ts';
import { exportVotes, getVotes, putVotingSettings } from './vote-routes.ts';

const routes = {
  'GET /api/admin/me': ({ event }: RouteContext) => {
    const admin = requireAdmin(event);
    return json(200, { email: admin.email, groups: admin.groups });
  },
  'POST /api/admin/campaigns': createCampaign,
  'GET /api/admin/campaigns': listCampaigns,
  'GET /api/admin/campaigns/:id': getCampaign,
  'PUT /api/admin/campaigns/:id': updateCampaign,
  'POST /api/admin/campaigns/:id/open': openCampaign,
  'PUT /api/admin/applications/:id/decision': putDecision,
  'GET /api/admin/dashboard': getDashboard,
  'GET /api/admin/failed-events': getFailedEvents,
  'POST /api/admin/failed-events/redrive': redriveFailedEvents,
  'GET /api/admin/applications': listApplications,
  'GET /api/admin/applications.csv': exportApplications,
  'GET /api/admin/applications/:id': getApplicationDetail,
  'DELETE /api/admin/applications/:id': eraseApplicationData,
  'GET /api/admin/applications/:id/export': exportApplicationData,
  'PATCH /api/admin/applications/:id/fields': rectifyApplication,
  'POST /api/admin/applications/:id/withdraw': withdrawInitiative,
  'POST /api/admin/decisions': bulkDecisions,
  'GET /api/admin/applications/:id/article': getArticle,
  'PUT /api/admin/applications/:id/article': saveArticle,
  'POST /api/admin/applications/:id/article/send': sendArticle,
  'POST /api/admin/applications/:id/article/preview': previewArticle,
  'GET /api/admin/audit': getAudit,
  'GET /api/admin/campaign-defaults': getCampaignDefaults,
  'GET /api/admin/votes': getVotes,
  'GET /api/admin/votes.csv': exportVotes,
  'DELETE /api/admin/voters': eraseVoterData,
  'PUT /api/admin/campaigns/:id/voting': putVotingSettings,
  'PUT /api/admin/campaigns/:id/prizes': putPrizes,
  'POST /api/admin/campaigns/:id/compilation': startCompilation,
  'GET /api/admin/campaigns/:id/compilation': getCompilation,
  'GET /api/admin/campaigns/:id/newsletter': getNewsletter,
  'PUT /api/admin/campaigns/:id/newsletter': putNewsletter,
};
/** A route of the console API, as the audit log names its actions. */
export type AdminRouteKey = keyof typeof routes;

/** Console API (`ANY /api/admin/{proxy+}`, behind the Cognito JWT authorizer); every write is audited. */
export const handler = withLambdaLogs('admin-api', router(routes, { answered: auditAnswered }), {
  correlate: requestCorrelation,
});

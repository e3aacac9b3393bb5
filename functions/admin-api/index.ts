import { json, requestCorrelation, router, type RouteContext } from '../shared/http.ts';
import { lazy } from '../shared/lazy.ts';
import { withLambdaLogs } from '../shared/log.ts';
import { auditAnswered, getAudit } from './audit.ts';
import { requireAdmin } from './require-admin.ts';

// Each route's module loads on its first request (`lazy`): a cold start compiles only the one it serves.
const campaigns = () => import('./campaign-routes.ts');
const lists = () => import('./application-list.ts');
const details = () => import('./application-detail.ts');
const personalData = () => import('./personal-data-routes.ts');
const photoArchives = () => import('./photo-archive-routes.ts');
const articles = () => import('./article-routes.ts');
const failedEvents = () => import('./failed-events-routes.ts');
const votes = () => import('./vote-routes.ts');
const compilations = () => import('./compilation-routes.ts');
const newsletters = () => import('./newsletter-routes.ts');

const routes = {
  'GET /api/admin/me': ({ event }: RouteContext) => {
    const admin = requireAdmin(event);
    return json(200, { email: admin.email, groups: admin.groups });
  },
  'POST /api/admin/campaigns': lazy(campaigns, 'createCampaign'),
  'GET /api/admin/campaigns': lazy(campaigns, 'listCampaigns'),
  'GET /api/admin/campaigns/:id': lazy(campaigns, 'getCampaign'),
  'PUT /api/admin/campaigns/:id': lazy(campaigns, 'updateCampaign'),
  'POST /api/admin/campaigns/:id/open': lazy(campaigns, 'openCampaign'),
  'PUT /api/admin/applications/:id/decision': lazy(() => import('./decision-routes.ts'), 'putDecision'),
  'GET /api/admin/dashboard': lazy(lists, 'getDashboard'),
  'GET /api/admin/failed-events': lazy(failedEvents, 'getFailedEvents'),
  'POST /api/admin/failed-events/redrive': lazy(failedEvents, 'redriveFailedEvents'),
  'GET /api/admin/applications': lazy(lists, 'listApplications'),
  'GET /api/admin/applications.csv': lazy(lists, 'exportApplications'),
  'GET /api/admin/applications/:id': lazy(details, 'getApplicationDetail'),
  'DELETE /api/admin/applications/:id': lazy(personalData, 'eraseApplicationData'),
  'GET /api/admin/applications/:id/export': lazy(personalData, 'exportApplicationData'),
  'GET /api/admin/applications/:id/photo-archive': lazy(photoArchives, 'archiveApplicationPhotos'),
  'POST /api/admin/photo-archives': lazy(photoArchives, 'archiveSelectedPhotos'),
  'PATCH /api/admin/applications/:id/fields': lazy(() => import('./rectification-routes.ts'), 'rectifyApplication'),
  'POST /api/admin/applications/:id/withdraw': lazy(() => import('./withdrawal-routes.ts'), 'withdrawInitiative'),
  'POST /api/admin/decisions': lazy(details, 'bulkDecisions'),
  'GET /api/admin/applications/:id/article': lazy(articles, 'getArticle'),
  'PUT /api/admin/applications/:id/article': lazy(articles, 'saveArticle'),
  'POST /api/admin/applications/:id/article/send': lazy(articles, 'sendArticle'),
  'POST /api/admin/applications/:id/article/preview': lazy(() => import('./article-preview.ts'), 'previewArticle'),
  'GET /api/admin/audit': getAudit,
  'GET /api/admin/campaign-defaults': lazy(() => import('./campaign-defaults.ts'), 'getCampaignDefaults'),
  'GET /api/admin/votes': lazy(votes, 'getVotes'),
  'GET /api/admin/votes.csv': lazy(votes, 'exportVotes'),
  'DELETE /api/admin/voters': lazy(() => import('./voter-erasure-routes.ts'), 'eraseVoterData'),
  'PUT /api/admin/campaigns/:id/voting': lazy(votes, 'putVotingSettings'),
  'PUT /api/admin/campaigns/:id/prizes': lazy(() => import('./prize-routes.ts'), 'putPrizes'),
  'POST /api/admin/campaigns/:id/compilation': lazy(compilations, 'startCompilation'),
  'GET /api/admin/campaigns/:id/compilation': lazy(compilations, 'getCompilation'),
  'GET /api/admin/campaigns/:id/newsletter': lazy(newsletters, 'getNewsletter'),
  'PUT /api/admin/campaigns/:id/newsletter': lazy(newsletters, 'putNewsletter'),
};
/** A route of the console API, as the audit log names its actions. */
export type AdminRouteKey = keyof typeof routes;

/** Console API (`ANY /api/admin/{proxy+}`, behind the Cognito JWT authorizer); every write is audited. */
export const handler = withLambdaLogs('admin-api', router(routes, { answered: auditAnswered }), {
  correlate: requestCorrelation,
});

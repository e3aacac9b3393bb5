import { requestCorrelation, router } from '../shared/http.ts';
import { lazy } from '../shared/lazy.ts';
import { withLambdaLogs } from '../shared/log.ts';

const publicRoutes = () => import('./public-routes.ts');
const applications = () => import('./application-routes.ts');
const uploads = () => import('./upload-routes.ts');
const validation = () => import('./validation-routes.ts');
const votes = () => import('./vote-routes.ts');

/**
 * Public API (`ANY /api/{proxy+}`): the applicant's side. Routes are listed in the README. Each
 * route's module loads on its first request (`lazy`), so a cold start compiles only the one it serves.
 */
export const handler = withLambdaLogs(
  'api',
  router({
    'GET /api/campaign': lazy(publicRoutes, 'getCampaign'),
    'GET /api/communes': lazy(publicRoutes, 'getCommunes'),
    'POST /api/applications': lazy(applications, 'createApplication'),
    'GET /api/applications/:id': lazy(applications, 'getApplication'),
    'PATCH /api/applications/:id': lazy(applications, 'updateApplication'),
    'DELETE /api/applications/:id': lazy(() => import('./erase-route.ts'), 'eraseApplication'),
    'POST /api/applications/:id/submit': lazy(applications, 'submitApplication'),
    'POST /api/applications/:id/uploads': lazy(uploads, 'requestUpload'),
    'PATCH /api/applications/:id/photos/:slot': lazy(uploads, 'updatePhotoDetails'),
    'DELETE /api/applications/:id/photos/:slot': lazy(uploads, 'removePhoto'),
    'POST /api/applications/:id/release': lazy(uploads, 'signRelease'),
    'POST /api/resume-links': lazy(() => import('./resume-routes.ts'), 'resendResumeLinks'),
    'GET /api/validation': lazy(validation, 'getValidation'),
    'POST /api/validation/approve': lazy(validation, 'approveArticle'),
    'POST /api/validation/changes': lazy(validation, 'requestChanges'),
    'GET /api/console-config': lazy(() => import('./console-config.ts'), 'getConsoleConfig'),
    'POST /api/votes': lazy(votes, 'requestVote'),
    'POST /api/votes/confirm': lazy(votes, 'confirmVote'),
    'GET /api/votes/counts': lazy(votes, 'getVoteCounts'),
  }),
  { correlate: requestCorrelation },
);

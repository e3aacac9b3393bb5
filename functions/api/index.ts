import { requestCorrelation, router } from '../shared/http.ts';
import { withLambdaLogs } from '../shared/log.ts';
import { createApplication, getApplication, submitApplication, updateApplication } from './application-routes.ts';
import { eraseApplication } from './erase-route.ts';
import { getCampaign, getCommunes } from './public-routes.ts';
import { resendResumeLinks } from './resume-routes.ts';
import { removePhoto, requestUpload, signRelease, updatePhotoDetails } from './upload-routes.ts';
import { getConsoleConfig } from './console-config.ts';
import { approveArticle, getValidation, requestChanges } from './validation-routes.ts';
import { confirmVote, getVoteCounts, requestVote } from './vote-routes.ts';

/** Public API (`ANY /api/{proxy+}`): the applicant's side. Routes are listed in the README. */
export const handler = withLambdaLogs(
  'api',
  router({
    'GET /api/campaign': getCampaign,
    'GET /api/communes': getCommunes,
    'POST /api/applications': createApplication,
    'GET /api/applications/:id': getApplication,
    'PATCH /api/applications/:id': updateApplication,
    'DELETE /api/applications/:id': eraseApplication,
    'POST /api/applications/:id/submit': submitApplication,
    'POST /api/applications/:id/uploads': requestUpload,
    'PATCH /api/applications/:id/photos/:slot': updatePhotoDetails,
    'DELETE /api/applications/:id/photos/:slot': removePhoto,
    'POST /api/applications/:id/release': signRelease,
    'POST /api/resume-links': resendResumeLinks,
    'GET /api/validation': getValidation,
    'POST /api/validation/approve': approveArticle,
    'POST /api/validation/changes': requestChanges,
    'GET /api/console-config': getConsoleConfig,
    'POST /api/votes': requestVote,
    'POST /api/votes/confirm': confirmVote,
    'GET /api/votes/counts': getVoteCounts,
  }),
  { correlate: requestCorrelation },
);

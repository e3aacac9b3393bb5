import type { Campaign } from '../domain/campaign.ts';
import { resumeLinkExpiry } from '../domain/retention.ts';
import { hashToken, newToken } from '../domain/tokens.ts';
import type { AppContext } from './context.ts';

/** Private links stay valid a year after the deadline (domain/retention.ts): the holder can still read the file after it closes. */
export const tokenExpiry = (campaign: Campaign): number => resumeLinkExpiry(campaign);

/** The token travels in the URL fragment, which browsers never send to servers or in Referer headers. */
export function resumeUrl(siteUrl: string, applicationId: string, token: string): string {
  return `${siteUrl}/candidater/#dossier=${applicationId}&jeton=${token}`;
}

/** A fresh token for a link in an email (a file may have several valid links). */
export async function issueResumeUrl(
  ctx: AppContext,
  applicationId: string,
  campaign: Campaign,
  now: Date,
): Promise<string> {
  const token = newToken();
  // An email composed while its file is being erased fails here, unsent: its task's retry no longer lists the file.
  if (!(await ctx.applications.addToken(applicationId, hashToken(token), tokenExpiry(campaign), now.toISOString()))) {
    throw new Error(`application ${applicationId} erased: no link issued`);
  }
  return resumeUrl(ctx.env.SITE_URL, applicationId, token);
}

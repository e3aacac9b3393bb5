import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { contactSchema } from '../domain/application.ts';
import { formatParisDateTime } from '../domain/campaign.ts';
import { resumeLinksEmail } from '../domain/emails.ts';
import { now } from '../shared/clock.ts';
import { appContext } from '../services/context.ts';
import { underEmailLimits } from '../services/email-limits.ts';
import { json, parseBody } from '../shared/http.ts';
import { atLeast } from '../shared/min-duration.ts';
import { issueResumeUrl } from '../services/resume-link.ts';
import { voteContext } from '../services/votes.ts';

const requestSchema = z.object({ email: contactSchema.shape.email });
/** At most one resend per address in this window, whatever the number of clicks. */
const WINDOW_MS = 10 * 60 * 1000;

/**
 * Every answer takes at least this long from the start of the handler. An address with files costs
 * more work (a counter, fresh tokens, the email: 20-38 ms measured locally) than one without
 * (7-14 ms): a bare answer would tell by its duration whether an address has applied, which the
 * constant 202 hides. A Lambda cannot keep working after it answered (short of invoking itself
 * asynchronously), so both paths are padded to one floor, well above the slow path.
 */
export const RESUME_LINKS_FLOOR_MS = 150;

/**
 * POST /api/resume-links {email}: sends the private links of that address's files in the current
 * call again. Always answers 202, after the same floor, so the form never reveals whether an
 * address has applied. At most one email per address every 10 minutes (its idempotency key) and
 * EMAIL_LIMITS['resume-links'] (functions/domain/email-limits.ts): past them, the same 202 and no email.
 */
export async function resendResumeLinks({ event }: { event: Parameters<typeof parseBody>[0] }) {
  return atLeast(RESUME_LINKS_FLOOR_MS, () => resend(event));
}

async function resend(event: Parameters<typeof parseBody>[0]) {
  const ctx = appContext();
  const { email } = parseBody(event, requestSchema);
  const at = now();
  const campaign = await ctx.campaigns.current();
  const files = campaign
    ? (await ctx.applications.listByCampaign(campaign.id)).filter((a) => a.contactEmail === email)
    : [];
  if (
    campaign &&
    files.length &&
    (await underEmailLimits(voteContext().votes, 'resume-links', campaign.id, email, at))
  ) {
    const window = Math.floor(at.getTime() / WINDOW_MS);
    const emailHash = createHash('sha256').update(email).digest('hex').slice(0, 32);
    await ctx.mailer.sendOnce({
      idempotencyKey: `resend#${emailHash}#${window}`,
      to: email,
      kind: 'resume-links',
      now: at.toISOString(),
      compose: async () =>
        resumeLinksEmail({
          deadlineLabel: formatParisDateTime(campaign.dates.deadline),
          files: await Promise.all(
            files.map(async (f) => ({
              name: f.fields.initiative?.name ?? 'Initiative sans nom',
              url: await issueResumeUrl(ctx, f.id, campaign, at),
            })),
          ),
        }),
    });
  }
  return json(202, {
    message: 'Si cette adresse a déposé un dossier, un courriel avec le lien personnel vient d’être envoyé.',
  });
}

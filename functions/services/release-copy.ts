import type { ApplicationRecord } from '../adapters/application-store.ts';
import { formatParisDateTime, type Campaign } from '../domain/campaign.ts';
import { emailHistory } from '../domain/history.ts';
import { releaseAttachment, releaseCopyRecipients } from '../domain/release-copy.ts';
import type { AppContext } from './context.ts';
import { underEmailLimits } from './email-limits.ts';
import { voteContext } from './votes.ts';

/** A release just recorded, as its copy needs it; `id` tells it from the file's other releases. */
export type SignedRelease =
  | { mode: 'online'; id: string; proofKey: string; signatory: string; signedAt: string; signatoryEmail?: string }
  | { mode: 'scan'; id: string; key: string; contentType: string; bytes: number };

/**
 * Emails a copy of the signed release (its PDF proof, or the scan sent) to the file's contact, and to
 * the signatory when they gave another address: once per release and recipient, under the key
 * `<appId>#release-copy#<release id>#<contact|signatory>`, so a retried request or a duplicate S3
 * event sends nothing twice. A test file emails nobody; past the per-recipient limits
 * (functions/domain/email-limits.ts) a copy is not sent, the release is recorded all the same. Each
 * copy queued is a line of the file's history (« copie de la décharge signée », to whom by role).
 */
export async function sendReleaseCopy(
  ctx: AppContext,
  app: ApplicationRecord,
  campaign: Campaign,
  release: SignedRelease,
  at: Date,
): Promise<void> {
  if (app.test) return;
  const attachment = releaseAttachment(release);
  const signatoryEmail = release.mode === 'online' ? release.signatoryEmail : undefined;
  for (const { role, to } of releaseCopyRecipients(app.contactEmail, signatoryEmail)) {
    if (!(await underEmailLimits(voteContext().votes, 'release-copy', campaign.id, to, at))) continue;
    const queued = await ctx.mailer.sendOnce({
      idempotencyKey: `${app.id}#release-copy#${release.id}#${role}`,
      to,
      kind: 'release-copy',
      applicationId: app.id,
      now: at.toISOString(),
      compose: async () => {
        // The template engine loads for this email only (the release function sends no other).
        const { releaseCopyEmail } = await import('../domain/emails.ts');
        const email = releaseCopyEmail({
          firstName: role === 'contact' ? app.fields.contact?.firstName : undefined,
          initiativeName: app.fields.initiative?.name,
          release:
            release.mode === 'online'
              ? { mode: 'online', signatory: release.signatory, signedAtLabel: formatParisDateTime(release.signedAt) }
              : { mode: 'scan' },
          attached: Boolean(attachment),
        });
        return attachment ? { ...email, attachments: [attachment] } : email;
      },
    });
    // The recipient's role, not their address: the history holds no personal data of its own.
    if (queued)
      await ctx.applications.addHistory(
        app.id,
        at.toISOString(),
        emailHistory('release-copy', { recipient: role }),
        app.expiresAt,
      );
  }
}

import type { AttachmentRef } from './queued-email.ts';
import { normaliseEmail } from './votes.ts';

/**
 * The signatory's copy of the signed image-rights release (functions/services/release-copy.ts): who
 * gets it and what is attached. Pure.
 */

/**
 * The largest release file attached to an email. SES refuses a raw message over 10 MB, and base64
 * makes a file a third larger: a scan above this (they may weigh 10 MB) is kept with the file and the
 * email says so.
 */
export const RELEASE_ATTACHMENT_MAX_BYTES = 7 * 1024 * 1024;

export type ReleaseCopyRole = 'contact' | 'signatory';

/**
 * The file's contact, and the signatory when they gave another mailbox: once each. Addresses are
 * compared as mailboxes (case, plus-addressing and Gmail's dots aside: functions/domain/votes.ts), so
 * one person never gets the copy twice.
 */
export function releaseCopyRecipients(
  contactEmail: string,
  signatoryEmail: string | undefined,
): { role: ReleaseCopyRole; to: string }[] {
  const recipients: { role: ReleaseCopyRole; to: string }[] = [{ role: 'contact', to: contactEmail }];
  const mailbox = (address: string) => normaliseEmail(address) ?? address.trim().toLowerCase();
  if (signatoryEmail?.trim() && mailbox(signatoryEmail) !== mailbox(contactEmail))
    recipients.push({ role: 'signatory', to: signatoryEmail.trim() });
  return recipients;
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

/**
 * The release file to attach: the PDF proof of an online signature, or the scan as sent (its type
 * as its content says, checked by the release function); none for a scan too heavy for an email.
 */
export function releaseAttachment(
  release: { mode: 'online'; proofKey: string } | { mode: 'scan'; key: string; contentType: string; bytes: number },
): AttachmentRef | undefined {
  if (release.mode === 'online')
    return { key: release.proofKey, filename: 'decharge-droit-image-signee.pdf', contentType: 'application/pdf' };
  if (release.bytes > RELEASE_ATTACHMENT_MAX_BYTES) return undefined;
  const extension = EXTENSIONS[release.contentType] ?? 'bin';
  return { key: release.key, filename: `decharge-droit-image-signee.${extension}`, contentType: release.contentType };
}

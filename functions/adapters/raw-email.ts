import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Email } from '../domain/emails.ts';

/** A file sent with an email, its bytes read from S3 by the mail queue's consumer. */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/** An email ready for SES: composed, with the bytes of its attachments. */
export interface OutgoingEmail extends Email {
  attachments?: EmailAttachment[];
}

/**
 * The MIME message of an email with attachments, for SES's SendRawEmail: multipart/mixed around the
 * text and HTML alternatives, headers and file names encoded for non-ASCII text, by nodemailer's
 * MailComposer (the message is built here; nodemailer sends nothing). File and URL access are off:
 * contents are always the bytes given.
 */
export async function rawEmail(from: string, to: string, email: OutgoingEmail): Promise<Uint8Array> {
  const composer = new MailComposer({
    from,
    to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    attachments: (email.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.content),
    })),
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return composer.compile().build();
}

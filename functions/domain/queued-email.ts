import * as z from 'zod/mini';
import { RECEIPTS_PREFIX } from './bucket-prefixes.ts';

/**
 * Where an email's attachments may be read from, in the uploads bucket: the file's own objects only
 * (its emailed summary, its release's proof or scan), `<prefix><applicationId>/…`. The mail queue's
 * consumer is granted reading these prefixes and nothing else (infra/stack.ts).
 */
export const MAIL_ATTACHMENT_PREFIXES = [RECEIPTS_PREFIX, 'proofs/', 'releases/'] as const;

/**
 * An attachment as it travels in the queue: the key of its object (SQS messages are limited to
 * 256 KB: the bytes stay in S3, the consumer reads them when it sends), its name and type.
 */
export const attachmentRefSchema = z.object({
  key: z.string().check(z.minLength(1), z.maxLength(1024)),
  filename: z.string().check(z.minLength(1), z.maxLength(200)),
  contentType: z.string().check(z.minLength(1), z.maxLength(100)),
});
export type AttachmentRef = z.infer<typeof attachmentRefSchema>;

/** An email as queued: composed, its attachments by reference. */
export const queuedEmailContentSchema = z.object({
  subject: z.string().check(z.minLength(1)),
  html: z.string(),
  text: z.string(),
  attachments: z.optional(z.array(attachmentRefSchema).check(z.maxLength(3))),
});
export type QueuedEmailContent = z.infer<typeof queuedEmailContentSchema>;

/** True when the key is one of the file's own objects under an attachment prefix (no other file's, no `..`). */
export const isFileAttachment = (key: string, applicationId: string | undefined): boolean =>
  Boolean(applicationId) &&
  !key.split('/').includes('..') &&
  MAIL_ATTACHMENT_PREFIXES.some((prefix) => key.startsWith(`${prefix}${applicationId}/`));

/**
 * One message of the mail queue: an email already composed (its links minted when it was queued),
 * and the idempotency key under which the consumer sends it once. Shared by the producer
 * (functions/adapters/mail-queue.ts) and the consumer (functions/mail).
 */
export const queuedEmailSchema = z
  .object({
    idempotencyKey: z.string().check(z.minLength(1), z.maxLength(512)),
    to: z.email(),
    kind: z.string().check(z.minLength(1)),
    applicationId: z.optional(z.string()),
    /** When the email was asked for (ISO): the send record keeps it. */
    queuedAt: z.string().check(z.minLength(1)),
    email: queuedEmailContentSchema,
  })
  .check(
    z.refine((m) => (m.email.attachments ?? []).every((a) => isFileAttachment(a.key, m.applicationId)), {
      message: 'attachment outside its file',
      path: ['email', 'attachments'],
    }),
  );
export type QueuedEmail = z.infer<typeof queuedEmailSchema>;

import * as z from 'zod';

/**
 * One message of the mail queue: an email already composed (its links minted when it was queued),
 * and the idempotency key under which the consumer sends it once. Shared by the producer
 * (functions/adapters/mail-queue.ts) and the consumer (functions/mail).
 */
export const queuedEmailSchema = z.object({
  idempotencyKey: z.string().min(1).max(512),
  to: z.email(),
  kind: z.string().min(1),
  applicationId: z.string().optional(),
  /** When the email was asked for (ISO): the send record keeps it. */
  queuedAt: z.string().min(1),
  email: z.object({ subject: z.string().min(1), html: z.string(), text: z.string() }),
});
export type QueuedEmail = z.infer<typeof queuedEmailSchema>;

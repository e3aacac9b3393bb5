import type { EmailAttachment } from '../adapters/raw-email.ts';
import type { QueuedEmail } from '../domain/queued-email.ts';
import { appContext } from '../services/context.ts';
import { fileObjects } from '../services/file-objects.ts';

/** The attachments' bytes, read from the uploads bucket (the queue carries their keys, checked by the schema to be the file's own). */
export async function readAttachments(
  attachments: NonNullable<QueuedEmail['email']['attachments']>,
): Promise<EmailAttachment[]> {
  const ctx = appContext();
  const files = fileObjects(ctx);
  return Promise.all(
    attachments.map(async (a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: await files.readUpload(a.key),
    })),
  );
}

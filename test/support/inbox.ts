/**
 * The local SES's inbox (`/_local/inbox.json`), as every test reads it. The local stack answers once
 * the mail queue is idle, so an email queued before the call is in the answer; if the queue never
 * became idle (30 s), the stack says so in a header and reading fails here, rather than letting a
 * « nothing arrived » assertion pass on an early answer.
 */

export interface InboxEmail {
  subject: string;
  destination: { to: string[] };
  body: { html: string; text: string };
  /** As aws-ses-v2-local keeps them: the content in base64. */
  attachments: { filename?: string; contentType: string; content: string; size: number }[];
  /** When the local SES took it (ms since the epoch). */
  at: number;
}

export async function readInbox(front: string): Promise<InboxEmail[]> {
  const res = await fetch(`${front}/_local/inbox.json`);
  if (res.status !== 200) throw new Error(`inbox: HTTP ${res.status}`);
  if (res.headers.get('x-local-mail-queue') === 'busy')
    throw new Error('inbox: the mail queue was still busy after 30 s; its answer could miss emails');
  return ((await res.json()) as { emails: InboxEmail[] }).emails;
}

/** The emails to `address` (any recipient containing it, ignoring case), oldest first. */
export async function inboxFor(front: string, address: string): Promise<InboxEmail[]> {
  const wanted = address.toLowerCase();
  return (await readInbox(front)).filter((e) => e.destination.to.some((to) => to.toLowerCase().includes(wanted)));
}

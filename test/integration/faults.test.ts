import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, paginateScan } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Delivery } from '../../infra/local/s3-dispatcher.ts';
import { syntheticJpeg } from '../bench/images.ts';
import { ApplicantClient, validRelease } from '../support/api-client.ts';
import { awsErrors, clearFaults, faultById, injectFault, sdkAttempts } from '../support/faults.ts';
import { completeFields } from '../support/fixtures.ts';
import { deliveries, localDynamoDb, localS3 } from '../support/local-clients.ts';
import { openTestCampaign } from '../support/seed.ts';

/**
 * Faults at the SDK boundary, on the real local stack: the IAM gateway answers chosen calls of a
 * function with AWS's own errors (infra/local/iam/faults.ts), the handlers' code and SDK clients are
 * the deployed ones. Each case checks that the file reaches the right state and that every email
 * goes out exactly once (local inbox), and names the protection it proves: without it, it fails.
 * The SDK retries throttling and 5xx errors itself (3 attempts, DynamoDB 4): a fault meant to reach
 * the handler covers all the attempts of one call (`times: attempts.<service>`).
 *
 * « Dossier complet » goes out when the applicant submits a complete file (evaluate.ts; it used to go
 * on the last photo of a file submitted earlier too): the email cases go through the submit route,
 * whose failure the applicant retries; the photo case accepts either.
 */

const stack = inject('stack');
const front = stack.urls.front;
let photos: Buffer[];
let attempts: Awaited<ReturnType<typeof sdkAttempts>>;
const documents = () => DynamoDBDocumentClient.from(localDynamoDb());

interface InboxEmail {
  subject: string;
  destination: { to: string[] };
}
async function completeEmails(email: string): Promise<InboxEmail[]> {
  const store = (await (await fetch(`${front}/_local/inbox.json`)).json()) as { emails: InboxEmail[] };
  return store.emails.filter((e) => e.destination.to.some((to) => to.includes(email)) && /dossier complet|est complet/i.test(e.subject));
}

/** The Mailer's record of the file's « complet » email (its key format is evaluate.ts's business). */
async function completeEmailRecord(applicationId: string): Promise<Record<string, unknown> | undefined> {
  for await (const page of paginateScan(
    { client: documents() },
    {
      TableName: stack.env.TABLE_NAME!,
      FilterExpression: 'begins_with(pk, :email) AND applicationId = :id AND kind = :kind',
      ExpressionAttributeValues: { ':email': 'EMAIL#', ':id': applicationId, ':kind': 'complete' },
    },
  )) {
    if (page.Items?.length) return page.Items[0];
  }
  return undefined;
}

async function applicationRecord(id: string): Promise<Record<string, unknown>> {
  const res = await documents().send(new GetCommand({ TableName: stack.env.TABLE_NAME!, Key: { pk: `APP#${id}`, sk: 'META' }, ConsistentRead: true }));
  return res.Item!;
}

async function newApplicant() {
  const client = new ApplicantClient(front);
  // No '+' in the address: the SES fault below matches the request body on it.
  const email = `faults-${randomUUID().slice(0, 8)}@example.org`;
  const fields = completeFields();
  await client.create({ ...fields, contact: { ...fields.contact, email } });
  return { client, email };
}

/** A file with its photos ready and its release signed: the next submit makes it complete. */
async function readyToSubmit(photoCount = 4) {
  const applicant = await newApplicant();
  const { client } = applicant;
  await Promise.all(photos.slice(0, photoCount).map((photo, i) => client.uploadPhoto(i + 1, photo)));
  await client.waitFor((v) => v.photos.filter((p) => p.state === 'ready').length === photoCount, 60_000);
  expect((await client.call('POST', `/api/applications/${client.id}/release`, validRelease(4))).status).toBe(200);
  return applicant;
}

const submit = (client: ApplicantClient) => client.call<{ status: string }>('POST', `/api/applications/${client.id}/submit`);

async function moveClock(to: string | { reset: true }): Promise<void> {
  const res = await fetch(`${front}/_local/clock`, { method: 'POST', body: JSON.stringify(typeof to === 'string' ? { to } : to) });
  expect(res.status).toBe(200);
}

/** The dispatcher's delivery of an uploaded key, once settled (all its attempts made). */
async function settledDelivery(key: string, timeoutMs = 60_000): Promise<Delivery> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await deliveries()).find((d) => d.key === key && d.outcome !== 'pending');
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`delivery of ${key} not settled after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  await openTestCampaign(stack);
  photos = await Promise.all([1, 2, 3, 4].map((seed) => syntheticJpeg(1600, 1200, seed)));
  attempts = await sdkAttempts();
});

afterEach(async () => {
  await clearFaults();
});

describe('emails under faults: each sent exactly once', () => {
  it('SES throttles the « dossier complet » email: the submit fails, its retry sends it once', async () => {
    // Protection: a throttled send releases the Mailer's lease at once. Kept instead, the retry
    // (within the lease) would find the email in flight and send nothing: the second submit fails.
    const { client, email } = await readyToSubmit();
    const fault = await injectFault({ function: 'api', action: 'ses:SendEmail', bodyContains: email, times: attempts.ses, error: awsErrors.sesThrottling });

    const first = await submit(client);
    expect(first.status).toBe(500);
    expect((await faultById(fault.id)).hits).toBe(attempts.ses);
    expect(await completeEmails(email)).toHaveLength(0);

    const retry = await submit(client);
    expect(retry).toMatchObject({ status: 200, body: { status: 'complete' } });
    expect(await completeEmails(email)).toHaveLength(1);
    expect(await completeEmailRecord(client.id)).toMatchObject({ state: 'sent', messageId: expect.any(String) });

    expect((await submit(client)).status).toBe(200);
    expect(await completeEmails(email)).toHaveLength(1);
  });

  it('recording `sent` fails after SES accepted the email: the retry of the submit does not send it again, even after the lease', async () => {
    // Protection: once SES returned a MessageId, recording `sent` is retried apart from the send and
    // never turns into a deletion or an error. Before, the record was deleted and the submit failed,
    // so its retry sent a second email; with a single attempt the record would stay `sending` and the
    // retry after the lease would take it over and send it again.
    const { client, email } = await readyToSubmit();
    // Two SDK calls' worth (each retried by the SDK): the Mailer's own retries must get past them.
    const markSent = await injectFault({
      function: 'api',
      action: 'dynamodb:UpdateItem',
      bodyContains: [client.id, 'messageId'],
      times: 2 * attempts.dynamodb,
      // A 500 rather than throttling: the SDK's throttling backoff (1 s base) over two calls' worth
      // of attempts could outlast the API function's 15 s timeout.
      error: awsErrors.dynamoDbInternal,
    });
    // Then the submit fails after the email (its history line), so that its retry asks the Mailer again
    // for the same key (evaluate.ts writes that line after sendOnce).
    const history = await injectFault({
      function: 'api',
      action: 'dynamodb:PutItem',
      bodyContains: [client.id, '"type":{"S":"email"}'],
      times: attempts.dynamodb,
      error: awsErrors.dynamoDbInternal,
    });

    expect((await submit(client)).status).toBe(500);
    expect(await completeEmails(email)).toHaveLength(1);

    try {
      await moveClock('+3m'); // past the Mailer's 2-minute lease
      expect(await submit(client)).toMatchObject({ status: 200, body: { status: 'complete' } });
      expect(await completeEmails(email)).toHaveLength(1);
    } finally {
      await moveClock({ reset: true });
    }
    // The faults were met as planned: `sent` recorded at the Mailer's third try, the history line refused.
    expect((await faultById(markSent.id)).hits).toBe(2 * attempts.dynamodb);
    expect((await faultById(history.id)).hits).toBe(attempts.dynamodb);
    expect(await completeEmailRecord(client.id)).toMatchObject({ state: 'sent', messageId: expect.any(String) });
  });

  it('an attempt dies between its record and the send: no resend within the lease, one send by the attempt after it', async () => {
    // SES answers 500 (retried by the SDK, then thrown): the Mailer cannot know whether SES took the
    // email, as after a crash, so the record stays `sending` under its lease.
    // Protections: the lease (an immediate retry must not send) and its takeover once expired (the
    // Mailer used to skip a `sending` record forever: the email was lost).
    const { client, email } = await readyToSubmit();
    const fault = await injectFault({ function: 'api', action: 'ses:SendEmail', bodyContains: email, times: attempts.ses, error: awsErrors.sesInternal });

    expect((await submit(client)).status).toBe(500);
    expect((await faultById(fault.id)).hits).toBe(attempts.ses);
    const held = await completeEmailRecord(client.id);
    expect(held).toMatchObject({ state: 'sending', leaseUntil: expect.any(Number) });

    // Within the lease: the Mailer waits a little for the holder, then gives up (EmailInFlight → 500).
    expect((await submit(client)).status).toBe(500);
    expect(await completeEmails(email)).toHaveLength(0);

    try {
      await moveClock('+3m');
      expect(await submit(client)).toMatchObject({ status: 200, body: { status: 'complete' } });
      expect(await completeEmails(email)).toHaveLength(1);
      expect(await completeEmailRecord(client.id)).toMatchObject({ state: 'sent', attempts: 2 });
      expect((await submit(client)).status).toBe(200);
      expect(await completeEmails(email)).toHaveLength(1);
    } finally {
      await moveClock({ reset: true });
    }
  });
});

describe('photos under faults', () => {
  it('S3 503 on the photo read, then DynamoDB throttling on its write: the async retries make it ready, nothing lost or doubled', async () => {
    // Protections: a transient failure throws (never recorded as a refused photo), Lambda's async
    // retries (the local dispatcher's two) run the handler again, and a run is replay-safe (same
    // variant keys, conditional write). Without them the photo stays `processing` or ends `rejected`.
    const { client } = await newApplicant();
    const read = await injectFault({
      function: 'photo',
      action: 's3:GetObjectVersion',
      resourceContains: `photos/${client.id}/1/`,
      times: attempts.s3, // the first run fails reading
      error: awsErrors.s3SlowDown,
    });
    const write = await injectFault({
      function: 'photo',
      action: 'dynamodb:UpdateItem', // the photo's transaction updates its slot and the file's revision
      bodyContains: [client.id, 'PHOTO#1'],
      times: attempts.dynamodb, // the second fails writing
      error: awsErrors.dynamoDbThrottling,
    });

    const slot = await client.uploadPhoto(1, photos[0]!);
    const delivery = await settledDelivery(slot.key);
    expect(delivery).toMatchObject({ outcome: 'succeeded', attempts: 3 });
    expect((await faultById(read.id)).hits).toBe(attempts.s3);
    expect((await faultById(write.id)).hits).toBe(attempts.dynamodb);

    const view = await client.get();
    expect(view.photos).toEqual([expect.objectContaining({ slot: 1, uploadId: slot.uploadId, state: 'ready' })]);
    const thumb = await fetch(`${front}${view.photos[0]!.thumbnail!.jpeg}`);
    expect(thumb.status).toBe(200);
    // The media bucket holds exactly the variants recorded (the failed run's writes were the same keys).
    const stored = await localS3().send(new ListObjectsV2Command({ Bucket: stack.env.MEDIA_BUCKET!, Prefix: `media/${client.id}/1/` }));
    expect(stored.Contents?.length).toBeGreaterThan(0);
    expect((stored.Contents ?? []).every((o) => o.Key!.startsWith(`media/${client.id}/1/${slot.uploadId}/`))).toBe(true);
  });

  it('the evaluation after a recorded photo fails: Lambda’s retry finishes it (status, « complet » email once) instead of skipping the event', async () => {
    // Protection: the « already handled » guard of functions/photo/index.ts lets a retry of the very
    // event recorded run its follow-up again. Before, the retry returned early: the file stayed
    // `incomplete` with 4 ready photos and its « complet » email was never sent.
    const { client, email } = await readyToSubmit(3);
    expect(await submit(client)).toMatchObject({ status: 200, body: { status: 'incomplete' } });
    const evaluation = await injectFault({
      function: 'photo',
      action: 'dynamodb:UpdateItem',
      bodyContains: [client.id, 'evaluatedRevision'],
      times: attempts.dynamodb, // the first run fails just after recording the photo
      error: awsErrors.dynamoDbThrottling,
    });
    // If this evaluation emails « complet » (a file submitted before its last photo), its first try is throttled too.
    const mail = await injectFault({ function: 'photo', action: 'ses:SendEmail', bodyContains: email, times: attempts.ses, error: awsErrors.sesThrottling });

    const slot = await client.uploadPhoto(4, photos[3]!);
    const delivery = await settledDelivery(slot.key);
    expect(delivery.outcome).toBe('succeeded');
    expect((await faultById(evaluation.id)).hits).toBe(attempts.dynamodb);

    const view = await client.get();
    expect(view.photos.filter((p) => p.state === 'ready')).toHaveLength(4);
    const record = await applicationRecord(client.id);
    expect(record).toMatchObject({ status: 'complete', evaluatedRevision: record.revision });

    if ((await faultById(mail.id)).hits > 0) {
      // The photo's evaluation emails: run 1 failed on the evaluation, run 2 on SES, run 3 sent it.
      expect((await faultById(mail.id)).hits).toBe(attempts.ses);
      expect(delivery.attempts).toBe(3);
      expect(await completeEmails(email)).toHaveLength(1);
    } else {
      // « Complet » is emailed at the submit only.
      expect(delivery.attempts).toBe(2);
      expect(await completeEmails(email)).toHaveLength(0);
    }
    expect(await submit(client)).toMatchObject({ status: 200, body: { status: 'complete' } });
    expect(await completeEmails(email)).toHaveLength(1);
  });
});

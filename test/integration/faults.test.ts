import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, paginateScan } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { syntheticJpeg } from '../bench/images.ts';
import { ApplicantClient, validRelease } from '../support/api-client.ts';
import { awsErrors, clearFaults, faultById, injectFault, sdkAttempts } from '../support/faults.ts';
import { completeFields } from '../support/fixtures.ts';
import type { QueuedEmail } from '../../functions/domain/queued-email.ts';
import { invokeFunction, localDynamoDb, localS3, localSqs, waitForDelivery } from '../support/local-clients.ts';
import { AdminClient } from '../support/admin-seed.ts';
import { openTestCampaign } from '../support/seed.ts';
import { inboxFor, type InboxEmail } from '../support/inbox.ts';

/**
 * Faults at the SDK boundary, on the real local stack: the IAM gateway answers chosen calls of a
 * function with AWS's own errors (infra/local/iam/faults.ts), the handlers' code and SDK clients are
 * the deployed ones. Each case checks that the file reaches the right state and that every email
 * goes out exactly once (local inbox), and names the protection it proves: without it, it fails.
 * The SDK retries throttling and 5xx errors itself (3 attempts, DynamoDB 4): a fault meant to reach
 * the handler covers all the attempts of one call (`times: attempts.<service>`).
 *
 * « Dossier complet » is queued when the applicant submits a complete file (evaluate.ts) and sent by
 * the mail queue's consumer (functions/mail): the email cases fault that consumer's calls, and play
 * SQS's at-least-once delivery by queuing the same message again.
 */

const stack = inject('stack');
const front = stack.urls.front;
let photos: Buffer[];
let attempts: Awaited<ReturnType<typeof sdkAttempts>>;
const documents = () => DynamoDBDocumentClient.from(localDynamoDb());

async function completeEmails(email: string): Promise<InboxEmail[]> {
  return (await inboxFor(front, email)).filter((e) => /dossier complet|est complet/i.test(e.subject));
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
  const res = await documents().send(
    new GetCommand({ TableName: stack.env.TABLE_NAME!, Key: { pk: `APP#${id}`, sk: 'META' }, ConsistentRead: true }),
  );
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
  // The release's copy (a raw email too) is sent before any fault is set: the inbox answers once the queue is idle.
  await inboxFor(front, applicant.email);
  return applicant;
}

const submit = (client: ApplicantClient) =>
  client.call<{ status: string }>('POST', `/api/applications/${client.id}/submit`);

/**
 * SQS delivers a message at least once: the file's « complet » email queued again under the same
 * idempotency key (read from the Mailer's record), as a duplicate delivery would bring it.
 */
async function requeueCompleteEmail(applicationId: string, email: string): Promise<void> {
  const record = await completeEmailRecord(applicationId);
  const message: QueuedEmail = {
    idempotencyKey: String(record!.pk).slice('EMAIL#'.length),
    to: email,
    kind: 'complete',
    applicationId,
    queuedAt: new Date().toISOString(),
    email: { subject: 'Votre dossier est complet', html: '<p>Doublon</p>', text: 'Doublon' },
  };
  await localSqs().send(
    new SendMessageCommand({ QueueUrl: stack.env.MAIL_QUEUE_URL!, MessageBody: JSON.stringify(message) }),
  );
}

async function moveClock(to: string | { reset: true }): Promise<void> {
  const res = await fetch(`${front}/_local/clock`, {
    method: 'POST',
    body: JSON.stringify(typeof to === 'string' ? { to } : to),
  });
  expect(res.status).toBe(200);
}

/** The dispatcher's delivery of an uploaded key, once settled (all its attempts made). */
const settledDelivery = (key: string) =>
  waitForDelivery((d) => d.key === key && d.outcome !== 'pending', { timeoutMs: 60_000 });

beforeAll(async () => {
  await openTestCampaign(stack);
  photos = await Promise.all([1, 2, 3, 4].map((seed) => syntheticJpeg(1600, 1200, seed)));
  attempts = await sdkAttempts();
});

afterEach(async () => {
  await clearFaults();
});

describe('emails under faults: each sent exactly once', () => {
  it('SES throttles the « dossier complet » email: the submit answers at once, the mail consumer retries and sends it once', async () => {
    // Protections: a throttled send releases the Mailer's lease at once, and the consumer retries it
    // (functions/mail). Kept instead, the retry (within the lease) would find the email in flight:
    // the message would wait out the queue's visibility timeout (6 minutes) and the inbox stay empty.
    const { client, email } = await readyToSubmit();
    const fault = await injectFault({
      function: 'mail',
      action: 'ses:SendRawEmail', // « complet » carries the file's summary: a raw MIME message
      bodyContains: email,
      times: attempts.ses,
      error: awsErrors.sesThrottling,
    });

    expect(await submit(client)).toMatchObject({ status: 200, body: { status: 'complete' } });
    expect(await completeEmails(email)).toHaveLength(1);
    expect((await faultById(fault.id)).hits).toBe(attempts.ses);
    expect(await completeEmailRecord(client.id)).toMatchObject({ state: 'sent', messageId: expect.any(String) });

    expect((await submit(client)).status).toBe(200);
    expect(await completeEmails(email)).toHaveLength(1);
  });

  it('recording `sent` fails after SES accepted the email: a second delivery of the message, even after the lease, sends nothing', async () => {
    // Protection: once SES returned a MessageId, recording `sent` is retried apart from the send and
    // never turns into a deletion or an error. Before, the record was deleted and the caller's retry
    // sent a second email. SQS delivers a message at least once: the duplicate must find it sent.
    const { client, email } = await readyToSubmit();
    // Two SDK calls' worth (each retried by the SDK): the Mailer's own retries must get past them.
    const markSent = await injectFault({
      function: 'mail',
      action: 'dynamodb:UpdateItem',
      bodyContains: [client.id, 'messageId'],
      times: 2 * attempts.dynamodb,
      error: awsErrors.dynamoDbInternal,
    });
    expect(await submit(client)).toMatchObject({ status: 200, body: { status: 'complete' } });
    expect(await completeEmails(email)).toHaveLength(1);
    expect((await faultById(markSent.id)).hits).toBe(2 * attempts.dynamodb);
    expect(await completeEmailRecord(client.id)).toMatchObject({ state: 'sent', messageId: expect.any(String) });

    try {
      await moveClock('+3m'); // past the Mailer's 2-minute lease
      await requeueCompleteEmail(client.id, email);
      expect(await completeEmails(email)).toHaveLength(1);
    } finally {
      await moveClock({ reset: true });
    }
  });

  it('an attempt dies between its record and the send: no resend within the lease, one send by the delivery after it', async () => {
    // SES answers 500 (retried by the SDK, then thrown): the Mailer cannot know whether SES took the
    // email, as after a crash, so the record stays `sending` under its lease and the message goes back
    // to the queue. Protections: the lease (a delivery within it must not send) and its takeover once
    // expired (the Mailer used to skip a `sending` record forever: the email was lost).
    const { client, email } = await readyToSubmit();
    const fault = await injectFault({
      function: 'mail',
      action: 'ses:SendRawEmail', // « complet » carries the file's summary: a raw MIME message
      bodyContains: email,
      times: attempts.ses,
      error: awsErrors.sesInternal,
    });

    expect(await submit(client)).toMatchObject({ status: 200, body: { status: 'complete' } });
    expect(await completeEmails(email)).toHaveLength(0);
    expect((await faultById(fault.id)).hits).toBe(attempts.ses);
    expect(await completeEmailRecord(client.id)).toMatchObject({ state: 'sending', leaseUntil: expect.any(Number) });

    // Within the lease: the consumer waits a little for the holder, then leaves the message for later.
    await requeueCompleteEmail(client.id, email);
    expect(await completeEmails(email)).toHaveLength(0);

    try {
      await moveClock('+3m');
      await requeueCompleteEmail(client.id, email);
      expect(await completeEmails(email)).toHaveLength(1);
      expect(await completeEmailRecord(client.id)).toMatchObject({ state: 'sent', attempts: 2 });
      await requeueCompleteEmail(client.id, email);
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
    const stored = await localS3().send(
      new ListObjectsV2Command({ Bucket: stack.env.MEDIA_BUCKET!, Prefix: `media/${client.id}/1/` }),
    );
    expect(stored.Contents?.length).toBeGreaterThan(0);
    expect((stored.Contents ?? []).every((o) => o.Key!.startsWith(`media/${client.id}/1/${slot.uploadId}/`))).toBe(
      true,
    );
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
    const slot = await client.uploadPhoto(4, photos[3]!);
    const delivery = await settledDelivery(slot.key);
    expect(delivery).toMatchObject({ outcome: 'succeeded', attempts: 2 });
    expect((await faultById(evaluation.id)).hits).toBe(attempts.dynamodb);

    const view = await client.get();
    expect(view.photos.filter((p) => p.state === 'ready')).toHaveLength(4);
    const record = await applicationRecord(client.id);
    expect(record).toMatchObject({ status: 'complete', evaluatedRevision: record.revision });
    // « Complet » is emailed at the submit only.
    expect(await completeEmails(email)).toHaveLength(0);
    expect(await submit(client)).toMatchObject({ status: 200, body: { status: 'complete' } });
    expect(await completeEmails(email)).toHaveLength(1);
  });
});

describe('redrive after a fix', () => {
  it('a photo check that failed every retry waits in the failed-events queue; the redrive replays it once, the console counts it', async () => {
    // Protections: Lambda's on-failure destination (the local runtime sends the record with the
    // photo function's role, which must be allowed sqs:SendMessage on the queue), and the redrive
    // that replays it (its role must read the queue and invoke the photo function).
    const admin = await AdminClient.signIn(stack);
    const before = (
      await admin.call<{ failedEvents: number; mailDeadLetters: number }>('GET', '/api/admin/failed-events')
    ).body;
    const { client } = await newApplicant();
    const read = await injectFault({
      function: 'photo',
      action: 's3:GetObjectVersion',
      resourceContains: `photos/${client.id}/1/`,
      times: 3 * attempts.s3, // the first run and both retries fail reading
      error: awsErrors.s3SlowDown,
    });
    const slot = await client.uploadPhoto(1, photos[0]!);
    expect(await settledDelivery(slot.key)).toMatchObject({ outcome: 'failed', attempts: 3 });
    expect((await faultById(read.id)).hits).toBe(3 * attempts.s3);
    expect((await client.get()).photos[0]?.state).not.toBe('ready');

    const waiting = await admin.call<{ failedEvents: number }>('GET', '/api/admin/failed-events');
    expect(waiting).toMatchObject({ status: 200, body: { failedEvents: before.failedEvents + 1 } });

    const summary = (await invokeFunction('redrive', {})) as { replayed: number; failedAgain: number; message: string };
    expect(summary).toMatchObject({ replayed: before.failedEvents + 1, failedAgain: 0 });
    expect(summary.message).toMatch(/rejoués? avec succès/);
    expect((await client.get()).photos).toEqual([
      expect.objectContaining({ slot: 1, uploadId: slot.uploadId, state: 'ready' }),
    ]);
    expect((await admin.call<{ failedEvents: number }>('GET', '/api/admin/failed-events')).body.failedEvents).toBe(0);

    // Run again: nothing left to replay.
    expect(await invokeFunction('redrive', {})).toMatchObject({ replayed: 0, failedAgain: 0, emailsRequeued: 0 });
  });
});

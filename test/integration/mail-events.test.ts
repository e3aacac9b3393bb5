import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import sample from '../../events/ses-bounce.json' with { type: 'json' };
import { undeliverableHash } from '../../functions/domain/mail-events.ts';
import { AdminClient, seedApplications } from '../support/admin-seed.ts';
import type { ApplicantClient } from '../support/api-client.ts';
import { invokeFunction, localDynamoDb } from '../support/local-clients.ts';
import { openTestCampaign } from '../support/seed.ts';

/**
 * SES's bounce and complaint events on the local stack: the mail-events function, run with its own
 * role behind the IAM gateway, receives the SNS-wrapped event of events/ses-bounce.json (the
 * recipient being a file's contact), marks the address, and the console's file detail shows it.
 */

const stack = inject('stack');
const run = Date.now().toString(36);
let admin: AdminClient;
let bounced: ApplicantClient;
let transient: ApplicantClient;
let complained: ApplicantClient;
const emailOf = (who: string) => `${who}-${run}@example.org`;

type Mark = { kind: string; at: string } | null;
const markOf = async (file: ApplicantClient) =>
  (
    await admin.call<{ application: { undeliverable: Mark; contactEmail: string } }>(
      'GET',
      `/api/admin/applications/${file.id}`,
    )
  ).body.application.undeliverable;

/** The sample event, about `recipient`, with its SES event changed by `change`. */
/** The part of SES's notification the cases change. */
type SesNotification = { bounce?: Record<string, unknown>; [key: string]: unknown };
function sesEvent(recipient: string, change: (ses: SesNotification) => void = () => {}) {
  const ses = JSON.parse(
    sample.Records[0]!.Sns.Message.replaceAll('recipient@example.com', recipient),
  ) as SesNotification;
  change(ses);
  return { Records: [{ ...sample.Records[0]!, Sns: { ...sample.Records[0]!.Sns, Message: JSON.stringify(ses) } }] };
}

beforeAll(async () => {
  admin = await AdminClient.signIn(stack);
  await openTestCampaign(stack, { title: `Rebonds ${run}` });
  const base = {
    company: 'Rebond SCOP',
    initiative: 'Ateliers partagés',
    axis: 'emploi-citoyennete',
    region: 'Bretagne',
    incomplete: true,
  } as const;
  const files = await seedApplications(stack, [
    { ...base, email: emailOf('inexistant') },
    { ...base, email: emailOf('boite-pleine') },
    { ...base, email: emailOf('plainte') },
  ]);
  [bounced, transient, complained] = files as [ApplicantClient, ApplicantClient, ApplicantClient];
}, 120_000);

describe('SES bounces and complaints (mail-events)', () => {
  it('a permanent bounce marks the contact address: the console shows « rebond » with its date', async () => {
    expect(await markOf(bounced)).toBeNull();
    // SES reports the address as the recipient's server wrote it: the case does not matter.
    await invokeFunction('mail-events', sesEvent(emailOf('inexistant').toUpperCase()));
    expect(await markOf(bounced)).toEqual({ kind: 'bounce', at: '2028-03-02T09:41:02.669Z' });

    // Stored under the address's hash, without the address.
    const db = DynamoDBDocumentClient.from(localDynamoDb());
    const { Item } = await db.send(
      new GetCommand({
        TableName: stack.env.TABLE_NAME,
        Key: { pk: `UNDELIVERABLE#${undeliverableHash(emailOf('inexistant'))}`, sk: 'UNDELIVERABLE' },
      }),
    );
    expect(Item).toMatchObject({ kind: 'bounce', at: '2028-03-02T09:41:02.669Z' });
    expect(JSON.stringify(Item)).not.toContain('@');
  });

  it('a redelivered or older event changes nothing', async () => {
    await invokeFunction('mail-events', sesEvent(emailOf('inexistant')));
    await invokeFunction(
      'mail-events',
      sesEvent(emailOf('inexistant'), (ses) => (ses.bounce!.timestamp = '2028-01-01T00:00:00.000Z')),
    );
    expect(await markOf(bounced)).toEqual({ kind: 'bounce', at: '2028-03-02T09:41:02.669Z' });
  });

  it('a transient bounce (mailbox full) marks nothing', async () => {
    await invokeFunction(
      'mail-events',
      sesEvent(emailOf('boite-pleine'), (ses) => {
        ses.bounce!.bounceType = 'Transient';
        ses.bounce!.bounceSubType = 'MailboxFull';
      }),
    );
    expect(await markOf(transient)).toBeNull();
  });

  it('a complaint marks the address as « signalement »', async () => {
    await invokeFunction(
      'mail-events',
      sesEvent(emailOf('plainte'), (ses) => {
        ses.eventType = 'Complaint';
        ses.complaint = {
          complainedRecipients: [{ emailAddress: emailOf('plainte') }],
          timestamp: '2028-03-05T08:00:00.000Z',
          complaintFeedbackType: 'abuse',
        };
        delete ses.bounce;
      }),
    );
    expect(await markOf(complained)).toEqual({ kind: 'complaint', at: '2028-03-05T08:00:00.000Z' });
  });

  it('an event that is not SES’s fails the invocation (its event goes to the failed-events queue on AWS)', async () => {
    await expect(
      invokeFunction('mail-events', { Records: [{ Sns: { MessageId: 'x', Message: '{"eventType":"Bounce"}' } }] }),
    ).rejects.toMatchObject({ name: '$ZodError' });
  });
});

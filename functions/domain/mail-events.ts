import { createHash } from 'node:crypto';
import * as z from 'zod/mini';

/**
 * SES bounce and complaint events, as the configuration set's event destination publishes them to
 * SNS (https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html):
 * the SNS record's `Message` is the JSON of the event. `notificationType` is the same field under
 * an identity's feedback notifications. Only what decides a mark is read; the rest is ignored.
 */
const recipientSchema = z.object({ emailAddress: z.string().check(z.minLength(3), z.maxLength(320)) });
export const sesEventSchema = z.object({
  eventType: z.optional(z.string()),
  notificationType: z.optional(z.string()),
  bounce: z.optional(
    z.object({
      bounceType: z.string(),
      bounceSubType: z.optional(z.string()),
      bouncedRecipients: z.array(recipientSchema),
      timestamp: z.iso.datetime({ offset: true }),
    }),
  ),
  complaint: z.optional(
    z.object({
      complainedRecipients: z.array(recipientSchema),
      timestamp: z.iso.datetime({ offset: true }),
    }),
  ),
  mail: z.object({ messageId: z.string().check(z.minLength(1)) }),
});

/** The SNS event Lambda receives from a topic subscription. */
export const snsEventSchema = z.object({
  Records: z.array(z.object({ Sns: z.object({ MessageId: z.string(), Message: z.string() }) })).check(z.minLength(1)),
});

export type UndeliverableKind = 'bounce' | 'complaint';

export interface MailEvent {
  kind: UndeliverableKind;
  /** SES's MessageId of the message it is about (for the logs: no address there). */
  messageId: string;
  /** `Permanent`, `Transient` or `Undetermined` for a bounce. */
  bounceType?: string;
  bounceSubType?: string;
  recipients: string[];
  /** When the bounce or complaint happened (ISO). */
  at: string;
}

/**
 * One SES event: a bounce or a complaint, or undefined for any other type (Delivery, Send…, which
 * this destination does not subscribe to, but a topic may carry). A malformed event throws zod's
 * error: the invocation fails and its event ends in the failed-events queue, to be looked at.
 */
export function parseSesEvent(message: unknown): MailEvent | undefined {
  const event = sesEventSchema.parse(message);
  const type = event.eventType ?? event.notificationType;
  if (type === 'Bounce') {
    if (!event.bounce) throw new Error('SES Bounce event without its bounce object');
    const { bounce } = event;
    return {
      kind: 'bounce',
      messageId: event.mail.messageId,
      bounceType: bounce.bounceType,
      bounceSubType: bounce.bounceSubType,
      recipients: bounce.bouncedRecipients.map((r) => r.emailAddress),
      at: bounce.timestamp,
    };
  }
  if (type === 'Complaint') {
    if (!event.complaint) throw new Error('SES Complaint event without its complaint object');
    return {
      kind: 'complaint',
      messageId: event.mail.messageId,
      recipients: event.complaint.complainedRecipients.map((r) => r.emailAddress),
      at: event.complaint.timestamp,
    };
  }
  return undefined;
}

/**
 * Whether an event makes its recipients undeliverable: a permanent bounce (the mailbox does not
 * exist, or refuses us for good) or a complaint (the person marked our message as unwanted). A
 * transient bounce (mailbox full, server down) does not: SES already retried, the next message may
 * well arrive.
 */
export const marksUndeliverable = (event: MailEvent): boolean =>
  event.kind === 'complaint' || event.bounceType === 'Permanent';

/**
 * The key of an undeliverable address: sha256 of the address in lowercase, unsalted (the mark holds
 * for every campaign). Exactly the address SES reported: a bounce of `jean+avenir@…` says nothing
 * of `jean@…`, unlike the vote's notion of one voter.
 */
export function undeliverableHash(address: string): string {
  return createHash('sha256')
    .update(`undeliverable\n${address.normalize('NFC').trim().toLowerCase()}`, 'utf8')
    .digest('hex');
}

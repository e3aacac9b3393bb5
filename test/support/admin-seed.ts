import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ApplicationFields } from '../../functions/domain/application.ts';
import { syntheticJpeg } from '../bench/images.ts';
import { ApplicantClient, validRelease } from './api-client.ts';
import { completeFields, PLACES } from './fixtures.ts';
import { invokeFunction, localDynamoDb, signIn } from './local-clients.ts';
import type { ProvidedStack } from './local-stack-setup.ts';
import { inboxFor as inboxForFront } from './inbox.ts';

/**
 * What the console tests need around the admin API: an authenticated client, files seeded through
 * the public API as applicants make them, and the two timeline steps that frame the review (the
 * close and the announcement), run through the timeline's own handler.
 */

export class AdminClient {
  constructor(
    private readonly front: string,
    private readonly token: string,
  ) {}

  static async signIn(stack: ProvidedStack): Promise<AdminClient> {
    return new AdminClient(stack.urls.front, (await signIn(stack)).idToken);
  }

  /** `text` is decoded as a browser would (a BOM is dropped); `bytes` are the body as sent. */
  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T; headers: Headers; text: string; bytes: Buffer }> {
    const res = await fetch(`${this.front}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed as T, headers: res.headers, text, bytes };
  }
}

export interface SeedSpec {
  company: string;
  initiative: string;
  axis: ApplicationFields['initiative']['axis'];
  region: keyof typeof PLACES;
  email: string;
  /** Without photos and release: the file stays incomplete. */
  incomplete?: boolean;
}

let photos: Promise<Buffer[]> | undefined;

/** Creates files as applicants do (fields, 4 photos, online release, « J'envoie »), complete unless told otherwise. */
export async function seedApplications(stack: ProvidedStack, specs: SeedSpec[]): Promise<ApplicantClient[]> {
  // The smallest size accepted: many files are seeded at once and each photo is processed in this stack.
  photos ??= Promise.all([1, 2, 3, 4].map((seed) => syntheticJpeg(1200, 800, seed)));
  const images = await photos;
  return Promise.all(
    specs.map(async (spec) => {
      const base = completeFields();
      const client = new ApplicantClient(stack.urls.front);
      await client.create({
        company: { ...base.company, name: spec.company, ...PLACES[spec.region], region: spec.region },
        contact: { ...base.contact, email: spec.email },
        initiative: { ...base.initiative, name: spec.initiative, axis: spec.axis },
      });
      if (spec.incomplete) return client;
      await Promise.all(images.map((photo, i) => client.uploadPhoto(i + 1, photo)));
      await client.call('PATCH', `/api/applications/${client.id}/photos/1`, {
        caption: `Atelier de ${spec.company}`,
        credit: 'Photo : Camille Durand',
      });
      await client.call('POST', `/api/applications/${client.id}/release`, validRelease(4));
      await client.waitFor((view) => view.photos.filter((p) => p.state === 'ready').length === 4, 120_000);
      await client.call('POST', `/api/applications/${client.id}/submit`);
      await client.waitFor((view) => view.status === 'complete', 60_000);
      return client;
    }),
  );
}

async function timeline(stack: ProvidedStack) {
  return (event: Record<string, unknown>) => invokeFunction('timeline', event, stack);
}

/** The deadline passes: the campaign's deadline moves to just now, then the timeline closes applications. */
export async function closeApplications(stack: ProvidedStack, campaignId: string): Promise<void> {
  const db = DynamoDBDocumentClient.from(localDynamoDb(stack));
  await db.send(
    new UpdateCommand({
      TableName: stack.env.TABLE_NAME,
      Key: { pk: `CAMPAIGN#${campaignId}`, sk: 'META' },
      UpdateExpression: 'SET dates.deadline = :d, datesVersion = :v, steps = if_not_exists(steps, :s)',
      ExpressionAttributeValues: { ':d': new Date(Date.now() - 2000).toISOString(), ':v': 1, ':s': {} },
    }),
  );
  db.destroy();
  await (
    await timeline(stack)
  )({ action: 'close', campaignId, datesVersion: 1 });
}

/** The announcement: the timeline freezes and emails every decision (the console's decisions must all be in). */
export async function announceDecisions(stack: ProvidedStack, campaignId: string): Promise<void> {
  await (
    await timeline(stack)
  )({ action: 'notify', campaignId, datesVersion: 1 });
}

export type { InboxEmail } from './inbox.ts';

export const inboxFor = (stack: ProvidedStack, address: string) => inboxForFront(stack.urls.front, address);

/** The validation token of the latest « article à relire » email sent to `address`. */
export async function validationTokenFor(stack: ProvidedStack, address: string): Promise<string> {
  const emails = (await inboxFor(stack, address)).filter(
    (e) => /article/i.test(e.subject) && e.body.text.includes('/validation/#jeton='),
  );
  const match = /\/validation\/#jeton=([\w-]+)/.exec(emails.at(-1)?.body.text ?? '');
  if (!match) throw new Error(`no validation link emailed to ${address}`);
  return match[1]!;
}

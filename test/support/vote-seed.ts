import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { AXES } from '../../functions/domain/axes.ts';
import type { VotingSettings } from '../../functions/domain/votes.ts';
import { inboxFor as inbox, type InboxEmail } from './inbox.ts';

/**
 * What the vote tests need around the local stack: a launched campaign whose initiatives have an
 * approved article (written straight into DynamoDB, the way the publication reads them), the
 * public vote API as a browser calls it, and the confirmation links from the local inbox.
 */

export interface StackInfo {
  urls: { front: string };
  env: Record<string, string | undefined>;
}

export interface SeededInitiative {
  id: string;
  title: string;
  axis: string;
  company: string;
  region: string;
}

export interface VotingCampaign {
  id: string;
  initiatives: SeededInitiative[];
  /** Its `dates.votingClose` as seeded (ISO). */
  votingClose: string;
}

const DAY = 24 * 3600 * 1000;
const iso = (t: number) => new Date(t).toISOString();

export function documentClient(stack: Pick<StackInfo, 'env'>): DynamoDBDocumentClient {
  const { env } = stack;
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
      region: env.AWS_REGION ?? 'eu-west-3',
      credentials: {
        accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local',
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local',
      },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
}

const REGIONS = ['Occitanie', 'Bretagne', 'Grand Est', 'Normandie'];
const BODY =
  "L'atelier a ouvert il y a trois ans dans un ancien local commercial du centre-bourg. Douze salariés en parcours d'insertion y réparent, trient et revendent ce que les habitants déposent. " +
  "Les bénéfices financent un accompagnement vers l'emploi durable, avec des stages chez les artisans du territoire et une formation qualifiante reconnue par la branche professionnelle.";

/**
 * A campaign in its voting phase (launched a day ago, closing in 30 days unless told) with `count`
 * initiatives spread over the three axes. Its `gsi1sk` is old: it never becomes the « current »
 * campaign other tests rely on.
 */
export async function seedVotingCampaign(
  stack: StackInfo,
  options: {
    count?: number;
    voting?: Partial<VotingSettings>;
    closesInMs?: number;
    phase?: string;
    label?: string;
  } = {},
): Promise<VotingCampaign> {
  const db = documentClient(stack);
  const table = stack.env.TABLE_NAME!;
  const now = Date.now();
  const id = randomUUID();
  const label = options.label ?? id.slice(0, 8);
  const close = now + (options.closesInMs ?? 30 * DAY);
  const initiatives: SeededInitiative[] = Array.from({ length: options.count ?? 4 }, (_, i) => ({
    id: randomUUID(),
    title: `Initiative ${i + 1} ${label}`,
    axis: AXES[i % AXES.length]!.id,
    company: `Entreprise ${i + 1}`,
    region: REGIONS[i % REGIONS.length]!,
  }));
  const campaign = {
    pk: `CAMPAIGN#${id}`,
    sk: 'META',
    gsi1pk: 'CAMPAIGNS',
    gsi1sk: `2000-01-01T00:00:00.000Z#${id}`,
    id,
    title: `Vote ${label}`,
    phase: options.phase ?? 'launched',
    dates: {
      open: iso(now - 120 * DAY),
      deadline: iso(now - 90 * DAY),
      notification: iso(now - 80 * DAY),
      validationEnd: iso(now - 10 * DAY),
      launch: iso(now - DAY),
      votingClose: iso(close),
    },
    photoCount: 4,
    target: 50,
    reminderOffsets: [14, 3, 1],
    axes: AXES.map((a) => ({ ...a })),
    voting: options.voting,
    datesVersion: 1,
    steps: {},
    createdAt: iso(now - 121 * DAY),
    updatedAt: iso(now),
  };
  const items: Record<string, unknown>[] = [campaign];
  for (const [i, initiative] of initiatives.entries()) {
    const at = iso(now - 20 * DAY + i * 60_000);
    items.push({
      pk: `APP#${initiative.id}`,
      sk: 'META',
      gsi1pk: `CAMPAIGN#${id}#APPS`,
      gsi1sk: `${at}#${initiative.id}`,
      id: initiative.id,
      campaignId: id,
      status: 'complete',
      submitted: true,
      submitCount: 1,
      revision: 1,
      missing: [],
      contactEmail: `contact-${i}-${label}@example.org`,
      fields: {
        company: { name: initiative.company, city: 'Ville', department: 'Département', region: initiative.region },
        initiative: { name: initiative.title, axis: initiative.axis },
      },
      articleStatus: 'approved',
      createdAt: at,
      updatedAt: at,
    });
    items.push({
      pk: `APP#${initiative.id}`,
      sk: 'ARTICLE',
      applicationId: initiative.id,
      campaignId: id,
      status: 'approved',
      version: 1,
      revision: 3,
      article: {
        title: initiative.title,
        lead: `Le chapeau de « ${initiative.title} », assez long pour être valide.`,
        body: BODY,
        moreInfo: '',
        links: [],
        photoOrder: [1],
        photoTexts: {},
      },
      approvedAt: at,
      updatedAt: at,
      updatedBy: 'entreprise',
      comments: [],
    });
  }
  for (let i = 0; i < items.length; i += 25) {
    await db.send(
      new BatchWriteCommand({
        RequestItems: { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
  db.destroy();
  return { id, initiatives, votingClose: iso(close) };
}

/** Moves a campaign's voting close (e.g. into the past). */
export async function setVotingClose(stack: StackInfo, campaignId: string, at: Date): Promise<void> {
  const db = documentClient(stack);
  await db.send(
    new UpdateCommand({
      TableName: stack.env.TABLE_NAME!,
      Key: { pk: `CAMPAIGN#${campaignId}`, sk: 'META' },
      UpdateExpression: 'SET dates.votingClose = :c',
      ExpressionAttributeValues: { ':c': at.toISOString() },
    }),
  );
  db.destroy();
}

export interface Answer {
  status: number;
  body: {
    message?: string;
    reason?: string;
    error?: string;
    count?: number | null;
    remaining?: number;
    issues?: { field: string; message: string }[];
    [key: string]: unknown;
  };
}

async function send(front: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${front}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

export const requestVote = (front: string, initiativeId: string, email: string, page?: string) =>
  send(front, 'POST', '/api/votes', { initiativeId, email, page });
export const confirmVote = (front: string, token: string) => send(front, 'POST', '/api/votes/confirm', { token });
export const voteCounts = (front: string, campaignId: string) =>
  send(front, 'GET', `/api/votes/counts?campaignId=${encodeURIComponent(campaignId)}`);

export { inbox, type InboxEmail };

export const tokenOf = (email: InboxEmail | undefined) =>
  /\/voter\/confirmation\/#jeton=([\w-]+)/.exec(email?.body.text ?? '')?.[1];

/** Every confirmation token emailed to `address`, oldest first. */
export async function tokensFor(front: string, address: string): Promise<string[]> {
  return (await inbox(front, address)).map(tokenOf).filter((t): t is string => Boolean(t));
}

/** The latest confirmation token emailed to `address` (waits a little: the email is sent before the 202). */
export async function tokenFor(front: string, address: string, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const token = (await tokensFor(front, address)).at(-1);
    if (token) return token;
    if (Date.now() > deadline) throw new Error(`no vote link emailed to ${address}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { AXES } from '../../functions/domain/axes.ts';
import { documentClient } from './vote-seed.ts';

/** What the tests need of the local stack provided by the global setup. */
export interface StackInfo {
  urls: { front: string; inbox?: string };
  env: Record<string, string | undefined>;
}

export interface SeededCampaign {
  id: string;
  title: string;
  dates: {
    open: string;
    deadline: string;
    notification: string;
    validationEnd: string;
    launch: string;
    votingClose: string;
  };
}

const DAY = 24 * 3600 * 1000;

/**
 * Opens a campaign by writing its item straight into DynamoDB, the way the backend reads the current
 * one (most recently opened, through gsi1). Until the admin API can open campaigns, tests seed here.
 * Each call opens a new campaign that becomes the current one.
 */
export async function openTestCampaign(
  stack: StackInfo,
  options: { title?: string; deadlineInDays?: number } = {},
): Promise<SeededCampaign> {
  if (!stack.env.TABLE_NAME || !stack.env.AWS_ENDPOINT_URL_DYNAMODB)
    throw new Error('openTestCampaign: TABLE_NAME and AWS_ENDPOINT_URL_DYNAMODB missing from stack.env');
  const db = documentClient(stack);
  const now = Date.now();
  const deadline = now + (options.deadlineInDays ?? 30) * DAY;
  const iso = (t: number) => new Date(t).toISOString();
  const id = randomUUID();
  const campaign: SeededCampaign = {
    id,
    title: options.title ?? `Nos territoires ont de l’avenir (test ${new Date(now).getFullYear()})`,
    dates: {
      open: iso(now - 60_000),
      deadline: iso(deadline),
      notification: iso(deadline + 15 * DAY),
      validationEnd: iso(deadline + 75 * DAY),
      launch: iso(deadline + 80 * DAY),
      votingClose: iso(deadline + 120 * DAY),
    },
  };
  await db.send(
    new PutCommand({
      TableName: stack.env.TABLE_NAME,
      Item: {
        pk: `CAMPAIGN#${id}`,
        sk: 'META',
        gsi1pk: 'CAMPAIGNS',
        // Milliseconds keep a campaign opened later sorted after the earlier ones.
        gsi1sk: iso(now),
        ...campaign,
        phase: 'open',
        photoCount: 4,
        axes: AXES.map((a) => ({ ...a })),
        target: 50,
        reminderOffsets: [14, 3, 1],
      },
    }),
  );
  db.destroy();
  return campaign;
}

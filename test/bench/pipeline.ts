import { PHOTO_SLOTS } from '../../functions/domain/application.ts';
import type { ApplicationView } from '../../functions/domain/views.ts';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalStack, type LocalStack } from '../../infra/local/stack.ts';
import { localDynamoDb } from '../support/local-clients.ts';
import { ApplicantClient, validRelease } from '../support/api-client.ts';
import { completeFields } from '../support/fixtures.ts';
import { openTestCampaign } from '../support/seed.ts';
import { cpuSecondsUnder, ownCpuSeconds, perSecond } from './measure.ts';

/**
 * Section 3: N applications x 4 photos through the public API of a local stack, as a browser
 * sends them: create the file, ask an upload slot per photo, POST the file to S3, poll the file.
 * The photo Lambda runs in this process (infra/local runs every handler in-process).
 */

/** As the form polls (frontend/candidater/store.ts): the load of applicants waiting for their photos. */
const POLL_MS = 1000;
/** Generous: all photos queue on this machine's cores, a few seconds each when it is busy. */
const timeoutMs = (photos: number) => 60_000 + photos * 5_000;

export interface PipelineRound {
  photos: number;
  photosPerSecond: number;
  /** Upload start (slot request) to the photo recorded `ready`, each photo of the round. */
  latenciesMs: number[];
  /** First upload start to the last file recorded done (complete, or its photos ready). */
  spanMs: number;
  /** CPU seconds per photo over that span, in this process (client, S3 and SES emulators, handlers, sharp) and in the emulators' processes. */
  cpuPerPhoto: { own: number; emulators: number };
}

export interface PipelineResult {
  /** What each measured span ends with: all photos ready, or the file's status « complete ». */
  endsWith: 'ready' | 'complete';
  rounds: PipelineRound[];
}

/** A file with its contact email; with every field and the signed release too when the API takes them. */
async function prepare(front: string, index: number): Promise<{ client: ApplicantClient; complete: boolean }> {
  const client = new ApplicantClient(front);
  const email = `bench+${index}@example.org`;
  const fields = completeFields();
  await client.create({ contact: { email } });
  const patched = await client.call('PATCH', `/api/applications/${client.id}`, {
    ...fields,
    contact: { ...fields.contact, email },
  });
  const signed =
    patched.status === 200 &&
    (await client.call('POST', `/api/applications/${client.id}/release`, validRelease(PHOTO_SLOTS.length))).status ===
      200;
  return { client, complete: signed };
}

/**
 * Uploads the four photos at once, submits if the file is otherwise complete, then polls every
 * second as the form does until the file is done. Resolves to each slot's upload start (epoch ms).
 */
async function uploadAndWait(
  client: ApplicantClient,
  photos: readonly Buffer[],
  complete: boolean,
  timeout: number,
): Promise<Map<number, number>> {
  const startedAt = new Map<number, number>();
  await Promise.all(
    PHOTO_SLOTS.map(async (slot) => {
      startedAt.set(slot, Date.now());
      await client.uploadPhoto(slot, photos[(slot - 1) % photos.length]!);
    }),
  );
  if (complete) {
    const submitted = await client.call('POST', `/api/applications/${client.id}/submit`);
    if (submitted.status !== 200)
      throw new Error(`submit refused ${submitted.status}: ${JSON.stringify(submitted.body)}`);
  }
  const deadline = Date.now() + timeout;
  for (;;) {
    const view: ApplicationView = await client.get();
    const rejected = view.photos.find((p) => p.state === 'rejected');
    if (rejected) throw new Error(`photo ${rejected.slot} rejected: ${rejected.message}`);
    const ready = view.photos.filter((p) => p.state === 'ready').length === PHOTO_SLOTS.length;
    if (ready && (!complete || view.status === 'complete')) return startedAt;
    if (Date.now() > deadline)
      throw new Error(`timed out: status ${view.status}, photos ${JSON.stringify(view.photos.map((p) => p.state))}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * When the server recorded each photo ready and the file complete (its history, epoch ms): the
 * poll only learns it up to a second later, which is the form's delay, not the pipeline's.
 */
async function recordedTimes(
  db: DynamoDBDocumentClient,
  table: string,
  applicationId: string,
): Promise<{ readyAt: Map<number, number>; completeAt?: number }> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)',
      ExpressionAttributeValues: { ':pk': `APP#${applicationId}`, ':h': 'HIST#' },
    }),
  );
  const readyAt = new Map<number, number>();
  let completeAt: number | undefined;
  for (const entry of Items) {
    const at = Date.parse(entry.at as string);
    if (entry.type === 'photo' && entry.state === 'ready')
      readyAt.set(entry.slot as number, Math.max(at, readyAt.get(entry.slot as number) ?? 0));
    if (entry.type === 'status' && entry.to === 'complete') completeAt = Math.max(at, completeAt ?? 0);
  }
  return { readyAt, completeAt };
}

/**
 * `rounds` rounds of `applications` new files on one stack, after an unmeasured one. `between`
 * runs before the first round and after each one, while the stack is idle: the bench measures raw
 * sharp there, so that each round is compared with the machine's speed just before and after it
 * (other tenants' load moves it by half within a minute here).
 */
export async function benchPipeline(options: {
  applications: number;
  rounds: number;
  photos: readonly Buffer[];
  dataDir: string;
  between: () => Promise<void>;
}): Promise<PipelineResult> {
  const stack = await startLocalStack({ dataDir: options.dataDir, ports: 'auto', quiet: true });
  try {
    await openTestCampaign(stack);
    const timeout = timeoutMs(options.applications * PHOTO_SLOTS.length);
    let index = 0;
    const prepareAll = (count: number) =>
      Promise.all(Array.from({ length: count }, () => prepare(stack.urls.front, index++)));
    // A first round, not measured, as raw sharp's first photos are not: the first passes through the
    // stack compile its code paths (the handlers' and emulators' JIT), which a running platform did
    // long ago. A single file was not enough: the first measured round still cost ~30% more CPU.
    const warmUp = await prepareAll(options.applications);
    let complete = warmUp.every((p) => p.complete);
    await Promise.all(warmUp.map((p) => uploadAndWait(p.client, options.photos, complete, timeout)));
    const rounds: PipelineRound[] = [];
    await options.between();
    for (let round = 0; round < options.rounds; round++) {
      const prepared = await prepareAll(options.applications);
      // One mode for all: the full path only if every file took its fields and release.
      complete &&= prepared.every((p) => p.complete);
      rounds.push(await measureRound(stack, options.dataDir, prepared, options.photos, complete, timeout));
      await options.between();
    }
    return { endsWith: complete ? 'complete' : 'ready', rounds };
  } finally {
    await stack.stop();
  }
}

async function measureRound(
  stack: LocalStack,
  dataDir: string,
  prepared: { client: ApplicantClient }[],
  photos: readonly Buffer[],
  complete: boolean,
  timeout: number,
): Promise<PipelineRound> {
  const cpuBefore = { own: ownCpuSeconds(), emulators: await cpuSecondsUnder(dataDir) };
  const started = Date.now();
  const startedAt = await Promise.all(prepared.map((p) => uploadAndWait(p.client, photos, complete, timeout)));
  // CPU up to the last poll: a little more than the pipeline used, never less.
  const own = ownCpuSeconds() - cpuBefore.own;
  const emulators = (await cpuSecondsUnder(dataDir)) - cpuBefore.emulators;
  const db = DynamoDBDocumentClient.from(localDynamoDb({ ...stack, dataDir }));
  let recorded: Awaited<ReturnType<typeof recordedTimes>>[] = [];
  // The status is written just before its history line: the poll can see « complet » first.
  for (let attempt = 0; attempt < 20; attempt++) {
    recorded = await Promise.all(prepared.map((p) => recordedTimes(db, stack.env.TABLE_NAME!, p.client.id)));
    if (recorded.every((r) => r.readyAt.size === PHOTO_SLOTS.length && (!complete || r.completeAt))) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  db.destroy();
  const latenciesMs = recorded.flatMap(({ readyAt }, i) =>
    PHOTO_SLOTS.map((slot) => readyAt.get(slot)! - startedAt[i]!.get(slot)!),
  );
  const doneAt = recorded.map(({ readyAt, completeAt }) => (complete ? completeAt! : Math.max(...readyAt.values())));
  if (latenciesMs.some((ms) => !(ms > 0)) || doneAt.some((at) => !(at > started)))
    throw new Error('a photo or a file has no recorded time in its history');
  const spanMs = Math.max(...doneAt) - started;
  return {
    photos: latenciesMs.length,
    photosPerSecond: perSecond(latenciesMs.length, spanMs),
    latenciesMs,
    spanMs,
    cpuPerPhoto: { own: own / latenciesMs.length, emulators: emulators / latenciesMs.length },
  };
}

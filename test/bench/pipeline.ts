import { PHOTO_SLOTS } from '../../functions/domain/application.ts';
import type { ApplicationView } from '../../functions/domain/views.ts';
import { startLocalStack } from '../../infra/local/stack.ts';
import { ApplicantClient, validRelease } from '../support/api-client.ts';
import { completeFields } from '../support/fixtures.ts';
import { openTestCampaign } from '../support/seed.ts';
import { cpuSecondsUnder, ownCpuSeconds, perSecond } from './measure.ts';

/**
 * Section 3: N applications x 4 photos through the public API of a local stack, as a browser
 * sends them: create the file, ask an upload slot per photo, POST the file to S3, poll the file.
 * The photo Lambda runs in this process (infra/local runs every handler in-process).
 */

/** As the form polls (frontend/candidater/store.ts); it also bounds the precision of the latencies. */
const POLL_MS = 1000;
/** Generous: all photos queue on this machine's cores, a few seconds each when it is busy. */
const timeoutMs = (photos: number) => 60_000 + photos * 5_000;

export interface PipelineRound {
  photos: number;
  photosPerSecond: number;
  /** Upload start (slot request) to the photo seen `ready` by the poll, each photo of the round. */
  latenciesMs: number[];
  /** First upload start to the last application done. */
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
  const patched = await client.call('PATCH', `/api/applications/${client.id}`, { ...fields, contact: { ...fields.contact, email } });
  const signed = patched.status === 200 && (await client.call('POST', `/api/applications/${client.id}/release`, validRelease(PHOTO_SLOTS.length))).status === 200;
  return { client, complete: signed };
}

interface ApplicationTiming {
  latenciesMs: number[];
  doneAt: number;
}

/** Uploads the four photos at once, submits if the file is otherwise complete, polls until done. */
async function uploadAndWait(client: ApplicantClient, photos: readonly Buffer[], complete: boolean, timeout: number): Promise<ApplicationTiming> {
  const startedAt = new Map<number, number>();
  await Promise.all(
    PHOTO_SLOTS.map(async (slot) => {
      startedAt.set(slot, performance.now());
      await client.uploadPhoto(slot, photos[(slot - 1) % photos.length]!);
    }),
  );
  if (complete) {
    const submitted = await client.call('POST', `/api/applications/${client.id}/submit`);
    if (submitted.status !== 200) throw new Error(`submit refused ${submitted.status}: ${JSON.stringify(submitted.body)}`);
  }
  const readyAt = new Map<number, number>();
  const deadline = performance.now() + timeout;
  for (;;) {
    const view: ApplicationView = await client.get();
    for (const photo of view.photos) {
      if (photo.state === 'rejected') throw new Error(`photo ${photo.slot} rejected: ${photo.message}`);
      if (photo.state === 'ready' && !readyAt.has(photo.slot)) readyAt.set(photo.slot, performance.now());
    }
    if (readyAt.size === PHOTO_SLOTS.length && (!complete || view.status === 'complete')) break;
    if (performance.now() > deadline) throw new Error(`timed out: status ${view.status}, photos ${JSON.stringify(view.photos.map((p) => p.state))}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return { latenciesMs: PHOTO_SLOTS.map((slot) => readyAt.get(slot)! - startedAt.get(slot)!), doneAt: performance.now() };
}

/**
 * `rounds` rounds of `applications` new files on one stack, after one unmeasured file. `between`
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
    const prepareAll = (count: number) => Promise.all(Array.from({ length: count }, () => prepare(stack.urls.front, index++)));
    const [warmUp] = await prepareAll(1);
    // Not measured, as raw sharp's first photo is not: the first pass through the stack compiles
    // its code paths (the handlers' and emulators' JIT), which a running platform did long ago.
    await uploadAndWait(warmUp!.client, options.photos, warmUp!.complete, timeout);
    let complete = warmUp!.complete;
    const rounds: PipelineRound[] = [];
    await options.between();
    for (let round = 0; round < options.rounds; round++) {
      const prepared = await prepareAll(options.applications);
      // One mode for all: the full path only if every file took its fields and release.
      complete &&= prepared.every((p) => p.complete);
      rounds.push(await measureRound(options.dataDir, prepared, options.photos, complete, timeout));
      await options.between();
    }
    return { endsWith: complete ? 'complete' : 'ready', rounds };
  } finally {
    await stack.stop();
  }
}

async function measureRound(dataDir: string, prepared: { client: ApplicantClient }[], photos: readonly Buffer[], complete: boolean, timeout: number): Promise<PipelineRound> {
  const cpuBefore = { own: ownCpuSeconds(), emulators: await cpuSecondsUnder(dataDir) };
  const started = performance.now();
  const timings = await Promise.all(prepared.map((p) => uploadAndWait(p.client, photos, complete, timeout)));
  const latenciesMs = timings.flatMap((t) => t.latenciesMs);
  const spanMs = Math.max(...timings.map((t) => t.doneAt)) - started;
  const own = ownCpuSeconds() - cpuBefore.own;
  const emulators = (await cpuSecondsUnder(dataDir)) - cpuBefore.emulators;
  return {
    photos: latenciesMs.length,
    photosPerSecond: perSecond(latenciesMs.length, spanMs),
    latenciesMs,
    spanMs,
    cpuPerPhoto: { own: own / latenciesMs.length, emulators: emulators / latenciesMs.length },
  };
}

import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import { asyncFailureRecord, type AsyncFailureRecord } from './async-failures.ts';
import type { Logger } from './log.ts';
import type { LocalNotification } from './template.ts';

/**
 * Turns s3rver's events into the S3 notifications AWS would send, for the notification
 * configuration of the template, and delivers them like Lambda's asynchronous invocation does:
 * retries, then the function's on-failure destination (the failed-events queue). Nothing is dropped silently.
 */

/**
 * Keys in S3 events are form-encoded (application/x-www-form-urlencoded, as S3 documents), with
 * slashes kept: "photos/my photo+1 é.png" → "photos/my+photo%2B1+%C3%A9.png".
 */
export function encodeS3EventKey(key: string): string {
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment)
        .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%20/g, '+'),
    )
    .join('/');
}

/** Does a configuration want this event? `eventName` as in records (`ObjectCreated:Put`); filters apply to the decoded key. */
export function matchesNotification(
  config: Pick<LocalNotification, 'events' | 'prefix' | 'suffix'>,
  eventName: string,
  key: string,
): boolean {
  const wanted = config.events.some((pattern) => {
    const name = pattern.replace(/^s3:/, '');
    return name.endsWith(':*') ? eventName.startsWith(name.slice(0, -1)) : eventName === name;
  });
  return wanted && key.startsWith(config.prefix ?? '') && key.endsWith(config.suffix ?? '');
}

/**
 * Sequencers order the events of one key: fixed-width uppercase hex of the time in ms and a counter,
 * so they keep increasing within a process and across restarts.
 */
export function createSequencer(now: () => number = Date.now): () => string {
  let lastMs = 0;
  let counter = 0;
  return () => {
    const ms = Math.max(now(), lastMs);
    counter = ms === lastMs ? counter + 1 : 0;
    lastMs = ms;
    return ms.toString(16).padStart(12, '0').toUpperCase() + counter.toString(16).padStart(6, '0').toUpperCase();
  };
}

/** The part of an s3rver event record the dispatcher uses. */
export interface S3rverRecord {
  eventName: string;
  requestParameters?: { sourceIPAddress?: string };
  s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string } };
}

export interface Delivery {
  id: string;
  entry: string;
  bucket: string;
  /** Decoded key. */
  key: string;
  eventName: string;
  event: S3Event;
  outcome: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  error?: string;
  at: string;
}

export interface DispatcherOptions {
  region: string;
  accountId: string;
  notifications: LocalNotification[];
  /** Bucket names with versioning enabled (their events carry a versionId). */
  versionedBuckets: Set<string>;
  /** Maximum retries per target logical id (the template's EventInvokeConfig). */
  maxRetries: (logicalId: string) => number;
  invoke: (entry: string, event: S3Event) => Promise<unknown>;
  /** Delay before retry n (0-based); Lambda waits minutes, locally it is short. */
  retryDelaysMs?: number[];
  /** Hands a delivery that failed every retry to the function's on-failure destination. */
  recordFailure: (logicalId: string, record: AsyncFailureRecord) => Promise<void>;
  log: Logger;
  /** How many deliveries `recent()` keeps. */
  keep?: number;
}

export interface DispatcherEvents {
  invoked: [{ entry: string; event: S3Event; attempt: number }];
  succeeded: [{ entry: string; event: S3Event; attempts: number }];
  failed: [{ entry: string; event: S3Event; attempts: number; error: Error }];
}

export class S3Dispatcher extends EventEmitter<DispatcherEvents> {
  private readonly sequencer = createSequencer();
  private readonly deliveries: Delivery[] = [];
  private inFlight = 0;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly options: DispatcherOptions) {
    super();
  }

  /** Feed one s3rver event (listener of s3rver's 'event'). */
  readonly handle = (s3rverEvent: { Records: S3rverRecord[] }): void => {
    for (const record of s3rverEvent.Records) {
      const eventName = this.awsEventName(record);
      const key = record.s3.object.key;
      const sequencer = this.sequencer();
      const versionId = this.options.versionedBuckets.has(record.s3.bucket.name)
        ? randomBytes(24).toString('base64url').slice(0, 32)
        : undefined;
      for (const config of this.options.notifications) {
        if (config.bucketName !== record.s3.bucket.name || !matchesNotification(config, eventName, key)) continue;
        const event = { Records: [this.awsRecord(record, eventName, config.configurationId, sequencer, versionId)] };
        this.deliver(config.target, event, key, eventName);
      }
    }
  };

  /** Recent deliveries, newest first. */
  recent(): Delivery[] {
    return [...this.deliveries].reverse();
  }

  /** Resolves once no delivery is in flight (retries included). */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** On a versioned bucket, a delete without version id creates a delete marker. */
  private awsEventName(record: S3rverRecord): string {
    const versioned = this.options.versionedBuckets.has(record.s3.bucket.name);
    return versioned && record.eventName === 'ObjectRemoved:Delete'
      ? 'ObjectRemoved:DeleteMarkerCreated'
      : record.eventName;
  }

  private awsRecord(
    record: S3rverRecord,
    eventName: string,
    configurationId: string,
    sequencer: string,
    versionId?: string,
  ): S3EventRecord {
    const bucket = record.s3.bucket.name;
    const object = record.s3.object;
    return {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: this.options.region,
      eventTime: new Date().toISOString(),
      eventName,
      userIdentity: { principalId: `AWS:${this.options.accountId}` },
      requestParameters: { sourceIPAddress: record.requestParameters?.sourceIPAddress ?? '127.0.0.1' },
      responseElements: {
        'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
        'x-amz-id-2': randomBytes(48).toString('base64'),
      },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId,
        bucket: { name: bucket, ownerIdentity: { principalId: this.options.accountId }, arn: `arn:aws:s3:::${bucket}` },
        object: {
          key: encodeS3EventKey(object.key),
          ...(eventName.startsWith('ObjectCreated:') ? { size: object.size ?? 0, eTag: object.eTag ?? '' } : {}),
          ...(versionId ? { versionId } : {}),
          sequencer,
        } as S3EventRecord['s3']['object'],
      },
    };
  }

  private deliver(target: LocalNotification['target'], event: S3Event, key: string, eventName: string): void {
    const delivery: Delivery = {
      id: event.Records[0]!.responseElements['x-amz-request-id'],
      entry: target.entry,
      bucket: event.Records[0]!.s3.bucket.name,
      key,
      eventName,
      event,
      outcome: 'pending',
      attempts: 0,
      at: event.Records[0]!.eventTime,
    };
    this.deliveries.push(delivery);
    if (this.deliveries.length > (this.options.keep ?? 200)) this.deliveries.shift();
    this.inFlight++;
    // Asynchronous like S3 → Lambda: the upload's response does not wait for the handler.
    setImmediate(() => void this.attempt(target, delivery).finally(() => this.settled()));
  }

  private async attempt(target: LocalNotification['target'], delivery: Delivery): Promise<void> {
    const { log } = this.options;
    const delays = this.options.retryDelaysMs ?? [500, 1000];
    const maxAttempts = 1 + this.options.maxRetries(target.logicalId);
    for (;;) {
      delivery.attempts++;
      this.emit('invoked', { entry: delivery.entry, event: delivery.event, attempt: delivery.attempts });
      try {
        await this.options.invoke(delivery.entry, delivery.event);
        delivery.outcome = 'succeeded';
        delete delivery.error;
        log.info('s3 delivery succeeded', {
          deliveryId: delivery.id,
          entry: delivery.entry,
          attempts: delivery.attempts,
        });
        this.emit('succeeded', { entry: delivery.entry, event: delivery.event, attempts: delivery.attempts });
        return;
      } catch (thrown) {
        const error = thrown instanceof Error ? thrown : new Error(String(thrown));
        delivery.error = error.message;
        if (delivery.attempts >= maxAttempts) {
          delivery.outcome = 'failed';
          log.error('s3 delivery failed', {
            deliveryId: delivery.id,
            entry: delivery.entry,
            attempts: delivery.attempts,
            error: error.message,
          });
          await this.recordFailure(target, delivery, error);
          this.emit('failed', { entry: delivery.entry, event: delivery.event, attempts: delivery.attempts, error });
          return;
        }
        const delay = delays[Math.min(delivery.attempts - 1, delays.length - 1)] ?? 0;
        log.warn('s3 delivery will be retried', {
          deliveryId: delivery.id,
          entry: delivery.entry,
          attempt: delivery.attempts,
          delayMs: delay,
          error: error.message,
        });
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async recordFailure(target: LocalNotification['target'], delivery: Delivery, error: Error): Promise<void> {
    const { region, accountId } = this.options;
    const functionArn = `arn:aws:lambda:${region}:${accountId}:function:${target.logicalId}`;
    await this.options.recordFailure(
      target.logicalId,
      asyncFailureRecord({
        functionArn,
        requestId: delivery.id,
        attempts: delivery.attempts,
        payload: delivery.event,
        error,
      }),
    );
  }

  private settled(): void {
    if (--this.inFlight > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

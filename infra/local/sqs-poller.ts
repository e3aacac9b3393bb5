import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import type { LambdaRuntime } from './lambda-runtime.ts';
import type { QueueDepth } from './sqs.ts';
import type { Logger } from './log.ts';
import type { LocalEventSourceMapping, LocalFunction } from './template.ts';

/**
 * Lambda's SQS event source mappings, locally: for each mapping of the template, as many pollers as
 * its MaximumConcurrency, each long-polling the queue **with the function's own credentials**
 * through the IAM gateway (on AWS the mapping polls and deletes with the execution role, so a role
 * without sqs:ReceiveMessage/DeleteMessage fails here as there), invoking the function with a batch,
 * then deleting what succeeded: everything, or all but the `batchItemFailures` when the mapping
 * reports them. A failed batch is left to the queue: its messages come back after the visibility
 * timeout and go to the dead-letter queue after maxReceiveCount, by the queue's own redrive policy.
 */

export interface PollerOptions {
  mappings: LocalEventSourceMapping[];
  functions: LocalFunction[];
  runtime: LambdaRuntime;
  /** Where signed SQS calls go (the IAM gateway). */
  endpoint: string;
  region: string;
  accountId: string;
  /** Operator view of a queue's messages. */
  depth(queueName: string): Promise<QueueDepth>;
  log: Logger;
}

/** Long-poll length: short, so that a stop never waits long. */
const WAIT_SECONDS = 1;

export class EventSourcePollers {
  private stopped = false;
  private readonly loops: Promise<void>[] = [];
  private readonly aborts = new Set<AbortController>();
  private inFlight = 0;

  constructor(private readonly options: PollerOptions) {}

  start(): void {
    const { region, accountId, runtime, log } = this.options;
    for (const mapping of this.options.mappings) {
      const fn = this.options.functions.find((f) => f.logicalId === mapping.functionLogicalId);
      const credentials = runtime.credentials.get(mapping.functionLogicalId);
      if (!fn || !credentials) {
        log.warn('event source mapping without a local function', {
          queue: mapping.queueName,
          function: mapping.functionLogicalId,
        });
        continue;
      }
      const client = new SQSClient({
        region,
        endpoint: this.options.endpoint,
        credentials,
        useQueueUrlAsEndpoint: false,
      });
      const queueUrl = `https://sqs.${region}.amazonaws.com/${accountId}/${mapping.queueName}`;
      for (let i = 0; i < mapping.maximumConcurrency; i += 1) this.loops.push(this.poll(mapping, fn, client, queueUrl));
    }
  }

  /**
   * Resolves when no mapped queue has a message ready or delayed and no batch is being handled, seen
   * twice in a row (a batch just received is invisible before it counts as handled), or after
   * `timeoutMs` (then false). A message waiting out its visibility timeout after a failure does not hold it.
   */
  async settled(timeoutMs = 30_000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    const queues = [...new Set(this.options.mappings.map((m) => m.queueName))];
    let quiet = 0;
    while (Date.now() < until && quiet < 2) {
      const depths = await Promise.all(queues.map((q) => this.options.depth(q)));
      quiet = this.inFlight === 0 && depths.every((d) => d.visible + d.delayed === 0) ? quiet + 1 : 0;
      if (quiet < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return quiet >= 2;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const abort of this.aborts) abort.abort();
    await Promise.all(this.loops);
  }

  private async poll(
    mapping: LocalEventSourceMapping,
    fn: LocalFunction,
    client: SQSClient,
    queueUrl: string,
  ): Promise<void> {
    const { log, region, accountId } = this.options;
    const eventSourceARN = `arn:aws:sqs:${region}:${accountId}:${mapping.queueName}`;
    while (!this.stopped) {
      const abort = new AbortController();
      this.aborts.add(abort);
      let messages: Message[];
      try {
        const answer = await client.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: Math.min(mapping.batchSize, 10),
            WaitTimeSeconds: WAIT_SECONDS,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: abort.signal },
        );
        messages = answer.Messages ?? [];
      } catch (error) {
        if (this.stopped) return;
        log.error('sqs poll failed', { queue: mapping.queueName, function: fn.entry, error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, 1000));
        continue;
      } finally {
        this.aborts.delete(abort);
      }
      if (messages.length === 0) continue;
      this.inFlight += 1;
      try {
        await this.deliver(mapping, fn, client, queueUrl, eventSourceARN, messages);
      } finally {
        this.inFlight -= 1;
      }
    }
  }

  private async deliver(
    mapping: LocalEventSourceMapping,
    fn: LocalFunction,
    client: SQSClient,
    queueUrl: string,
    eventSourceARN: string,
    messages: Message[],
  ): Promise<void> {
    const { runtime, log, region } = this.options;
    const event: SQSEvent = {
      Records: messages.map((m) => ({
        messageId: m.MessageId!,
        receiptHandle: m.ReceiptHandle!,
        body: m.Body ?? '',
        attributes: m.Attributes as SQSEvent['Records'][number]['attributes'],
        messageAttributes: {},
        md5OfBody: m.MD5OfBody ?? '',
        eventSource: 'aws:sqs',
        eventSourceARN,
        awsRegion: region,
      })),
    };
    let failed: Set<string>;
    try {
      const result = (await runtime.invoke(fn.entry, event, {
        source: 'sqs',
        details: { queue: mapping.queueName, messages: messages.length },
      })) as { batchItemFailures?: { itemIdentifier: string }[] } | undefined;
      failed = new Set(
        mapping.reportBatchItemFailures ? (result?.batchItemFailures ?? []).map((f) => f.itemIdentifier) : [],
      );
    } catch {
      return; // the whole batch comes back after its visibility timeout (the runtime logged the error)
    }
    const done = messages.filter((m) => !failed.has(m.MessageId!));
    if (done.length === 0) return;
    try {
      await client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
    } catch (error) {
      log.error('sqs delete failed: the messages will be delivered again', {
        queue: mapping.queueName,
        error: String(error),
      });
    }
  }
}

import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startFauxqs } from 'fauxqs';
import type { LocalQueue } from './template.ts';

/*
 * Why fauxqs (embedded, in-process, ~130 ms to start) rather than ElasticMQ (a JVM beside DynamoDB
 * Local's, and a jar npm does not carry): it speaks the SQS JSON protocol of the current SDK, with
 * visibility timeouts, long polling, redrive policies to dead-letter queues and batch calls, which
 * is what the mail queue and the failed-events queue use. 1.9.2 is its last release for Node 20.
 *
 * fauxqs names a queue by its own URL (`http://sqs.<region>.localhost:<port>/<account>/<name>`),
 * while the template's Ref gives AWS's (`https://sqs.<region>.amazonaws.com/<account>/<name>`): the
 * IAM gateway rewrites the body's QueueUrl to the emulator's after authorizing the call.
 */

export interface QueueDepth {
  visible: number;
  inFlight: number;
  delayed: number;
}

export interface LocalSqs {
  url: string;
  /** The emulator's URL for a queue name (what the gateway forwards). */
  queueUrl(name: string): string | undefined;
  /** A queue's messages: visible, received and not yet deleted, delayed (operator view, not through IAM). */
  depth(name: string): Promise<QueueDepth>;
  stop(): Promise<void>;
}

export async function startSqs(options: { region: string; queues: LocalQueue[] }): Promise<LocalSqs> {
  const server = await startFauxqs({ port: 0, host: 'localhost', defaultRegion: options.region, logger: false });
  const urls = new Map<string, string>();
  for (const queue of options.queues) {
    urls.set(
      queue.name,
      server.createQueue(queue.name, { region: options.region, attributes: queue.attributes }).queueUrl,
    );
  }
  const client = new SQSClient({
    region: options.region,
    endpoint: server.address,
    useQueueUrlAsEndpoint: false,
    credentials: { accessKeyId: 'operator', secretAccessKey: 'operator' },
  });
  return {
    url: server.address,
    queueUrl: (name) => urls.get(name),
    depth: async (name) => {
      const QueueUrl = urls.get(name);
      if (!QueueUrl) return { visible: 0, inFlight: 0, delayed: 0 };
      const { Attributes = {} } = await client.send(
        new GetQueueAttributesCommand({
          QueueUrl,
          AttributeNames: [
            'ApproximateNumberOfMessages',
            'ApproximateNumberOfMessagesNotVisible',
            'ApproximateNumberOfMessagesDelayed',
          ],
        }),
      );
      return {
        visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
        inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
        delayed: Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0),
      };
    },
    stop: async () => {
      client.destroy();
      await server.stop();
    },
  };
}

import type { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  CreateBucketCommand,
  DeleteBucketCorsCommand,
  HeadBucketCommand,
  PutBucketCorsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { S3rverRecord } from './s3-dispatcher.ts';
import type { LocalBucket } from './template.ts';

/*
 * S3 is s3rver, in this process so that its 'event' emitter can feed the dispatcher. The four
 * workarounds it needs (see notes/local-aws-emulators.md):
 *  1. requests must be signed with a registered key pair: LOCAL_CREDENTIALS is registered below;
 *  2. clients must use WHEN_REQUIRED checksums, or a streamed PutObject is stored with its
 *     aws-chunked framing: s3Client() here, AWS_REQUEST_CHECKSUM_CALCULATION for the handlers;
 *  3. ListObjectsV2 continuation tokens use DES, which needs `--openssl-legacy-provider`
 *     (see legacy-openssl.ts);
 *  4. no bucket notifications, keys not URL-encoded, region us-east-1: s3-dispatcher.ts.
 */

const require = createRequire(import.meta.url);

/** The local operator's key pair (provisioning, the front's reads, tests): the functions each have their own. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'AVENIRLOCAL', secretAccessKey: 'avenir-local-secret' } as const;

/** The part of s3rver's API used here (the package ships no types). */
interface S3rver extends EventEmitter<{ event: [{ Records: S3rverRecord[] }] }> {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rver;

export interface LocalS3 {
  url: string;
  server: S3rver;
  stop(): Promise<void>;
}

export async function startS3(options: { dataDir: string; port: number }): Promise<LocalS3> {
  const directory = path.join(options.dataDir, 's3');
  await mkdir(directory, { recursive: true });
  const S3rverServer = require('s3rver') as S3rverClass;
  registerKeyPair(LOCAL_CREDENTIALS);
  const server = new S3rverServer({
    address: '127.0.0.1',
    port: options.port,
    silent: true,
    directory,
    vhostBuckets: false,
  });
  await server.run();
  return { url: `http://127.0.0.1:${options.port}`, server, stop: () => server.close() };
}

/** s3rver checks signatures: every key pair that signs S3 requests (the operator's, each function's) must be known to it. */
export function registerKeyPair(credentials: { accessKeyId: string; secretAccessKey: string }): void {
  const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account') as {
    DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
  };
  DUMMY_ACCOUNT.createKeyPair(credentials.accessKeyId, credentials.secretAccessKey);
}

export function s3Client(url: string, region: string): S3Client {
  return new S3Client({
    endpoint: url,
    region,
    forcePathStyle: true,
    credentials: LOCAL_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** Creates the template's buckets if absent and makes their CORS rules those of the template. */
export async function provisionBuckets(client: S3Client, buckets: LocalBucket[]): Promise<void> {
  await Promise.all(
    buckets.map(async (bucket) => {
      const exists = await client.send(new HeadBucketCommand({ Bucket: bucket.name })).then(
        () => true,
        () => false,
      );
      if (!exists) await client.send(new CreateBucketCommand({ Bucket: bucket.name }));
      if (bucket.cors.length)
        await client.send(
          new PutBucketCorsCommand({ Bucket: bucket.name, CORSConfiguration: { CORSRules: bucket.cors } }),
        );
      else if (exists) await client.send(new DeleteBucketCorsCommand({ Bucket: bucket.name }));
    }),
  );
}

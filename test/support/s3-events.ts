import type { S3Event } from 'aws-lambda';
import type { ProvidedStack } from './local-stack-setup.ts';

/** What S3 sends for an upload to the (versioned) uploads bucket: the object's key and version. */
export function s3Event(
  stack: ProvidedStack,
  key: string,
  size: number,
  sequencer: string,
  eventTime = new Date().toISOString(),
): S3Event {
  const encoded = encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: stack.env.AWS_REGION!,
        eventTime,
        eventName: 'ObjectCreated:Post',
        userIdentity: { principalId: 'local' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'r', 'x-amz-id-2': 'i' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'test',
          bucket: {
            name: stack.env.UPLOADS_BUCKET!,
            ownerIdentity: { principalId: 'local' },
            arn: `arn:aws:s3:::${stack.env.UPLOADS_BUCKET}`,
          },
          // s3rver keeps no versions (it serves the current object whatever the id): any id stands for it.
          object: { key: encoded, size, eTag: 'e', sequencer, versionId: `v${sequencer}` },
        },
      },
    ],
  } as S3Event;
}

import { SQSClient } from '@aws-sdk/client-sqs';
import { once } from './once.ts';

// The endpoint, not the queue URL's host: the same host on AWS (sqs.<region>.amazonaws.com), and
// locally the only way to reach the emulator behind the IAM gateway.
export const sqsClient = /* @__PURE__ */ once(() => new SQSClient({ useQueueUrlAsEndpoint: false }));

import { SESClient } from '@aws-sdk/client-ses';
import { once, tracer } from './tracer.ts';

export const sesClient = /* @__PURE__ */ once(() => tracer.captureAWSv3Client(new SESClient({})));

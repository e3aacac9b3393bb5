import { SFNClient } from '@aws-sdk/client-sfn';
import { once, tracer } from './tracer.ts';

/** Step Functions (the campaign timeline); AWS_ENDPOINT_URL_SFN points it at the local emulator. */
export const sfnClient = /* @__PURE__ */ once(() => tracer.captureAWSv3Client(new SFNClient({})));

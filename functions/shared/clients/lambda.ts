import { LambdaClient } from '@aws-sdk/client-lambda';
import { once, tracer } from './tracer.ts';

/** Lambda (the timeline invokes the publish function); AWS_ENDPOINT_URL_LAMBDA points it at the local stack. */
export const lambdaClient = /* @__PURE__ */ once(() => tracer.captureAWSv3Client(new LambdaClient({})));

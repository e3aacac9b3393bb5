import { LambdaClient } from '@aws-sdk/client-lambda';
import { once } from './once.ts';

/** Lambda (the timeline invokes the publish function); AWS_ENDPOINT_URL_LAMBDA points it at the local stack. */
export const lambdaClient = /* @__PURE__ */ once(() => new LambdaClient({}));

import { SFNClient } from '@aws-sdk/client-sfn';
import { once } from './once.ts';

/** Step Functions (the campaign timeline); AWS_ENDPOINT_URL_SFN points it at the local emulator. */
export const sfnClient = /* @__PURE__ */ once(() => new SFNClient({}));

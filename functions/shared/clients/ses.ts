import { SESClient } from '@aws-sdk/client-ses';
import { once } from './once.ts';

export const sesClient = /* @__PURE__ */ once(() => new SESClient({}));

import type { Server } from 'node:http';
import { createRequire } from 'node:module';
// A CommonJS module: its default import types module.exports, the object whose `default` is the server.
import type sesServer from 'aws-ses-v2-local';
import type * as SesStore from 'aws-ses-v2-local/dist/store.js';
import type { Email } from 'aws-ses-v2-local/dist/store.js';

/**
 * SES is aws-ses-v2-local, in this process: SES v1 and v2 SendEmail/SendRawEmail, emails kept in
 * memory only (they are gone after a restart) and read by the local inbox page. It validates no
 * address: the handlers must.
 */

const require = createRequire(import.meta.url);

export type SentEmail = Email;

export interface LocalSes {
  url: string;
  /** Sent emails, oldest first. */
  emails(): readonly SentEmail[];
  stop(): Promise<void>;
}

export async function startSes(options: { port: number }): Promise<LocalSes> {
  const { default: server } = require('aws-ses-v2-local') as typeof sesServer;
  const { getStoreReadonly } = require('aws-ses-v2-local/dist/store.js') as typeof SesStore;
  const http: Server = await server({ host: '127.0.0.1', port: options.port });
  return {
    url: `http://127.0.0.1:${options.port}`,
    emails: () => getStoreReadonly().emails,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        http.close((error) => (error ? reject(error) : resolve()));
        http.closeAllConnections();
      }),
  };
}

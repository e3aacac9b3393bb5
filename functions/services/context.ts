import { ApplicationStore } from '../adapters/application-store.ts';
import { CampaignStore } from '../adapters/campaign-store.ts';
import { MailQueue } from '../adapters/mail-queue.ts';
import { dynamoClient } from '../shared/clients/dynamo.ts';
import { sqsClient } from '../shared/clients/sqs.ts';
import type { Clients } from '../shared/clients.ts';
import { env, type Env } from '../shared/env.ts';

export interface AppContext {
  env: Env;
  clients: Clients;
  applications: ApplicationStore;
  campaigns: CampaignStore;
  /** Queues each automated email once (functions/mail sends them at SES's rate). */
  mailer: MailQueue;
}

let context: AppContext | undefined;

/** Clients and stores built once per cold start and shared by every invocation. */
export function appContext(): AppContext {
  if (!context) {
    const e = env();
    const clients = { dynamo: dynamoClient() };
    context = {
      env: e,
      clients,
      applications: new ApplicationStore(clients.dynamo, e.TABLE_NAME),
      campaigns: new CampaignStore(clients.dynamo, e.TABLE_NAME),
      mailer: new MailQueue(clients.dynamo, sqsClient(), e.TABLE_NAME, e.MAIL_QUEUE_URL),
    };
  }
  return context;
}

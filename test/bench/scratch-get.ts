import os from 'node:os';
import path from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { startLocalStack } from '../../infra/local/stack.ts';
import { ApplicantClient, validRelease } from '../support/api-client.ts';
import { completeFields } from '../support/fixtures.ts';
import { openTestCampaign } from '../support/seed.ts';
import { cpuSecondsUnder, ownCpuSeconds } from './measure.ts';
const dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'pg-')), 'stack');
const log = console.log; console.log = () => undefined;
const stack = await startLocalStack({ dataDir, ports: 'auto', quiet: true });
await openTestCampaign(stack);
const client = new ApplicantClient(stack.urls.front);
await client.create({ ...completeFields() });
for (let i = 0; i < 50; i++) await client.get();
const measure = async (name: string, n: number, fn: () => Promise<unknown>) => {
  const o = ownCpuSeconds(); const e = await cpuSecondsUnder(dataDir); const t = performance.now();
  for (let i = 0; i < n; i++) await fn();
  log(name, 'ms/req', ((performance.now() - t) / n).toFixed(1), 'own cpu ms', (((ownCpuSeconds() - o) / n) * 1000).toFixed(1), 'emu cpu ms', ((((await cpuSecondsUnder(dataDir)) - e) / n) * 1000).toFixed(1));
};
log('MARKS', String(process.hrtime.bigint()/1000n));
await measure('GET application', 400, () => client.get());
log('MARKS', String(process.hrtime.bigint()/1000n));
await measure('PATCH application', 100, () => client.call('PATCH', `/api/applications/${client.id}`, { initiative: { name: 'Essai ' + Math.random() } }));
await measure('POST upload slot', 50, () => client.slot({ kind: 'photo', slot: 1, contentType: 'image/jpeg', size: 1000 }));

log('MARKS', String(process.hrtime.bigint()/1000n));
await stack.stop();

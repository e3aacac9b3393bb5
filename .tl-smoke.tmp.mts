import { startLocalStack } from './infra/local/stack.ts';
import { issueToken } from './infra/local/cognito.ts';
import { defaultCampaignInput } from './functions/domain/campaign-config.ts';
const t0 = Date.now();
const stack = await startLocalStack({ dataDir: '/tmp/tl/data-smoke2', ports: 'auto', quiet: false });
console.log('started in', Date.now() - t0, stack.urls);
try {
  const tokens = await issueToken({ url: stack.urls.cognito, clientId: stack.cognito.clientId }, stack.admin.email, stack.admin.password);
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${stack.urls.front}${path}`, { method, headers: { authorization: `Bearer ${tokens.idToken}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, body: await res.json() as any };
  };
  const created = await api('POST', '/api/admin/campaigns', defaultCampaignInput(2027));
  console.log('created', created.status, created.body.campaign?.id, created.body);
  const id = created.body.campaign.id;
  const opened = await api('POST', `/api/admin/campaigns/${id}/open`);
  console.log('opened', opened.status, JSON.stringify(opened.body).slice(0, 600));
  await new Promise((r) => setTimeout(r, 500));
  console.log('clock', await (await fetch(`${stack.urls.front}/_local/clock`)).json());
  const adv = await fetch(`${stack.urls.front}/_local/clock`, { method: 'POST', body: JSON.stringify({ to: '2027-07-01T00:00' }) });
  console.log('advance', adv.status, JSON.stringify(await adv.json(), null, 1).slice(0, 4000));
  console.log(stack.stepFunctions.list());
  console.log((await api('GET', `/api/admin/campaigns/${id}`)).body);
} finally {
  await stack.stop();
}

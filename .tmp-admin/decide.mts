import { readFileSync } from 'node:fs';
import { AdminClient } from '../test/support/admin-seed.ts';
const s = JSON.parse(readFileSync('/tmp/dev-stack.json', 'utf8'));
const admin = await AdminClient.signIn(s);
const list = await admin.call<{ rows: { id: string; status: string }[]; campaign: { id: string } }>('GET', '/api/admin/applications?status=complete');
console.log(list.status, list.body.rows.length);
const r = await admin.call('POST', '/api/admin/decisions', { campaignId: list.body.campaign.id, ids: list.body.rows.map((r) => r.id), outcome: 'selected', relevance: 'ok' });
console.log(r.status, JSON.stringify(r.body).slice(0, 200));
process.exit(0);

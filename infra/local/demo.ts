import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { campaignInputSchema, defaultCampaignInput, MAX_SPAN_DAYS } from '../../functions/domain/campaign-config.ts';
import type { CampaignRecord } from '../../functions/domain/timeline.ts';
import { syntheticJpeg } from '../../test/bench/images.ts';
import { ApplicantClient } from '../../test/support/api-client.ts';
import type { AdvanceReport } from './clock.ts';
import { paris } from './clock.ts';
import { issueToken } from './cognito.ts';
import { DEMO_ENTERPRISES, demoEmail } from './demo-data.ts';
import { readState, runningPid } from './state.ts';

/**
 * `npm run demo`: a whole demo campaign on the local platform. Against the running `npm start`
 * (or, if none runs, a local stack of its own on .local/, left running at the end): signs in as the
 * local admin, creates and opens a campaign through the admin API, files twelve fictional
 * applications through the public API (photos generated, release signed online, sent), walks the
 * simulated clock past the deadline, decides (most selected), and walks it to the launch.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
// .local/ as npm start uses it (AVENIR_DATA_DIR: another data dir, e.g. to try the demo aside).
const dataDir = process.env.AVENIR_DATA_DIR ? path.resolve(process.env.AVENIR_DATA_DIR) : path.join(ROOT, '.local');
const say = (text: string) => console.log(text);

// --- The platform: the running one, or our own ----------------------------------------------
let front: string;
let cognito: { url: string; clientId: string };
let admin: { email: string; password: string };
let ownStack: { stop(): Promise<void> } | undefined;

const state = await readState(dataDir);
if (runningPid(state) && state.running && state.cognito) {
  front = `http://localhost:${state.running.ports.front}`;
  cognito = { url: `http://127.0.0.1:${state.running.ports.cognito}`, clientId: state.cognito.clientId };
  admin = JSON.parse(await readFile(path.join(dataDir, 'admin.json'), 'utf8')) as typeof admin;
  say(`Plateforme locale trouvée : ${front}`);
} else {
  say('Aucune plateforme locale ne tourne : démarrage d’une plateforme dans .local/ (elle restera ouverte à la fin)…');
  const { startLocalStack } = await import('./stack.ts');
  const stack = await startLocalStack({ dataDir, quiet: true });
  ownStack = stack;
  front = stack.urls.front;
  cognito = { url: stack.urls.cognito, clientId: stack.cognito.clientId };
  admin = stack.admin;
}

const { idToken } = await issueToken(cognito, admin.email, admin.password);
say(`Connecté à la console comme ${admin.email}.`);

async function api<T>(method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${front}${route}`, {
    method,
    headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T & { message?: string };
  if (res.status >= 300) throw new Error(`${method} ${route} : ${res.status} ${json.message ?? ''}`);
  return json;
}

async function clockNow(): Promise<Date> {
  return new Date(((await (await fetch(`${front}/_local/clock`)).json()) as { now: string }).now);
}

async function walk(to: DateTime, label: string): Promise<void> {
  const res = await fetch(`${front}/_local/clock`, { method: 'POST', body: JSON.stringify({ to: to.toISO() }) });
  const report = (await res.json()) as AdvanceReport & { message?: string };
  if (res.status !== 200) throw new Error(report.message);
  const counts = new Map<string, number>();
  for (const run of report.ran) counts.set(run.state, (counts.get(run.state) ?? 0) + 1);
  const failed = report.ran.filter((r) => r.outcome === 'error');
  say(`\n⏩ ${label} : horloge simulée au ${paris(new Date(report.now))}`);
  for (const [state, count] of counts) say(`   ${state}${count > 1 ? ` ×${count}` : ''}`);
  for (const run of failed) say(`   ✗ ${run.state} : ${run.error}`);
}

// --- The campaign ---------------------------------------------------------------------------
// The next call whose deadline is at least three weeks ahead; opened within a year of its voting close.
const now = DateTime.fromJSDate(await clockNow(), { zone: 'Europe/Paris' });
let year = now.year;
while (DateTime.fromISO(defaultCampaignInput(year).deadline, { zone: 'Europe/Paris' }) < now.plus({ days: 21 })) year += 1;
const input = campaignInputSchema.parse({ ...defaultCampaignInput(year), title: `Nos territoires ont de l'avenir ${year} (démo)` });
// A Step Functions execution lasts a year at most: the campaign opens within a year of its voting close.
const earliestOpening = DateTime.fromISO(`${input.votingClose}T23:59:59`, { zone: 'Europe/Paris' }).minus({ days: MAX_SPAN_DAYS - 1 });
if (now < earliestOpening) await walk(earliestOpening, 'Avance jusqu’à une date d’ouverture possible');

const { campaign: draft } = await api<{ campaign: CampaignRecord }>('POST', '/api/admin/campaigns', input);
const { campaign } = await api<{ campaign: CampaignRecord }>('POST', `/api/admin/campaigns/${draft.id}/open`);
say(`\nCampagne « ${campaign.title} » ouverte (${campaign.id}).`);
say(`   date limite ${paris(new Date(campaign.dates.deadline))}, annonce ${paris(new Date(campaign.dates.notification))}, lancement ${paris(new Date(campaign.dates.launch))}`);

// --- Twelve applications through the public API ---------------------------------------------
say(`\nDépôt de ${DEMO_ENTERPRISES.length} candidatures (photos générées, décharge signée en ligne, envoi)…`);
const ids: string[] = [];
let next = 0;
const file = async () => {
  while (next < DEMO_ENTERPRISES.length) {
    const index = next++;
    const enterprise = DEMO_ENTERPRISES[index]!;
    const { company, contact, initiative } = enterprise.fields;
    const client = new ApplicantClient(front);
    await client.create({ company, contact: { ...contact, email: demoEmail(enterprise) }, initiative }, randomUUID());
    const photos = await Promise.all([1, 2, 3, 4].map((slot) => syntheticJpeg(1200, 800, index * 10 + slot)));
    await Promise.all(photos.map((photo, i) => client.uploadPhoto(i + 1, photo)));
    await client.waitFor((v) => v.photos.filter((p) => p.state === 'ready').length === 4, 60_000);
    const signed = await client.call('POST', `/api/applications/${client.id}/release`, {
      lastName: contact.lastName,
      firstName: contact.firstName,
      role: contact.role,
      organisation: company.name,
      imageCount: 4,
      consentsObtained: true,
      authorisePlatform: true,
      authoriseSocial: true,
      authoriseAllMedia: true,
      acknowledgesNoHarm: true,
      place: company.city,
      approval: 'Lu et approuvé',
    });
    if (signed.status !== 200) throw new Error(`décharge de ${company.name} : ${signed.status} ${JSON.stringify(signed.body)}`);
    const sent = await client.call<{ status: string }>('POST', `/api/applications/${client.id}/submit`);
    ids[index] = client.id;
    say(`   ${sent.body.status === 'complete' ? '✓' : '✗'} ${company.name} (${company.city}, ${company.region}) — « ${initiative.name} »`);
  }
};
await Promise.all([file(), file(), file()]);

// --- The timeline, on the simulated clock ---------------------------------------------------
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' });
await walk(at(campaign.dates.deadline).plus({ seconds: 1 }), 'Date limite passée');

say('\nDécisions de l’équipe :');
for (const [index, enterprise] of DEMO_ENTERPRISES.entries()) {
  await api('PUT', `/api/admin/applications/${ids[index]}/decision`, {
    outcome: enterprise.selected ? 'selected' : 'not-selected',
    relevance: 'Initiative en plein dans l’axe choisi.',
    results: 'Résultats chiffrés et durables.',
    comment: enterprise.comment || undefined,
  });
  say(`   ${enterprise.selected ? 'retenue    ' : 'non retenue'}  ${enterprise.fields.company.name}`);
}

await walk(at(campaign.dates.notification), 'Annonce des décisions');
await walk(at(campaign.dates.launch), 'Lancement du site');

say(`
Démo prête. Les e-mails envoyés (relances, décisions, lancement) : ${front}/_local/inbox
Console : ${front}/admin/ (${admin.email})
L'horloge simulée reste au lancement ; npm run clock -- ${input.votingClose}T23:59:59 puis +1m clôt les votes.`);

if (ownStack) {
  say('\nLa plateforme reste ouverte : Ctrl-C pour l’arrêter.');
  const stop = () => void ownStack!.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  process.exit(0);
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { DateTime } from 'luxon';
import { slugify } from '../../functions/domain/article.ts';
import { campaignInputSchema, defaultCampaignInput, MAX_SPAN_DAYS } from '../../functions/domain/campaign-config.ts';
import type { CampaignRecord } from '../../functions/domain/timeline.ts';
import { syntheticJpeg } from '../../test/bench/images.ts';
import { ApplicantClient } from '../../test/support/api-client.ts';
import type { AdvanceReport } from './clock.ts';
import { paris } from './clock.ts';
import { adminApi } from './admin-api-client.ts';
import { DEMO_ENTERPRISES, demoArticle, demoEmail, type DemoEnterprise } from './demo-data.ts';
import { portsFromEnv } from './ports.ts';
import { localDataDir, readState, runningPid, shownDataDir } from './state.ts';

/**
 * `npm run demo`: a whole demo campaign on the local platform. Against the running `npm start`
 * (or, if none runs, a local stack of its own on .local/ or AVENIR_DATA_DIR, on npm start's ports
 * and their variables, left running at the end): signs in as the
 * local admin, creates and opens a campaign through the admin API, files twelve fictional
 * applications through the public API (photos generated, release signed online, sent), walks the
 * simulated clock past the deadline, decides (most selected), walks it to the announcement, writes
 * and sends each selected initiative's article through the console's API, has the enterprises answer
 * through the validation API (the link of the email in the local inbox), walks it to the launch and
 * checks that the public home page shows the published initiatives.
 *
 * `runDemo` does it against any local stack (the integration tests give theirs); the script entry at
 * the bottom finds or starts the stack of .local/.
 */

export interface DemoTarget {
  /** The local front, e.g. http://localhost:3000. */
  front: string;
  cognito: { url: string; clientId: string; region?: string };
  /** The local admin. */
  admin: { email: string; password: string };
}

export interface DemoFile {
  id: string;
  company: string;
  initiative: string;
  selected: boolean;
  /** The article's state at the launch (selected files only). */
  article?: 'approved' | 'awaiting-answer';
}

export interface DemoResult {
  campaign: CampaignRecord;
  files: DemoFile[];
  /** Pages of the initiatives whose article was approved: what the launch publishes. */
  published: string[];
  /** Initiative pages linked from the public home page (its « À découvrir », six at most). */
  home: string[];
  /** Initiative pages listed on the search page (`/recherche/`, every published initiative from A to Z). */
  listed: string[];
  /** Public votes confirmed after the launch. */
  votes: number;
}

interface ArticleScreen {
  record: { version: number; revision: number; status: string } | null;
  photos: { slot: number }[];
  sendRefusal: string | null;
}

interface ValidationView {
  version: number;
  status: string;
  canAnswer: boolean;
  approved: { at: string; by: string } | null;
}

interface InboxEmail {
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
}

/** The distinct initiative pages a page of the site links to. */
export function initiativeLinks(html: string): string[] {
  return [...new Set([...html.matchAll(/href="(\/initiatives\/[^"#?]+)"/g)].map((m) => m[1]!))];
}

export async function runDemo(target: DemoTarget, options: { say?: (text: string) => void } = {}): Promise<DemoResult> {
  const { front, admin } = target;
  const say = options.say ?? ((text: string) => console.log(text));

  const api = await adminApi(target);
  say(`Connecté à la console comme ${admin.email}.`);

  /** The enterprise's side: the validation API with the token of its emailed link. */
  async function validation<T>(token: string, method: string, route: string, body?: unknown): Promise<T> {
    const res = await fetch(`${front}${route}`, {
      method,
      headers: { 'x-validation-token': token, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T & { message?: string };
    if (res.status >= 300) throw new Error(`${method} ${route} : ${res.status} ${json.message ?? ''}`);
    return json;
  }

  /** The token of the latest validation link emailed to `address` (the local inbox, oldest first). */
  async function validationToken(address: string): Promise<string> {
    const { emails } = (await (await fetch(`${front}/_local/inbox.json`)).json()) as { emails: InboxEmail[] };
    for (const email of [...emails].reverse()) {
      if (!email.destination.to.some((to) => to.includes(address))) continue;
      const token = /\/validation\/#jeton=([A-Za-z0-9_-]+)/.exec(
        `${email.body.text ?? ''} ${email.body.html ?? ''}`,
      )?.[1];
      if (token) return token;
    }
    throw new Error(`Aucun lien de validation d'article dans la boîte locale pour ${address}.`);
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
  while (DateTime.fromISO(defaultCampaignInput(year).deadline, { zone: 'Europe/Paris' }) < now.plus({ days: 21 }))
    year += 1;
  const input = campaignInputSchema.parse({
    ...defaultCampaignInput(year),
    title: `Nos territoires ont de l'avenir ${year} (démo)`,
  });
  // A Step Functions execution lasts a year at most: the campaign opens within a year of its voting close.
  const earliestOpening = DateTime.fromISO(`${input.votingClose}T23:59:59`, { zone: 'Europe/Paris' }).minus({
    days: MAX_SPAN_DAYS - 1,
  });
  if (now < earliestOpening) await walk(earliestOpening, 'Avance jusqu’à une date d’ouverture possible');

  const { campaign: draft } = await api<{ campaign: CampaignRecord }>('POST', '/api/admin/campaigns', input);
  const { campaign } = await api<{ campaign: CampaignRecord }>('POST', `/api/admin/campaigns/${draft.id}/open`);
  say(`\nCampagne « ${campaign.title} » ouverte (${campaign.id}).`);
  say(
    `   date limite ${paris(new Date(campaign.dates.deadline))}, annonce ${paris(new Date(campaign.dates.notification))}, lancement ${paris(new Date(campaign.dates.launch))}`,
  );

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
      if (signed.status !== 200)
        throw new Error(`décharge de ${company.name} : ${signed.status} ${JSON.stringify(signed.body)}`);
      const sent = await client.call<{ status: string }>('POST', `/api/applications/${client.id}/submit`);
      ids[index] = client.id;
      say(
        `   ${sent.body.status === 'complete' ? '✓' : '✗'} ${company.name} (${company.city}, ${company.region}) — « ${initiative.name} »`,
      );
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

  // --- The articles: written in the console, validated by the enterprises ------------------------
  // « Envoyer pour validation » works from the announcement to the validation end: the team writes
  // each article and sends it; the enterprise opens the link of its email and answers.
  say('\nArticles : rédigés par l’équipe, envoyés pour validation, réponses des entreprises :');
  const files: DemoFile[] = DEMO_ENTERPRISES.map((enterprise, index) => ({
    id: ids[index]!,
    company: enterprise.fields.company.name,
    initiative: enterprise.fields.initiative.name,
    selected: enterprise.selected,
  }));
  const published: string[] = [];

  /** Saves the working copy as the console does (GET, then PUT on its revision), sends that version, returns the link's token. */
  const writeAndSend = async (
    id: string,
    enterprise: DemoEnterprise,
    version: 'first' | 'revised',
  ): Promise<string> => {
    const screen = await api<ArticleScreen>('GET', `/api/admin/applications/${id}/article`);
    const saved = await api<ArticleScreen>('PUT', `/api/admin/applications/${id}/article`, {
      article: demoArticle(enterprise, version),
      revision: screen.record?.revision,
    });
    if (saved.sendRefusal) throw new Error(`Article de ${enterprise.fields.company.name} : ${saved.sendRefusal}`);
    await api('POST', `/api/admin/applications/${id}/article/send`, { version: saved.record!.version });
    return validationToken(demoEmail(enterprise));
  };

  for (const [index, enterprise] of DEMO_ENTERPRISES.entries()) {
    if (!enterprise.selected) continue;
    const spec = enterprise.article;
    if (!spec)
      throw new Error(
        `${enterprise.fields.company.name} est retenue mais n'a pas d'article dans infra/local/demo-data.ts.`,
      );
    const id = ids[index]!;
    const { firstName, lastName } = enterprise.fields.contact;
    const signer = `${firstName} ${lastName}`;
    const name = enterprise.fields.company.name;
    let token = await writeAndSend(id, enterprise, 'first');
    let view = await validation<ValidationView>(token, 'GET', '/api/validation');
    if (spec.answer.kind === 'none') {
      files[index]!.article = 'awaiting-answer';
      say(`   … ${name} : version ${view.version} envoyée, toujours sans réponse de l’entreprise`);
      continue;
    }
    if (spec.answer.kind === 'changes') {
      await validation(token, 'POST', '/api/validation/changes', {
        version: view.version,
        comments: spec.answer.comments,
      });
      say(`   ↺ ${name} : version ${view.version} envoyée, modifications demandées par ${signer}`);
      token = await writeAndSend(id, enterprise, 'revised');
      view = await validation<ValidationView>(token, 'GET', '/api/validation');
    }
    if (!view.canAnswer)
      throw new Error(
        `Article de ${name} : la version ${view.version} ne peut pas être validée (statut ${view.status}).`,
      );
    const approved = await validation<ValidationView>(token, 'POST', '/api/validation/approve', {
      version: view.version,
      name: signer,
    });
    if (!approved.approved)
      throw new Error(`Article de ${name} : la validation de la version ${view.version} n'a pas été enregistrée.`);
    files[index]!.article = 'approved';
    published.push(
      `/initiatives/${slugify(demoArticle(enterprise, spec.answer.kind === 'changes' ? 'revised' : 'first').title)}/`,
    );
    say(`   ✓ ${name} : version ${view.version} validée par ${signer}`);
  }

  await walk(at(campaign.dates.launch), 'Lancement du site');

  // --- The public site, as a visitor gets it ----------------------------------------------------
  const page = async (route: string): Promise<string> => {
    const res = await fetch(`${front}${route}`);
    if (res.status !== 200)
      throw new Error(`Le site public répond ${res.status} à ${front}${route} après le lancement.`);
    return res.text();
  };
  const home = initiativeLinks(await page('/'));
  if (!home.length) {
    throw new Error(
      `La page d'accueil du site public (${front}/) ne présente aucune initiative après le lancement, alors que ${published.length} article(s) ont été validés. ` +
        `La publication du lancement a-t-elle échoué ? Voir le journal de npm start et ${front}/_local/invalidations.`,
    );
  }
  const listed = initiativeLinks(await page('/recherche/'));
  const missing = published.filter((p) => !listed.includes(p));
  if (missing.length)
    throw new Error(`Initiatives validées absentes du site public (${front}/recherche/) : ${missing.join(', ')}.`);

  // --- The public vote: a few visitors vote through the site's API (an emailed link each) -----------
  const votes = await demoVotes(
    front,
    campaign.id,
    files.filter((f) => f.article === 'approved'),
  );
  say(
    `\nVote du public : ${votes} votes confirmés (lien reçu par e-mail, puis confirmé), répartis sur les initiatives en ligne.`,
  );

  const pending = files.filter((f) => f.article === 'awaiting-answer');
  say(`
Site public : ${front}/ — ${listed.length} initiatives en ligne, dont ${home.length} à la une de l'accueil.${
    pending.length
      ? `\nSans validation avant la date limite, donc non publiée(s) : ${pending.map((f) => `« ${f.initiative} » (${f.company})`).join(', ')}.`
      : ''
  }
Les e-mails envoyés (relances, décisions, articles, lancement) : ${front}/_local/inbox
Console : ${front}/admin/ (${admin.email})
L'horloge simulée reste au lancement ; npm run clock -- ${input.votingClose}T23:59:59 puis +1m clôt les votes.`);

  return { campaign, files, published, home, listed, votes };
}

/**
 * Votes as visitors cast them (POST /api/votes, the link from the local inbox, POST /api/votes/confirm):
 * 5, 3, 3, 2, 1… for the online initiatives in order, each from its own fictional address, so that
 * once the vote closes `/resultats/` has winners, and a tie.
 */
async function demoVotes(front: string, campaignId: string, online: DemoFile[]): Promise<number> {
  const post = (route: string, body: unknown) =>
    fetch(`${front}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const plan = [5, 3, 3, 2, 1];
  let confirmed = 0;
  for (const [i, file] of online.entries()) {
    for (let n = 0; n < (plan[i] ?? 1); n++) {
      // Per campaign: a second demo on the same data gets its own voters.
      const address = `visiteur.${i + 1}.${n + 1}.${campaignId.slice(0, 8)}@example.org`;
      const asked = await post('/api/votes', { initiativeId: file.id, email: address });
      if (asked.status !== 202)
        throw new Error(`Vote refusé pour « ${file.initiative} » : ${asked.status} ${await asked.text()}`);
      const { emails } = (await (await fetch(`${front}/_local/inbox.json`)).json()) as { emails: InboxEmail[] };
      const link = emails
        .filter((e) => e.destination.to.some((to) => to.includes(address)))
        .map((e) => /\/voter\/confirmation\/#jeton=([\w-]+)/.exec(e.body.text ?? '')?.[1])
        .find(Boolean);
      if (!link) throw new Error(`Aucun lien de vote dans la boîte locale pour ${address}.`);
      const done = await post('/api/votes/confirm', { token: link });
      if (done.status !== 200)
        throw new Error(`Confirmation refusée pour « ${file.initiative} » : ${done.status} ${await done.text()}`);
      confirmed += 1;
    }
  }
  return confirmed;
}

// --- `npm run demo`: the platform of .local/, the running one or our own ------------------------
async function main(): Promise<void> {
  // The data dir and ports of npm start (AVENIR_DATA_DIR: another data dir, e.g. to try the demo aside).
  const dataDir = localDataDir();
  let target: DemoTarget;
  let ownStack: { stop(): Promise<void> } | undefined;

  const state = await readState(dataDir);
  if (runningPid(state) && state.running && state.cognito) {
    target = {
      front: `http://localhost:${state.running.ports.front}`,
      cognito: { url: `http://127.0.0.1:${state.running.ports.cognito}`, clientId: state.cognito.clientId },
      admin: JSON.parse(await readFile(path.join(dataDir, 'admin.json'), 'utf8')) as DemoTarget['admin'],
    };
    console.log(`Plateforme locale trouvée : ${target.front}`);
  } else {
    console.log(
      `Aucune plateforme locale ne tourne : démarrage d’une plateforme dans ${shownDataDir(dataDir)} (elle restera ouverte à la fin)…`,
    );
    const { startLocalStack } = await import('./stack.ts');
    let stack: Awaited<ReturnType<typeof startLocalStack>>;
    try {
      stack = await startLocalStack({ dataDir, ports: portsFromEnv(), quiet: true });
    } catch (error) {
      console.error(`\n✗ Le démarrage local a échoué : ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
    ownStack = stack;
    target = {
      front: stack.urls.front,
      cognito: { url: stack.urls.cognito, clientId: stack.cognito.clientId },
      admin: stack.admin,
    };
  }

  try {
    await runDemo(target);
  } catch (error) {
    console.error(`\n✗ La démo a échoué : ${error instanceof Error ? error.message : String(error)}`);
    await ownStack?.stop();
    process.exit(1);
  }

  if (ownStack) {
    console.log('\nLa plateforme reste ouverte : Ctrl-C pour l’arrêter.');
    const stop = () => void ownStack!.stop().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } else {
    process.exit(0);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

import { randomUUID } from 'node:crypto';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCampaignInput } from '../../functions/domain/campaign-config.ts';
import type { CampaignRecord } from '../../functions/domain/timeline.ts';
import type { AdvanceReport } from '../../infra/local/clock.ts';
import { syntheticJpeg } from '../bench/images.ts';
import { ApplicantClient, validRelease } from '../support/api-client.ts';
import { completeFields } from '../support/fixtures.ts';
import { invokeFunction, localS3, localStack, signIn } from '../support/local-clients.ts';
import { inboxFor } from '../support/inbox.ts';

/**
 * The synthesized timeline machine over whole campaigns on the local stack, driven by the
 * simulated clock (POST /_local/clock), emails read from the local inbox. The clock is moved for
 * this file's campaigns only, and put back to the real time at the end (the stack is shared).
 */

const stack = localStack();
const front = stack.urls.front;
const ADMIN_EMAIL = stack.env.ADMIN_EMAIL!;
const run = randomUUID().slice(0, 6);
let idToken = '';
let photos: Buffer[] = [];

// The years: a non-leap year whose deadline is still ahead, then the next leap year.
const isLeap = (y: number) => DateTime.fromObject({ year: y }).isInLeapYear;
const today = DateTime.now().setZone('Europe/Paris');
let nonLeap = today.year;
while (
  isLeap(nonLeap) ||
  DateTime.fromISO(defaultCampaignInput(nonLeap).deadline, { zone: 'Europe/Paris' }) < today.plus({ days: 20 })
)
  nonLeap += 1;
let leap = nonLeap + 1;
while (!isLeap(leap)) leap += 1;

const inbox = (address: string) => inboxFor(front, address);
const subjects = async (address: string) => (await inbox(address)).map((e) => e.subject);

async function admin<T = { campaign: CampaignRecord }>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${front}${path}`, {
    method,
    headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function clock(to: string, campaignId?: string): Promise<AdvanceReport> {
  const res = await fetch(`${front}/_local/clock`, { method: 'POST', body: JSON.stringify({ to, campaignId }) });
  const body = (await res.json()) as AdvanceReport & { message?: string };
  if (res.status !== 200) throw new Error(`clock ${to}: ${body.message}`);
  return body;
}
const ranStates = (report: AdvanceReport) => report.ran.map((r) => r.state);

async function openCampaign(year: number): Promise<CampaignRecord> {
  const created = await admin('POST', '/api/admin/campaigns', {
    ...defaultCampaignInput(year),
    title: `Calendrier ${year} (test ${run})`,
  });
  expect(created.status).toBe(201);
  expect(created.body.campaign.phase).toBe('draft');
  const opened = await admin('POST', `/api/admin/campaigns/${created.body.campaign.id}/open`);
  expect(opened.status).toBe(200);
  return opened.body.campaign;
}
const campaign = async (id: string) => (await admin('GET', `/api/admin/campaigns/${id}`)).body.campaign;

/** A file with every field, 4 processed photos and the release signed online, sent. */
async function completeApplicant(email: string): Promise<ApplicantClient> {
  const client = new ApplicantClient(front);
  const fields = completeFields();
  await client.create({ ...fields, contact: { ...fields.contact, email } });
  await Promise.all(photos.map((photo, i) => client.uploadPhoto(i + 1, photo)));
  await client.waitFor((v) => v.photos.filter((p) => p.state === 'ready').length === 4);
  expect((await client.call('POST', `/api/applications/${client.id}/release`, validRelease(4))).status).toBe(200);
  expect((await client.call<{ status: string }>('POST', `/api/applications/${client.id}/submit`)).body.status).toBe(
    'complete',
  );
  return client;
}

const decide = (applicationId: string, outcome: 'selected' | 'not-selected', comment?: string) =>
  admin<{ decision?: unknown; message?: string }>('PUT', `/api/admin/applications/${applicationId}/decision`, {
    outcome,
    relevance: 'Au cœur de l’axe choisi.',
    results: 'Résultats mesurés et durables.',
    comment,
  });

/** An article for a selected file with 4 processed photos (the console's PUT /api/admin/applications/:id/article). */
const ARTICLE = {
  title: 'Un atelier vélo ouvert à tout le quartier',
  lead: 'Un atelier de réparation de vélos, ouvert à toutes et à tous au cœur du quartier.',
  body: 'Depuis deux ans, l’atelier répare les vélos du quartier avec celles et ceux qui les apportent, et forme des salariés en insertion. '.repeat(
    3,
  ),
  moreInfo: '',
  links: [],
  photoOrder: [1, 2, 3, 4],
  photoTexts: {},
};
/** The private validation link's token in an email's text. */
const tokenIn = (text: string) => /\/validation\/#jeton=([\w-]+)/.exec(text)![1]!;
const validation = async (token: string, method = 'GET', path = '', body?: unknown) => {
  const res = await fetch(`${front}/api/validation${path}`, {
    method,
    headers: { 'x-validation-token': token, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  idToken = (await signIn(stack)).idToken;
  photos = await Promise.all([1, 2, 3, 4].map((seed) => syntheticJpeg(1200, 800, seed)));
});

afterAll(async () => {
  await fetch(`${front}/_local/clock`, { method: 'POST', body: JSON.stringify({ reset: true }) });
});

describe(`a whole campaign in a year without 29 February (${nonLeap})`, () => {
  let id = '';
  const mail = {
    a: `a+${run}@example.org`,
    b: `b+${run}@example.org`,
    c: `c+${run}@example.org`,
    d: `d+${run}@example.org`,
    e: `e+${run}@example.org`,
  };
  const apps: Record<string, ApplicantClient> = {};

  it('opens through the admin API: phase open, execution started and recorded', async () => {
    const opened = await openCampaign(nonLeap);
    id = opened.id;
    expect(opened).toMatchObject({
      phase: 'open',
      datesVersion: 1,
      executionArn: expect.stringMatching(new RegExp(`:execution:Avenir-Timeline:${id}-v1$`)),
    });
    expect(opened.dates.deadline).toBe(`${nonLeap}-02-28T23:59:59+01:00`);
    // A double click on « open » starts nothing more.
    expect((await admin('POST', `/api/admin/campaigns/${id}/open`)).body.campaign.executionArn).toBe(
      opened.executionArn,
    );
    expect(
      (await admin<{ execution: { status: string } }>('GET', `/api/admin/campaigns/${id}`)).body.execution.status,
    ).toBe('RUNNING');
  });

  it('reminds 14 days before the deadline: each incomplete file gets what it lacks, complete files nothing', async () => {
    [apps.a, apps.d, apps.e] = await Promise.all([
      completeApplicant(mail.a),
      completeApplicant(mail.d),
      completeApplicant(mail.e),
    ]);
    apps.b = new ApplicantClient(front);
    const fields = completeFields();
    await apps.b.create({ ...fields, contact: { ...fields.contact, email: mail.b } });
    expect((await apps.b.call<{ status: string }>('POST', `/api/applications/${apps.b.id}/submit`)).body.status).toBe(
      'incomplete',
    );
    apps.c = new ApplicantClient(front);
    await apps.c.create({ contact: { email: mail.c } });

    const report = await clock(`${nonLeap}-02-14T09:00`, id);
    expect(report.ran.map((r) => [r.state, r.dueAt, r.outcome])).toEqual([
      ['SendReminder', `${nonLeap}-02-14T08:00:00Z`, 'ok'],
    ]);
    expect(report.ran[0]!.result).toEqual({ offset: 14, applications: 5, complete: 3, sent: 2 });

    const [b] = (await inbox(mail.b)).filter((e) => /Plus que 14 jours/.test(e.subject));
    // The completeness messages, typeset for the emails (non-breaking space before the colon, ’).
    expect(b!.body.text).toContain('- Photo 1\u00a0: à ajouter (4 photos sont demandées).');
    expect(b!.body.text).toContain('- Décharge droit à l’image\u00a0: à signer en ligne ou à déposer signée.');
    expect(b!.body.text).not.toContain('Nom de l’entreprise');
    expect(b!.body.text).toMatch(/\/candidater\/#dossier=[0-9a-f-]{36}&jeton=/);
    const [c] = (await inbox(mail.c)).filter((e) => /Plus que 14 jours/.test(e.subject));
    expect(c!.body.text).toContain(
      '- L’entreprise\u00a0: nom, adresse, code postal, ville, région et département à renseigner.',
    );
    expect(c!.body.text).toContain('- Téléphone\u00a0: champ obligatoire.');
    expect(c!.body.text).toContain('pensez à cliquer sur «\u00a0J’envoie mon dossier\u00a0»');
    for (const complete of [mail.a, mail.d, mail.e])
      expect((await subjects(complete)).filter((s) => /^Plus qu/.test(s))).toEqual([]);
  });

  it('closes at the deadline: the form refuses changes, incomplete files (drafts included) are told they are not processed', async () => {
    const report = await clock(`${nonLeap}-03-01T00:00:00`, id);
    expect(ranStates(report)).toEqual(['SendReminder', 'SendReminder', 'CloseApplications']);
    expect(report.ran.at(-1)!.result).toEqual({ applications: 5, complete: 3, notProcessed: 2 });
    expect((await campaign(id)).phase).toBe('review');
    for (const address of [mail.b, mail.c]) {
      const got = await subjects(address);
      expect(got.filter((s) => /^Plus qu/.test(s))).toHaveLength(3);
      expect(got.filter((s) => /ne pourra pas être examiné/.test(s))).toHaveLength(1);
    }
    expect((await inbox(mail.c)).find((e) => /ne pourra pas/.test(e.subject))!.body.text).toContain(
      'Le dossier n’avait pas été envoyé',
    );
    for (const address of [mail.a, mail.d, mail.e])
      expect((await subjects(address)).filter((s) => /ne pourra pas/.test(s))).toEqual([]);
    const refused = await apps.a!.call<{ message: string }>('PATCH', `/api/applications/${apps.a!.id}`, {
      company: { city: 'Lyon 7e' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/clos/);
  });

  it('refuses to change the date of a step already done; moving a future date restarts the timeline (new version)', async () => {
    const current = await campaign(id);
    const past = await admin<{ issues: { field: string; message: string }[] }>('PUT', `/api/admin/campaigns/${id}`, {
      ...current.input,
      deadline: `${nonLeap}-03-05`,
    });
    expect(past.status).toBe(400);
    expect(past.body.issues).toEqual([
      {
        field: 'deadline',
        message: expect.stringMatching(
          /^Date limite de dépôt\u00a0: cette étape a déjà eu lieu \(le 1er mars \d{4}\)\u202f; sa date ne peut plus être modifiée\.$/,
        ),
      },
    ]);

    const moved = await admin('PUT', `/api/admin/campaigns/${id}`, {
      ...current.input,
      notification: `${nonLeap}-03-17`,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.campaign).toMatchObject({
      datesVersion: 2,
      executionArn: expect.stringMatching(/-v2$/),
      dates: { notification: `${nonLeap}-03-17T09:00:00+01:00` },
    });
    const sfn = new SFNClient({
      endpoint: stack.urls.stepFunctions,
      region: stack.env.AWS_REGION,
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn: current.executionArn! }))).status).toBe(
      'ABORTED',
    );
    expect(
      (await sfn.send(new DescribeExecutionCommand({ executionArn: moved.body.campaign.executionArn! }))).status,
    ).toBe('RUNNING');
    // Nothing done is redone by the new execution: its Plan skipped the reminders, its close was a no-op.
    const emailsOfB = (await subjects(mail.b)).length;
    const replay = await clock(`${nonLeap}-03-16T09:00`, id);
    // The new execution's plan (which republishes the holding page) and close may only now catch up
    // with the clock: the plan only computes, the close must do nothing.
    expect(
      replay.ran.filter((r) => r.action !== 'plan' && !(r.result as { skipped?: string } | undefined)?.skipped),
    ).toEqual([]);
    expect((await subjects(mail.b)).length).toBe(emailsOfB);
    expect((await campaign(id)).phase).toBe('review');
  });

  it('holds every decision while a complete file is undecided: the team is alerted, applicants get nothing; then all go at once', async () => {
    expect((await decide(apps.a!.id, 'selected')).status).toBe(200);
    expect((await decide(apps.e!.id, 'selected')).status).toBe(200);
    const notComplete = await decide(apps.b!.id, 'selected');
    expect(notComplete.status).toBe(409);
    expect(notComplete.body.message).toMatch(/pas complet à la date limite/);

    const check = await clock(`${nonLeap}-03-17T09:00`, id);
    expect(ranStates(check)).toEqual(['CheckDecisions', 'AlertUndecided']);
    expect(check.ran[1]!.result).toBe(`${nonLeap}-03-18T08:00:00Z`);
    const alerts = (await inbox(ADMIN_EMAIL)).filter(
      (e) => e.subject.includes(`test ${run}`) && /sans décision/.test(e.subject),
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.body.text).toContain('1 dossier complet sur 3 n’a pas encore de décision');
    for (const address of [mail.a, mail.d, mail.e])
      expect((await subjects(address)).filter((s) => /retenue|réponse/.test(s))).toEqual([]);

    expect((await decide(apps.d!.id, 'not-selected', 'Nous avons beaucoup aimé votre atelier.')).status).toBe(200);
    const notify = await clock(`${nonLeap}-03-18T09:00`, id);
    expect(ranStates(notify)).toEqual(['CheckDecisions', 'NotifyDecisions']);
    expect(notify.ran[1]!.result).toEqual({ selected: 2, notSelected: 1, sent: 3 });
    const [selected] = (await inbox(mail.a)).filter((e) => /est retenue/.test(e.subject));
    expect(selected!.body.text).toMatch(/rédiger avec vous un article/);
    expect(selected!.body.text).toContain('jusqu’au 15 mai');
    const [declined] = (await inbox(mail.d)).filter((e) => /la réponse de la fédération/.test(e.subject));
    expect(declined!.body.text).toContain('Nous avons beaucoup aimé votre atelier.');
    expect(Math.abs(selected!.at - declined!.at)).toBeLessThan(5);
    expect((await decide(apps.d!.id, 'selected')).status).toBe(409);
    expect((await campaign(id)).phase).toBe('validation');
  });

  it('reminds weekly only the enterprise that received its article, with a private link; tells the team what is not approved', async () => {
    const articleReminders = async (address: string) =>
      (await inbox(address)).filter((e) => /^Article de votre initiative/.test(e.subject));
    // A week after the announcement: no article sent yet, so nobody to remind (nothing to read).
    const first = await clock(`${nonLeap}-03-24T09:00`, id);
    expect(first.ran.map((r) => [r.state, r.dueAt?.slice(5, 10), r.result])).toEqual([
      ['SendValidationReminder', '03-24', { awaiting: 0, sent: 0 }],
    ]);
    for (const address of [mail.a, mail.e]) expect(await articleReminders(address)).toEqual([]);

    // The team writes a's article and sends it: a gets its private link.
    const saved = await admin<{ record: { version: number } }>('PUT', `/api/admin/applications/${apps.a!.id}/article`, {
      article: ARTICLE,
    });
    expect(saved.status).toBe(200);
    const sent = await admin<{ emailed: boolean }>('POST', `/api/admin/applications/${apps.a!.id}/article/send`, {
      version: saved.body.record.version,
    });
    expect(sent.body.emailed).toBe(true);
    const sendLink = tokenIn((await inbox(mail.a)).find((e) => /relire et valider/.test(e.subject))!.body.text!);

    const weekly = await clock(`${nonLeap}-05-13T09:00`, id);
    // Weekly from 24 March (a week after the 17 March announcement) to 12 May.
    expect(weekly.ran.filter((r) => r.state === 'SendValidationReminder').map((r) => r.dueAt?.slice(5, 10))).toEqual([
      '03-31',
      '04-07',
      '04-14',
      '04-21',
      '04-28',
      '05-05',
      '05-12',
    ]);
    expect(weekly.ran.at(-1)!.result).toEqual({ awaiting: 1, sent: 1, unapproved: 2 });
    const reminders = await articleReminders(mail.a);
    expect(reminders).toHaveLength(7);
    expect(await articleReminders(mail.e)).toEqual([]);
    expect((await subjects(mail.d)).filter((s) => /Article/.test(s))).toEqual([]);
    // Each reminder carries a fresh private link; the link of the send still works too.
    const links = reminders.map((e) => tokenIn(e.body.text!));
    expect(new Set(links).size).toBe(7);
    for (const token of [sendLink, links.at(-1)!]) {
      const view = await validation(token);
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({ version: 1, status: 'sent', article: { title: ARTICLE.title } });
    }
    // With the last reminder, the team gets both selected files still without an approved article.
    const warned = (await inbox(ADMIN_EMAIL)).filter(
      (e) => e.subject.includes(`test ${run}`) && /sans article validé/.test(e.subject),
    );
    expect(warned.map((e) => e.subject)).toEqual([
      expect.stringMatching(/2 initiatives retenues sans article validé, validation jusqu’au 15 mai/),
    ]);
    expect(warned[0]!.body.text).toContain(
      `article envoyé, en attente de la réponse de l’entreprise\n  ${stack.env.SITE_URL}/admin/#/dossiers/${apps.a!.id}/article`,
    );
    expect(warned[0]!.body.text).toContain(
      `aucun article envoyé\n  ${stack.env.SITE_URL}/admin/#/dossiers/${apps.e!.id}/article`,
    );

    // a approves its article before the validation end; e never gets one.
    expect((await validation(links.at(-1)!, 'POST', '/approve', { version: 1, name: 'Claire Martin' })).status).toBe(
      200,
    );
  });

  it('at the validation end the team learns what stays offline; the launch tells only the published initiative, with its page; then the votes freeze', async () => {
    const invalidations = async () =>
      ((await (await fetch(`${front}/_local/invalidations`)).json()) as { invalidations: { paths: string[] }[] })
        .invalidations;
    const published = (await invalidations()).length;
    const launch = await clock(`${nonLeap}-05-16T09:00`, id);
    expect(launch.ran.map((r) => [r.state, r.result])).toEqual([
      ['CloseValidation', { notApproved: 1 }],
      ['Launch', { selected: 2, published: 1, sent: 1 }],
    ]);
    const closedAlert = (await inbox(ADMIN_EMAIL)).filter(
      (e) => e.subject.includes(`test ${run}`) && /non publiée au lancement/.test(e.subject),
    );
    expect(closedAlert).toHaveLength(1);
    expect(closedAlert[0]!.subject).toMatch(/1 initiative retenue sans article validé/);
    expect(closedAlert[0]!.body.text).toContain(`/admin/#/dossiers/${apps.e!.id}/article`);
    expect(closedAlert[0]!.body.text).not.toContain(apps.a!.id);

    // The published initiative is told, with the link to its own page, which is online.
    const online = (await inbox(mail.a)).filter((e) => /est en ligne/.test(e.subject));
    expect(online).toHaveLength(1);
    const pageUrl = `${stack.env.SITE_URL}/initiatives/un-atelier-velo-ouvert-a-tout-le-quartier/`;
    expect(online[0]!.body.text).toContain(pageUrl);
    const page = await fetch(`${front}${new URL(pageUrl).pathname}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<h1>${ARTICLE.title}</h1>`);
    // The one without an approved article is not online, and is not told it is.
    for (const address of [mail.e, mail.d])
      expect((await subjects(address)).filter((s) => /en ligne/.test(s))).toEqual([]);

    expect((await campaign(id)).phase).toBe('launched');
    // The launch republished the site: the home page changed (holding page → showcase).
    expect((await invalidations()).slice(published).flatMap((i) => i.paths)).toContain('/');
    // Through the publish function, with the browser apps: the site bucket still holds them and the front serves them from there.
    const s3 = localS3();
    for (const key of [
      'admin/index.html',
      'candidater/index.html',
      'validation/index.html',
      'vote/widget.js',
      'voter/confirmation/index.html',
    ]) {
      await expect(
        s3.send(new HeadObjectCommand({ Bucket: stack.env.SITE_BUCKET!, Key: key })),
        key,
      ).resolves.toMatchObject({ ContentLength: expect.any(Number) });
    }
    for (const page of ['/admin/', '/candidater/', '/validation/', '/vote/widget.js'])
      expect((await fetch(`${front}${page}`)).status, page).toBe(200);

    const end = await clock(`${nonLeap}-07-01T00:00:00`, id);
    expect(ranStates(end)).toEqual(['CloseVoting']);
    const closed = await campaign(id);
    expect(closed.phase).toBe('closed');
    expect(closed.frozenAt).toMatch(new RegExp(`^${nonLeap}-06-30T22:00:00`)); // 1 July 00:00:00 Paris
    expect(
      (await admin<{ execution: { status: string } }>('GET', `/api/admin/campaigns/${id}`)).body.execution.status,
    ).toBe('SUCCEEDED');
  });

  it('re-running every task sends no email twice and moves no phase back', async () => {
    // The stack's timeline function, at the stack's simulated time.
    const handler = (event: Record<string, unknown>) => invokeFunction('timeline', event);
    const before = await campaign(id);
    const all = async () => (await Promise.all([...Object.values(mail), ADMIN_EMAIL].map(inbox))).flat().length;
    const count = await all();
    const base = { campaignId: id, datesVersion: 2 };
    const events = [
      { action: 'plan' },
      ...(
        [
          [14, '02-14'],
          [3, '02-25'],
          [1, '02-27'],
        ] as const
      ).map(([offset, day]) => ({ action: 'remind', offset, dueAt: `${nonLeap}-${day}T08:00:00Z` })),
      { action: 'close', dueAt: before.dates.deadline },
      { action: 'check-decisions', dueAt: `${nonLeap}-03-18T08:00:00Z` },
      { action: 'alert-undecided', dueAt: `${nonLeap}-03-17T08:00:00Z` },
      { action: 'notify', dueAt: `${nonLeap}-03-18T08:00:00Z` },
      { action: 'validation-reminder', dueAt: `${nonLeap}-03-24T08:00:00Z` },
      { action: 'validation-reminder', dueAt: `${nonLeap}-05-12T07:00:00Z` },
      { action: 'close-validation' },
      { action: 'launch' },
      { action: 'close-voting' },
    ];
    const holding = /seront présentées sur ce site à partir du/;
    expect(await (await fetch(`${front}/`)).text()).not.toMatch(holding);
    for (const event of events) {
      for (let i = 0; i < 2; i += 1) await handler({ ...base, ...event });
    }
    expect(await all()).toBe(count);
    // A timeline planned again after the launch (dates changed, execution lost) keeps the showcase online.
    expect(await (await fetch(`${front}/`)).text()).not.toMatch(holding);
    const after = await campaign(id);
    expect(after.phase).toBe('closed');
    expect(after.frozenAt).toBe(before.frozenAt);
    expect(after.steps).toEqual(before.steps);
    // An older execution's task (dates version 1) stops itself instead of acting.
    await expect(handler({ ...base, datesVersion: 1, action: 'launch' })).rejects.toMatchObject({ name: 'Superseded' });
    // The failure report goes to the team once per execution.
    await handler({
      ...base,
      action: 'report-failure',
      execution: `${id}-v2`,
      error: { Error: 'Boom', Cause: 'test' },
    });
    await handler({
      ...base,
      action: 'report-failure',
      execution: `${id}-v2`,
      error: { Error: 'Boom', Cause: 'test' },
    });
    expect(
      (await inbox(ADMIN_EMAIL)).filter((e) => e.subject.includes(`test ${run}`) && /erreur/.test(e.subject)),
    ).toHaveLength(1);
  });
});

describe(`a campaign in a leap year (${leap}): 29 February`, () => {
  let id = '';
  const email = `e+${run}@example.org`;
  let applicant: ApplicantClient;

  it('reminds 14, 3 and 1 days before 29 February', async () => {
    // A Standard execution lasts a year at most: open it within a year of its voting close.
    const votingClose = DateTime.fromISO(`${leap}-06-30T23:59:59`, { zone: 'Europe/Paris' });
    const { now } = (await (await fetch(`${front}/_local/clock`)).json()) as { now: string };
    const openAt = DateTime.max(DateTime.fromISO(now), votingClose.minus({ days: 360 }));
    await clock(openAt.toISO()!, 'none');
    const opened = await openCampaign(leap);
    id = opened.id;
    expect(opened.dates.deadline).toBe(`${leap}-02-29T23:59:59+01:00`);
    applicant = new ApplicantClient(front);
    await applicant.create({ contact: { email } });

    const report = await clock(`${leap}-02-28T09:00`, id);
    expect(report.ran.filter((r) => r.state === 'SendReminder').map((r) => r.dueAt)).toEqual([
      `${leap}-02-15T08:00:00Z`,
      `${leap}-02-26T08:00:00Z`,
      `${leap}-02-28T08:00:00Z`,
    ]);
    expect((await subjects(email)).filter((s) => /^Plus qu/.test(s))).toEqual([
      'Plus que 14 jours pour compléter votre dossier',
      'Plus que 3 jours pour compléter votre dossier',
      'Plus qu’un jour pour compléter votre dossier',
    ]);
  });

  it('accepts a change at 23:59:59 on 29 February and refuses it at 00:00:00 on 1 March', async () => {
    expect((await clock(`${leap}-02-29T23:59:59`, id)).ran).toEqual([]);
    const accepted = await applicant.call('PATCH', `/api/applications/${applicant.id}`, {
      company: { name: 'Atelier de la dernière seconde' },
    });
    expect(accepted.status).toBe(200);

    const close = await clock(`${leap}-03-01T00:00:00`, id);
    expect(close.ran.map((r) => [r.state, r.dueAt])).toEqual([['CloseApplications', `${leap}-02-29T23:00:00Z`]]);
    const refused = await applicant.call<{ message: string }>('PATCH', `/api/applications/${applicant.id}`, {
      company: { name: 'Trop tard' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/clos/);
    expect((await subjects(email)).filter((s) => /ne pourra pas être examiné/.test(s))).toHaveLength(1);

    const end = await clock(`${leap}-07-01T00:00:00`, id);
    // No complete file: nothing to decide, nobody to remind or tell; the timeline still runs to its end.
    expect(ranStates(end).filter((s) => s !== 'SendValidationReminder')).toEqual([
      'CheckDecisions',
      'NotifyDecisions',
      'CloseValidation',
      'Launch',
      'CloseVoting',
    ]);
    expect((await campaign(id)).phase).toBe('closed');
  });
});

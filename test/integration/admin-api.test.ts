import { GetCommand, QueryCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Article } from '../../functions/domain/article.ts';
import {
  AdminClient,
  announceDecisions,
  closeApplications,
  inboxFor,
  seedApplications,
  validationTokenFor,
} from '../support/admin-seed.ts';
import type { ApplicantClient } from '../support/api-client.ts';
import { localDynamoDb } from '../support/local-clients.ts';
import { openTestCampaign } from '../support/seed.ts';
import type { AuditEntry } from '../../functions/adapters/audit-store.ts';

const stack = inject('stack');
const front = stack.urls.front;
let admin: AdminClient;
let campaignId: string;
let files: ApplicantClient[];
const run = Date.now().toString(36);
const emailOf = (who: string) => `${who}-${run}@example.org`;

interface Row {
  id: string;
  initiative: string;
  status: string;
  decision: string;
  region: string;
}

const list = async (query: string) =>
  (await admin.call<{ rows: Row[]; total: number }>('GET', `/api/admin/applications?campaignId=${campaignId}&${query}`))
    .body;
const audit = async () =>
  (await admin.call<{ entries: AuditEntry[] }>('GET', `/api/admin/audit?campaignId=${campaignId}`)).body.entries;
const validation = (token: string, method = 'GET', path = '', body?: unknown) =>
  fetch(`${front}/api/validation${path}`, {
    method,
    headers: { 'x-validation-token': token, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  }).then(async (res) => ({
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { message?: string },
  }));

beforeAll(async () => {
  admin = await AdminClient.signIn(stack);
  campaignId = (await openTestCampaign(stack, { title: `Console ${run}` })).id;
  files = await seedApplications(stack, [
    {
      company: 'Le Pôle S',
      initiative: 'Coder dans les quartiers',
      axis: 'emploi-citoyennete',
      region: 'Île-de-France',
      email: emailOf('poles'),
    },
    {
      company: 'Bou’Sol',
      initiative: 'Boulangeries solidaires',
      axis: 'environnement-economie',
      region: 'Occitanie',
      email: emailOf('bousol'),
    },
    {
      company: 'Archer',
      initiative: 'Start-up de territoire',
      axis: 'mobilisation-cooperations',
      region: 'Auvergne-Rhône-Alpes',
      email: emailOf('archer'),
    },
    {
      company: 'Intermed',
      initiative: 'Vert(s) des choix solidaires',
      axis: 'environnement-economie',
      region: 'Bourgogne-Franche-Comté',
      email: emailOf('intermed'),
      incomplete: true,
    },
  ]);
  await closeApplications(stack, campaignId);
}, 180_000);

describe('list, dashboard and export', () => {
  it('filters by status, completeness, axis and region, searches without accents and sorts', async () => {
    expect((await list('')).total).toBe(4);
    expect((await list('status=complete')).rows).toHaveLength(3);
    expect((await list('complete=no')).rows.map((r) => r.initiative)).toEqual(['Vert(s) des choix solidaires']);
    expect((await list('axis=environnement-economie')).rows).toHaveLength(2);
    expect((await list('region=Occitanie')).rows.map((r) => r.initiative)).toEqual(['Boulangeries solidaires']);
    expect((await list('q=pole%20s')).rows.map((r) => r.initiative)).toEqual(['Coder dans les quartiers']);
    expect((await list('sort=initiative')).rows.map((r) => r.initiative)).toEqual([
      'Boulangeries solidaires',
      'Coder dans les quartiers',
      'Start-up de territoire',
      'Vert(s) des choix solidaires',
    ]);
    const invalid = await admin.call('GET', `/api/admin/applications?campaignId=${campaignId}&status=perdu`);
    expect(invalid.status).toBe(400);
  });

  it('counts per status, axis and region, against the target of 50', async () => {
    const { body } = await admin.call<Record<string, unknown>>('GET', `/api/admin/dashboard?campaignId=${campaignId}`);
    expect(body).toMatchObject({
      total: 4,
      byStatus: { complete: 3, draft: 1 },
      byAxis: { 'Environnement & nouvelle économie': 2, 'Emploi & Citoyenneté': 1 },
      byRegion: { Occitanie: 1 },
      selected: 0,
      target: 50,
      phase: 'review',
      undecided: 3,
      next: { label: 'Annonce des décisions' },
    });
  });

  it('exports the selection as CSV for Excel: BOM, semicolons, a header, an attachment', async () => {
    const res = await admin.call('GET', `/api/admin/applications.csv?campaignId=${campaignId}&status=complete`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="candidatures-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parse(res.text, { bom: true, delimiter: ';', record_delimiter: '\r\n' }) as string[][];
    expect(header!.slice(0, 3)).toEqual(['Identifiant', 'Initiative', 'Axe']);
    expect(rows).toHaveLength(3);
    // Each complete file's four photos, as links to their widest processed variant.
    for (const row of rows) {
      const photos = row[header!.indexOf('Photos')]!.split('\n');
      expect(photos).toHaveLength(4);
      for (const url of photos)
        expect(url).toMatch(new RegExp(`^${stack.env.SITE_URL}/media/${row[0]}/[1-4]/.+\\.jpg$`));
    }
  });
});

describe('decisions', () => {
  it('decides in bulk on a filtered selection; files not examined are reported, not decided', async () => {
    const rows = (await list('sort=initiative')).rows;
    const ids = (names: string[]) => rows.filter((r) => names.includes(r.initiative)).map((r) => r.id);
    const selected = await admin.call<{ decided: number; results: { id: string; ok: boolean; message?: string }[] }>(
      'POST',
      '/api/admin/decisions',
      {
        campaignId,
        ids: ids(['Coder dans les quartiers', 'Start-up de territoire', 'Vert(s) des choix solidaires']),
        outcome: 'selected',
        relevance: "En plein dans l'axe",
        results: 'Résultats chiffrés',
      },
    );
    expect(selected.status).toBe(200);
    expect(selected.body.decided).toBe(2);
    expect(selected.body.results.find((r) => !r.ok)?.message).toMatch(/pas complet à la date limite/);

    const single = await admin.call('PUT', `/api/admin/applications/${ids(['Boulangeries solidaires'])[0]}/decision`, {
      outcome: 'not-selected',
      comment: 'Hors périmètre cette année',
    });
    expect(single.status).toBe(200);
    expect((await list('decision=selected')).rows).toHaveLength(2);
    expect((await list('decision=not-selected')).rows.map((r) => r.initiative)).toEqual(['Boulangeries solidaires']);
  });

  it('shows a file with every field, its photos, a working link to its release proof and its history', async () => {
    const id = files[0]!.id;
    const { body } = await admin.call<{
      application: {
        fields: { company: { name: string } };
        decision: { outcome: string; relevance: string; decidedBy: string };
      };
      photos: { slot: number; caption: string; variants: { url: string; format: string }[] }[];
      release: { mode: string; signatory: string; file: { url: string } };
      history: { type: string; by?: string }[];
      decisionLock: string | null;
    }>('GET', `/api/admin/applications/${id}`);
    expect(body.application.fields.company.name).toBe('Le Pôle S');
    expect(body.application.decision).toMatchObject({
      outcome: 'selected',
      relevance: "En plein dans l'axe",
      decidedBy: stack.admin.email,
    });
    expect(body.decisionLock).toBeNull();
    expect(body.photos).toHaveLength(4);
    expect(body.photos[0]).toMatchObject({ slot: 1, caption: 'Atelier de Le Pôle S' });
    expect(body.photos[0]!.variants.some((v) => v.format === 'webp' && v.url.startsWith('/media/'))).toBe(true);
    expect(body.release).toMatchObject({ mode: 'online', signatory: 'Claire Martin' });
    const proof = await fetch(body.release.file.url);
    expect(proof.status).toBe(200);
    expect(
      Buffer.from(await proof.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(body.history.map((h) => h.type)).toEqual(
      expect.arrayContaining(['created', 'release', 'status', 'email', 'decision']),
    );
    expect(body.history.find((h) => h.type === 'decision')?.by).toBe(stack.admin.email);
  });
});

describe('articles and their validation by the enterprise', () => {
  const article = (
    title: string,
    body = 'Installé au cœur du quartier de la Caravelle, LePôleS centre ses actions sur l’accès à l’emploi. '.repeat(
      4,
    ),
  ): Article => ({
    title,
    lead: 'Une école du web pour les salariés en parcours des quartiers prioritaires.',
    body,
    moreInfo: 'LePôleS intègre une entreprise d’insertion et trois chantiers d’insertion.',
    links: [{ label: 'Site web', url: 'https://lepoles.example.org' }],
    photoOrder: [2, 1, 3],
    photoTexts: { '2': { caption: 'La première promotion', credit: 'Photo : LePôleS' } },
  });
  let id: string;
  let email: string;
  let revision: number;

  beforeAll(() => {
    id = files[0]!.id;
    email = emailOf('poles');
  });

  it('saves drafts, refuses a stale revision, and sends nothing before the decisions are announced', async () => {
    const first = await admin.call<{ suggestion: Article | null; record: null }>(
      'GET',
      `/api/admin/applications/${id}/article`,
    );
    expect(first.body.record).toBeNull();
    expect(first.body.suggestion).toMatchObject({ title: 'Coder dans les quartiers', photoOrder: [1, 2, 3, 4] });

    const saved = await admin.call<{ record: { version: number; status: string; revision: number } }>(
      'PUT',
      `/api/admin/applications/${id}/article`,
      { article: article('Coder dans les quartiers : le pari du PôleS') },
    );
    expect(saved.status).toBe(200);
    expect(saved.body.record).toMatchObject({ version: 1, status: 'draft' });
    revision = saved.body.record.revision;
    const stale = await admin.call('PUT', `/api/admin/applications/${id}/article`, {
      article: article('Autre titre'),
      revision: revision - 1,
    });
    expect(stale.status).toBe(409);
    const again = await admin.call<{ record: { version: number; revision: number } }>(
      'PUT',
      `/api/admin/applications/${id}/article`,
      { article: article('Coder dans les quartiers : le pari du PôleS'), revision },
    );
    expect(again.body.record.version).toBe(1);
    revision = again.body.record.revision;

    const early = await admin.call<{ message: string }>('POST', `/api/admin/applications/${id}/article/send`, {
      version: 1,
    });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/pas encore été annoncée/);
    const unknownPhoto = await admin.call('PUT', `/api/admin/applications/${id}/article`, {
      article: { ...article('Titre'), photoOrder: [7] },
      revision,
    });
    expect(unknownPhoto.status).toBe(400);
  });

  it('emails a private link once per version, however often « send » is clicked', async () => {
    await announceDecisions(stack, campaignId);
    const clicks = await Promise.all(
      [1, 2].map(() =>
        admin.call<{ emailed: boolean; record: { status: string } }>(
          'POST',
          `/api/admin/applications/${id}/article/send`,
          { version: 1 },
        ),
      ),
    );
    expect(clicks.map((c) => c.status)).toEqual([200, 200]);
    expect(clicks.map((c) => c.body.emailed).sort()).toEqual([false, true]);
    const replay = await admin.call<{ emailed: boolean }>('POST', `/api/admin/applications/${id}/article/send`, {
      version: 1,
    });
    expect(replay.body.emailed).toBe(false);
    expect((await inboxFor(stack, email)).filter((e) => e.body.text.includes('/validation/#jeton='))).toHaveLength(1);

    const token = await validationTokenFor(stack, email);
    const view = await validation(token);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      version: 1,
      status: 'sent',
      canAnswer: true,
      article: { title: 'Coder dans les quartiers : le pari du PôleS' },
    });
    const photos = view.body.photos as { slot: number; caption: string; variants: { url: string }[] }[];
    expect(photos.map((p) => p.slot)).toEqual([2, 1, 3]);
    expect(photos[0]!.caption).toBe('La première promotion');
    expect((await validation('not-a-token')).status).toBe(401);
  });

  it('records a change request once, then shows the latest version on the old link', async () => {
    const token = await validationTokenFor(stack, email);
    const request = { version: 1, comments: 'Merci de citer notre partenaire Web Force 3.' };
    const answers = await Promise.all([1, 2].map(() => validation(token, 'POST', '/changes', request)));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect((await validation(token, 'POST', '/changes', request)).status).toBe(200);
    const seen = await validation(token);
    expect(seen.body).toMatchObject({ status: 'changes-requested', comments: [{ text: request.comments }] });
    expect(
      (await inboxFor(stack, email)).filter((e) => e.subject.startsWith('Demande de modifications reçue')),
    ).toHaveLength(1);
    // The team is told once, with the request and a link to the article in the console.
    const toTeam = (await inboxFor(stack, stack.env.ADMIN_EMAIL!)).filter(
      (e) => e.subject.startsWith('Modifications demandées') && e.body.text.includes(`/admin/#/dossiers/${id}/article`),
    );
    expect(toTeam).toHaveLength(1);
    expect(toTeam[0]!.body.text).toContain(request.comments);

    // The team revises: version 2, a new email; until it is sent, the link shows version 1 without answers.
    const editor = await admin.call<{ record: { revision: number; comments: unknown[] } }>(
      'GET',
      `/api/admin/applications/${id}/article`,
    );
    expect(editor.body.record.comments).toHaveLength(1);
    const revised = await admin.call<{ record: { version: number; status: string } }>(
      'PUT',
      `/api/admin/applications/${id}/article`,
      {
        article: article(
          'Coder dans les quartiers : le pari du PôleS',
          'En partenariat avec l’école Web Force 3, LePôleS a ouvert une école du web. '.repeat(4),
        ),
        revision: editor.body.record.revision,
      },
    );
    expect(revised.body.record).toMatchObject({ version: 2, status: 'draft' });
    expect((await validation(token)).body).toMatchObject({
      version: 1,
      canAnswer: false,
      notice: expect.stringMatching(/nouvelle version/),
    });
    expect((await admin.call('POST', `/api/admin/applications/${id}/article/send`, { version: 2 })).status).toBe(200);
    expect((await inboxFor(stack, email)).filter((e) => e.body.text.includes('/validation/#jeton='))).toHaveLength(2);
    expect((await validation(token)).body).toMatchObject({ version: 2, status: 'sent', canAnswer: true });
  });

  it('records one approval with who and when, and emails it once', async () => {
    const token = await validationTokenFor(stack, email);
    const old = await validation(token, 'POST', '/approve', { version: 1, name: 'Claire Martin' });
    expect(old.status).toBe(409);
    const answers = await Promise.all(
      [1, 2].map(() => validation(token, 'POST', '/approve', { version: 2, name: 'Claire Martin' })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect((await validation(token, 'POST', '/approve', { version: 2, name: 'Claire Martin' })).body).toMatchObject({
      status: 'approved',
      approved: { by: 'Claire Martin' },
    });
    expect((await inboxFor(stack, email)).filter((e) => e.subject.startsWith('Article validé'))).toHaveLength(1);
    const toTeam = (await inboxFor(stack, stack.env.ADMIN_EMAIL!)).filter(
      (e) =>
        e.subject.startsWith('Article validé par l’entreprise') &&
        e.body.text.includes(`/admin/#/dossiers/${id}/article`),
    );
    expect(toTeam).toHaveLength(1);
    expect(toTeam[0]!.body.text).toContain('version 2');
    expect(toTeam[0]!.body.text).toContain('Claire Martin');

    const db = DynamoDBDocumentClient.from(localDynamoDb(stack));
    const item = (
      await db.send(new GetCommand({ TableName: stack.env.TABLE_NAME, Key: { pk: `APP#${id}`, sk: 'ARTICLE' } }))
    ).Item!;
    expect(item).toMatchObject({
      status: 'approved',
      version: 2,
      approvedVersion: 2,
      approvedBy: 'Claire Martin',
      article: { title: 'Coder dans les quartiers : le pari du PôleS' },
    });
    expect(Date.parse(item.approvedAt as string)).toBeGreaterThan(Date.now() - 60_000);
    const partition = (
      await db.send(
        new QueryCommand({
          TableName: stack.env.TABLE_NAME,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `APP#${id}` },
        }),
      )
    ).Items!;
    expect(
      partition
        .filter((i) => String(i.sk).startsWith('ARTICLE#V'))
        .map((i) => i.sk)
        .sort(),
    ).toEqual(['ARTICLE#V1', 'ARTICLE#V2']);
    expect(partition.find((i) => i.sk === 'META')?.articleStatus).toBe('approved');
    const history = partition.filter((i) => String(i.sk).startsWith('HIST#')).map((i) => i.type);
    expect(history.filter((t) => t === 'article-approved')).toHaveLength(1);
    expect(history.filter((t) => t === 'article-changes')).toHaveLength(1);
    expect(history.filter((t) => t === 'article-sent')).toHaveLength(2);
    db.destroy();
  });

  it('keeps an audit entry for each admin write, with who and when', async () => {
    const entries = await audit();
    const labels = entries.map((e) => e.label);
    expect(labels.filter((l) => l === 'Décisions groupées')).toHaveLength(1);
    expect(labels.filter((l) => l === 'Décision')).toHaveLength(1);
    // Three saves (the stale one failed: not recorded) and three sends (one replayed, one double click).
    expect(labels.filter((l) => l === 'Article enregistré')).toHaveLength(3);
    expect(labels.filter((l) => l === 'Article envoyé pour validation')).toHaveLength(4);
    expect(entries.every((e) => e.by === stack.admin.email && !Number.isNaN(Date.parse(e.at)))).toBe(true);
    // The Cognito sub too (one admin here): it identifies them even if an email is reused.
    expect(entries[0]?.sub).toMatch(/\S/);
    expect(entries.every((e) => e.sub === entries[0]!.sub)).toBe(true);
    const bulk = entries.find((e) => e.label === 'Décisions groupées')!;
    expect(bulk.details).toMatchObject({ outcome: 'selected', requested: 3, decided: 2 });
    expect(entries.find((e) => e.label === 'Décision')?.target?.type).toBe('application');
  });
});

import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ArticleStore } from '../../functions/adapters/article-store.ts';
import type { AuditEntryView } from '../../functions/domain/admin-views.ts';
import { slugify } from '../../functions/domain/article.ts';
import { hashToken } from '../../functions/domain/tokens.ts';
import { AdminClient } from '../support/admin-seed.ts';
import { ApplicantClient } from '../support/api-client.ts';
import { completeFields } from '../support/fixtures.ts';
import { invokeFunction, localDynamoDb } from '../support/local-clients.ts';
import { openTestCampaign } from '../support/seed.ts';
import {
  confirmVote,
  inbox,
  requestVote,
  seedVotingCampaign,
  tokensFor,
  voteCounts,
  type VotingCampaign,
} from '../support/vote-seed.ts';

/**
 * Rights of the person beyond erasure and export (issue #14), on the local stack: rectification by
 * the team with the history kept, erasure of a voter by address (the counts stay), withdrawal of a
 * published initiative, and what a file's erasure deletes outside its partition.
 */
const stack = inject('stack');
const front = stack.urls.front;
const table = stack.env.TABLE_NAME!;
const db = DynamoDBDocumentClient.from(localDynamoDb(stack));
const run = Date.now().toString(36);
let admin: AdminClient;
let campaignId: string;

const item = async (pk: string, sk: string) =>
  (await db.send(new GetCommand({ TableName: table, Key: { pk, sk }, ConsistentRead: true }))).Item;
const audit = async (scope: string) =>
  (await admin.call<{ entries: AuditEntryView[] }>('GET', `/api/admin/audit?campaignId=${scope}`)).body.entries;
const history = async (id: string) =>
  (
    await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)',
        ExpressionAttributeValues: { ':pk': `APP#${id}`, ':h': 'HIST#' },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

beforeAll(async () => {
  admin = await AdminClient.signIn(stack);
  campaignId = (await openTestCampaign(stack, { title: `Droits ${run}` })).id;
}, 120_000);
afterAll(async () => {
  // Back to the current campaign's site for the test files after this one.
  await invokeFunction('publish', {}, stack);
  db.destroy();
}, 60_000);

describe('rectification by the team (PATCH /api/admin/applications/:id/fields)', () => {
  it('corrects fields, keeps who and which fields in the history and the audit (never the values), re-evaluates without emailing', async () => {
    const applicant = new ApplicantClient(front);
    const fields = completeFields();
    const email = `rectif-${run}@example.org`;
    await applicant.create({ ...fields, contact: { ...fields.contact, email, phone: '12 34' } });
    await applicant.call('POST', `/api/applications/${applicant.id}/submit`);
    const before = (await item(`APP#${applicant.id}`, 'META'))!;
    expect(before.missing.map((m: { field: string }) => m.field)).toContain('contact.phone');
    const emails = (await inbox(front, email)).length;

    const refused = await admin.call<{ issues: { field: string }[] }>(
      'PATCH',
      `/api/admin/applications/${applicant.id}/fields`,
      { contact: { email: 'pas-une-adresse' } },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.issues.map((i) => i.field)).toEqual(['contact.email']);

    const res = await admin.call<{ changed: string[] }>('PATCH', `/api/admin/applications/${applicant.id}/fields`, {
      contact: { phone: '06 12 34 56 78', lastName: fields.contact.lastName },
      initiative: { name: 'La recyclerie du Val, corrigée' },
    });
    expect(res.status).toBe(200);
    // The name sent unchanged is not a correction.
    expect(res.body.changed).toEqual(['contact.phone', 'initiative.name']);
    const after = (await item(`APP#${applicant.id}`, 'META'))!;
    expect(after.fields.contact.phone).toBe('06 12 34 56 78');
    expect(after.fields.initiative.name).toBe('La recyclerie du Val, corrigée');
    expect(after.fields.initiative.description).toBe(fields.initiative.description);
    expect(after.missing.map((m: { field: string }) => m.field)).not.toContain('contact.phone');
    expect(after.evaluatedRevision).toBe(after.revision);

    const entry = (await history(applicant.id)).find((h) => h.type === 'rectification')!;
    expect(entry).toMatchObject({ by: stack.admin.email, fields: 'contact.phone initiative.name' });
    const audited = (await audit(campaignId)).find(
      (e) => e.action === 'PATCH /api/admin/applications/:id/fields' && e.target?.id === applicant.id,
    )!;
    expect(audited).toMatchObject({ label: 'Dossier rectifié', details: { fields: 'contact.phone initiative.name' } });
    // The journal names the file by its current name, joined when it is read (never stored in the entry).
    expect(audited.target).toMatchObject({ name: 'La recyclerie du Val, corrigée' });
    const stored = { ...audited, target: { ...audited.target, name: undefined } };
    for (const text of [JSON.stringify(entry), JSON.stringify(stored)]) {
      expect(text).not.toContain('06 12');
      expect(text).not.toContain('corrigée');
    }
    // The correction has answered; the inbox answers once the mail queue is drained, with whatever it queued.
    expect((await inbox(front, email)).length).toBe(emails);
  });
});

describe('a file erased: its items outside its partition go too', () => {
  it('deletes its email records and article validation links', async () => {
    const applicant = new ApplicantClient(front);
    const fields = completeFields();
    await applicant.create({ ...fields, contact: { ...fields.contact, email: `dehors-${run}@example.org` } });
    const welcome = `EMAIL#${applicant.id}#welcome#1`;
    await expect.poll(async () => (await item(welcome, 'EMAIL'))?.state, { timeout: 15_000 }).toBe('sent');
    const validation = hashToken(`jeton-${run}`);
    await new ArticleStore(db, table).addToken(
      validation,
      applicant.id,
      Math.floor(Date.now() / 1000) + 3600,
      new Date().toISOString(),
    );

    const res = await admin.call('DELETE', `/api/admin/applications/${applicant.id}`, {
      confirmation: 'SUPPRIMER',
      reason: 'entered-by-mistake',
    });
    expect(res.status).toBe(200);
    expect(await item(welcome, 'EMAIL')).toBeUndefined();
    expect(await item(`VALIDATION#${validation}`, 'TOKEN')).toBeUndefined();
  });
});

describe('erasure of a voter by address (DELETE /api/admin/voters)', () => {
  let campaign: VotingCampaign;
  beforeAll(async () => {
    campaign = await seedVotingCampaign(stack, {
      count: 3,
      voting: { maxPerEmail: 3, showCounts: true },
      label: `votant ${run}`,
    });
  });
  const counts = async () => (await voteCounts(front, campaign.id)).body.counts as Record<string, number>;

  it('erases their pending and confirmed votes and their counter, the counts stay, the audit keeps no address', async () => {
    const [a, b] = campaign.initiatives;
    const voter = `Camille.Votante+site-${run}@example.org`;
    // A fresh campaign: its hashes (salted with its id) share nothing with earlier runs'.
    const other = `autre-${run}@example.org`;
    for (const [initiative, who] of [
      [a!, voter],
      [b!, voter],
      [a!, other],
    ] as const)
      expect((await requestVote(front, initiative.id, who)).status).toBe(202);
    const [first, second] = await tokensFor(front, voter);
    expect((await confirmVote(front, first!)).status).toBe(200);
    const [otherToken] = await tokensFor(front, other);
    expect((await confirmVote(front, otherToken!)).status).toBe(200);
    const pendingKey = (token: string) => `VOTETOKEN#${hashToken(token)}`;
    const { emailHash } = (await item(pendingKey(first!), 'PENDING'))!;
    const shown = await counts();
    expect(shown[a!.id]).toBe(2);

    // The address as the person gives it may differ in case and tag: the same voter.
    const res = await admin.call<{ erased: Record<string, number> }>('DELETE', '/api/admin/voters', {
      email: 'CAMILLE.votante+demande@example.org',
      campaignId: campaign.id,
      reason: 'data-subject-request',
    });
    expect(res.status).toBe(200);
    expect(res.body.erased).toEqual({ pending: 2, votes: 1, voters: 1 });
    for (const token of [first!, second!]) {
      expect(await item(pendingKey(token), 'PENDING')).toBeUndefined();
      expect(await item(`EMAIL#vote:${hashToken(token)}`, 'EMAIL')).toBeUndefined();
    }
    expect(await item(`VOTE#${campaign.id}#${a!.id}#${emailHash}`, 'VOTE')).toBeUndefined();
    expect(await item(`VOTER#${campaign.id}#${emailHash}`, 'VOTER')).toBeUndefined();
    // The link not yet used opens nothing; the counts and the other voter's vote are as before.
    expect((await confirmVote(front, second!)).status).not.toBe(200);
    expect(await counts()).toEqual(shown);
    const otherHash = (await item(pendingKey(otherToken!), 'PENDING'))!.emailHash;
    expect(await item(`VOTE#${campaign.id}#${a!.id}#${otherHash}`, 'VOTE')).toBeDefined();

    const entry = (await audit(campaign.id)).find((e) => e.action === 'DELETE /api/admin/voters')!;
    expect(entry).toMatchObject({
      label: 'Données d’un votant supprimées',
      details: { reason: 'data-subject-request', pending: 2, votes: 1, voters: 1 },
    });
    expect(JSON.stringify(entry).toLowerCase()).not.toContain('camille');

    // Again: nothing left to erase.
    const again = await admin.call<{ erased: Record<string, number> }>('DELETE', '/api/admin/voters', {
      email: voter,
      campaignId: campaign.id,
      reason: 'data-subject-request',
    });
    expect(again.body.erased).toEqual({ pending: 0, votes: 0, voters: 0 });
  });

  it('refuses a malformed address and a missing reason', async () => {
    expect(
      (await admin.call('DELETE', '/api/admin/voters', { email: 'pas-une-adresse', reason: 'data-subject-request' }))
        .status,
    ).toBe(400);
    expect((await admin.call('DELETE', '/api/admin/voters', { email: `x-${run}@example.org` })).status).toBe(400);
  });
});

describe('withdrawal of a published initiative (POST /api/admin/applications/:id/withdraw)', () => {
  it(
    'takes it off the site: a « retirée » page (noindex) at its address, out of the sitemap, the search and the vote',
    { timeout: 120_000 },
    async () => {
      const campaign = await seedVotingCampaign(stack, { count: 2, label: `retrait ${run}` });
      const [gone, kept] = campaign.initiatives;
      const urlOf = (title: string) => `/initiatives/${slugify(title)}/`;
      await invokeFunction('publish', { campaignId: campaign.id }, stack);
      expect(await (await fetch(`${front}${urlOf(gone!.title)}`)).text()).toContain(gone!.title);

      const res = await admin.call<{ republished: boolean; withdrawnAt: string }>(
        'POST',
        `/api/admin/applications/${gone!.id}/withdraw`,
      );
      expect(res.status).toBe(200);
      expect(res.body.republished).toBe(true);
      expect((await item(`APP#${gone!.id}`, 'META'))!.withdrawnAt).toBe(res.body.withdrawnAt);
      expect((await history(gone!.id)).find((h) => h.type === 'withdrawn')).toMatchObject({ by: stack.admin.email });
      expect(
        (await audit(campaign.id)).some(
          (e) => e.action === 'POST /api/admin/applications/:id/withdraw' && e.target?.id === gone!.id,
        ),
      ).toBe(true);

      await invokeFunction('publish', { campaignId: campaign.id }, stack);
      const page = await fetch(`${front}${urlOf(gone!.title)}`);
      const html = await page.text();
      expect(html).toContain('retirée du site à la demande de l’entreprise');
      expect(html).toContain('<meta name="robots" content="noindex">');
      expect(html).not.toContain(gone!.title);
      expect(html).not.toContain(gone!.company);
      expect(await (await fetch(`${front}${urlOf(kept!.title)}`)).text()).toContain(kept!.title);
      const sitemap = await (await fetch(`${front}/sitemap.xml`)).text();
      expect(sitemap).not.toContain(urlOf(gone!.title));
      expect(sitemap).toContain(urlOf(kept!.title));
      expect(await (await fetch(`${front}/search-index.json`)).text()).not.toContain(gone!.id);
      expect((await requestVote(front, gone!.id, `apres-${run}@example.org`)).body.reason).toBe('unknown-initiative');

      // Only a published initiative can be withdrawn.
      const draft = new ApplicantClient(front);
      await draft.create({ contact: { email: `pas-publiee-${run}@example.org` } });
      expect((await admin.call('POST', `/api/admin/applications/${draft.id}/withdraw`)).status).toBe(409);
    },
  );
});

import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { invokeFunction } from '../support/local-clients.ts';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApplicationStore } from '../../functions/adapters/application-store.ts';
import { CampaignStore } from '../../functions/adapters/campaign-store.ts';
import { hashToken } from '../../functions/domain/tokens.ts';
import { RATE_LIMITS } from '../../functions/domain/votes.ts';
import { freezeVotes } from '../../functions/services/votes.ts';
import { AdminClient } from '../support/admin-seed.ts';
import {
  confirmVote,
  documentClient,
  inbox,
  requestVote,
  seedVotingCampaign,
  setVotingClose,
  tokenFor,
  tokensFor,
  voteCounts,
  type VotingCampaign,
} from '../support/vote-seed.ts';

const stack = inject('stack');
const front = stack.urls.front;
const run = Date.now().toString(36);
const address = (who: string) => `${who}-${run}@example.org`;
const table = stack.env.TABLE_NAME!;

let main: VotingCampaign;
let admin: AdminClient;

const countOf = async (campaign: VotingCampaign, initiativeId: string) => {
  const res = await voteCounts(front, campaign.id);
  expect(res.status).toBe(200);
  return (res.body.counts as Record<string, number>)[initiativeId] ?? 0;
};

/** Asks a vote and returns the emailed token. */
async function linkFor(initiativeId: string, email: string): Promise<string> {
  const before = (await tokensFor(front, email)).length;
  const res = await requestVote(front, initiativeId, email);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const tokens = await tokensFor(front, email);
  expect(tokens.length).toBe(before + 1);
  return tokens.at(-1)!;
}

async function timeline() {
  return (event: Record<string, unknown>) => invokeFunction('timeline', event);
}

beforeAll(async () => {
  admin = await AdminClient.signIn(stack);
  main = await seedVotingCampaign(stack, { voting: { maxPerEmail: 3, showCounts: true }, label: `principal ${run}` });
}, 60_000);

describe('vote, confirmation, count', () => {
  it('emails a link on « Je vote »; the vote counts once confirmed', async () => {
    const [initiative] = main.initiatives;
    const email = address('claire');
    const res = await requestVote(front, initiative!.id, email, '/initiatives/initiative-1/');
    expect(res.status).toBe(202);
    expect(res.body.message).toMatch(/^Vérifiez votre boîte mail/);
    const [sent] = await inbox(front, email);
    expect(sent!.subject).toBe(`Confirmez votre vote pour «\u00a0${initiative!.title}\u00a0»`);
    expect(sent!.body.text).toMatch(/valable jusqu’au \d+(er)? \S+ \d{4} à \d+ h \d\d \(heure de Paris\)/);
    expect(await countOf(main, initiative!.id)).toBe(0);

    const token = await tokenFor(front, email);
    const confirmed = await confirmVote(front, token);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      count: 1,
      remaining: 2,
      showCounts: true,
      initiative: { id: initiative!.id, title: initiative!.title, page: '/initiatives/initiative-1/' },
    });
    expect(confirmed.body.message).toBe(
      `Merci\u202f! Votre vote pour «\u00a0${initiative!.title}\u00a0» est enregistré.`,
    );
    expect(await countOf(main, initiative!.id)).toBe(1);
  });

  it('keeps no address once confirmed: the pending vote loses it, the vote holds hashes only', async () => {
    const email = address('retention');
    const token = await linkFor(main.initiatives[3]!.id, email);
    const db = documentClient(stack);
    const key = { pk: `VOTETOKEN#${hashToken(token)}`, sk: 'PENDING' };
    const pending = (await db.send(new GetCommand({ TableName: table, Key: key }))).Item!;
    expect(pending.email).toBe(email);
    expect(pending.expiresAt).toBeGreaterThan(Date.now() / 1000 + 24 * 3600);
    expect(JSON.stringify(pending)).not.toContain(token);
    expect((await confirmVote(front, token)).status).toBe(200);
    const used = (await db.send(new GetCommand({ TableName: table, Key: key }))).Item!;
    expect(used.email).toBeUndefined();
    expect(used.usedAt).toBeTruthy();
    const vote = (
      await db.send(
        new GetCommand({
          TableName: table,
          Key: { pk: `VOTE#${main.id}#${main.initiatives[3]!.id}#${pending.emailHash}`, sk: 'VOTE' },
        }),
      )
    ).Item!;
    expect(vote).toMatchObject({ emailDomain: 'example.org', emailHash: pending.emailHash });
    expect(JSON.stringify(vote)).not.toContain('retention');
    expect(vote.expiresAt).toBeGreaterThan(Date.now() / 1000);
    db.destroy();
  });

  it('refuses disposable addresses and malformed ones, field by field, in French', async () => {
    const disposable = await requestVote(front, main.initiatives[0]!.id, `quelqu-un-${run}@yopmail.com`);
    expect(disposable.status).toBe(400);
    expect(disposable.body.issues).toEqual([{ field: 'email', message: expect.stringMatching(/adresses jetables/) }]);
    const malformed = await requestVote(front, main.initiatives[0]!.id, 'pas-une-adresse');
    expect(malformed.status).toBe(400);
    expect(malformed.body.issues?.[0]?.field).toBe('email');
    const unknown = await requestVote(front, 'inconnue-0000', address('x'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.reason).toBe('unknown-initiative');
  });
});

describe('reliability', () => {
  it('double vote: same address, same initiative counts once (also with +tag, and when both links were asked first)', async () => {
    const [, initiative] = main.initiatives;
    const email = address('double');
    const [first, second] = [await linkFor(initiative!.id, email), await linkFor(initiative!.id, email)];
    expect((await confirmVote(front, first)).status).toBe(200);
    const refused = await confirmVote(front, second);
    expect(refused.status).toBe(409);
    expect(refused.body.reason).toBe('already-voted');
    expect(refused.body.message).toMatch(/déjà voté pour cette initiative/);
    expect(await countOf(main, initiative!.id)).toBe(1);

    // Asked again once voted: the mailbox is told, no link is sent; the site answers as always.
    const plus = email.replace('@', '+autre@');
    const again = await requestVote(front, initiative!.id, plus.toUpperCase());
    expect(again.status).toBe(202);
    const told = (await inbox(front, plus)).at(-1)!;
    expect(told.subject).toBe(`Votre vote pour «\u00a0${initiative!.title}\u00a0» est déjà enregistré`);
    expect(told.body.text).not.toContain('jeton=');
    expect(await countOf(main, initiative!.id)).toBe(1);
  });

  it('replayed link: refused, nothing counted twice', async () => {
    const [, , initiative] = main.initiatives;
    const token = await linkFor(initiative!.id, address('replay'));
    expect((await confirmVote(front, token)).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      const replay = await confirmVote(front, token);
      expect(replay.status).toBe(409);
      expect(replay.body.reason).toBe('used');
      expect(replay.body.message).toMatch(/déjà servi/);
    }
    expect(await countOf(main, initiative!.id)).toBe(1);
  });

  it('expired link (its expiry checked against the clock, not the TTL): refused with a way out', async () => {
    const [initiative] = main.initiatives;
    const before = await countOf(main, initiative!.id);
    const token = await linkFor(initiative!.id, address('expired'));
    const db = documentClient(stack);
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: `VOTETOKEN#${hashToken(token)}`, sk: 'PENDING' },
        UpdateExpression: 'SET linkExpiresAt = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
      }),
    );
    db.destroy();
    const res = await confirmVote(front, token);
    expect(res.status).toBe(410);
    expect(res.body.reason).toBe('expired');
    expect(res.body.message).toMatch(/expiré.*Votez à nouveau/);
    expect(await countOf(main, initiative!.id)).toBe(before);
    // A token that was never issued.
    expect((await confirmVote(front, 'A'.repeat(43))).body.reason).toBe('invalid-link');
  });

  it('at most N initiatives per address: the N+1th confirmation is refused, then the mailbox is told', async () => {
    const campaign = await seedVotingCampaign(stack, {
      count: 4,
      voting: { maxPerEmail: 3, showCounts: true },
      label: `limite ${run}`,
    });
    const email = address('limit');
    const tokens: string[] = [];
    for (const initiative of campaign.initiatives) tokens.push(await linkFor(initiative.id, email));
    const results = [];
    for (const token of tokens) results.push(await confirmVote(front, token));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 409]);
    expect(results[2]!.body.remaining).toBe(0);
    expect(results[3]!.body.reason).toBe('limit');
    expect(results[3]!.body.message).toMatch(/3 initiatives/);
    expect(await countOf(campaign, campaign.initiatives[3]!.id)).toBe(0);
    await requestVote(front, campaign.initiatives[3]!.id, email);
    expect((await inbox(front, email)).at(-1)!.subject).toBe('Vous avez utilisé tous vos votes');
  });

  it('10 concurrent confirmations of one link: counted once', async () => {
    const [, , , initiative] = main.initiatives;
    const before = await countOf(main, initiative!.id);
    const token = await linkFor(initiative!.id, address('concurrent'));
    const answers = await Promise.all(Array.from({ length: 10 }, () => confirmVote(front, token)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409 && a.body.reason === 'used')).toHaveLength(9);
    expect(await countOf(main, initiative!.id)).toBe(before + 1);
  });

  it('a burst of 30 addresses from one connection (a school behind one NAT): all accepted, each vote counted exactly once', async () => {
    const campaign = await seedVotingCampaign(stack, {
      count: 3,
      voting: { showCounts: true },
      label: `rafale ${run}`,
    });
    const [initiative] = campaign.initiatives;
    const emails = Array.from({ length: 30 }, (_, i) => address(`burst${i}`));
    const answers = await Promise.all(emails.map((email) => requestVote(front, initiative!.id, email)));
    expect(answers.map((a) => a.status)).toEqual(Array<number>(30).fill(202));
    const accepted = emails;

    const tokens = await Promise.all(accepted.map((email) => tokenFor(front, email)));
    const confirmed = await Promise.all(tokens.map((token) => confirmVote(front, token)));
    expect(confirmed.every((c) => c.status === 200)).toBe(true);
    expect(await countOf(campaign, initiative!.id)).toBe(accepted.length);
    const replays = await Promise.all(tokens.map((token) => confirmVote(front, token)));
    expect(replays.every((r) => r.status === 409)).toBe(true);
    expect(await countOf(campaign, initiative!.id)).toBe(accepted.length);

    // The console sees the burst, by connection and by domain, and the winner of the axis.
    const report = await admin.call<{
      total: number;
      voters: number;
      axes: { id: string; winners: { id: string; votes: number }[] }[];
      anomalies: {
        threshold: number;
        byIp: { count: number; initiatives: { initiativeId: string; title: string }[] }[];
        byDomain: { key: string; count: number }[];
      };
    }>('GET', `/api/admin/votes?campaignId=${campaign.id}`);
    expect(report.status).toBe(200);
    expect(report.body.total).toBe(accepted.length);
    expect(report.body.voters).toBe(accepted.length);
    expect(report.body.anomalies.byIp).toHaveLength(1);
    expect(report.body.anomalies.byIp[0]).toMatchObject({
      count: accepted.length,
      initiatives: [{ initiativeId: initiative!.id, title: initiative!.title }],
    });
    expect(report.body.anomalies.byDomain).toEqual([
      expect.objectContaining({ key: 'example.org', count: accepted.length }),
    ]);
    expect(report.body.axes.find((a) => a.id === initiative!.axis)!.winners).toEqual([
      { id: initiative!.id, title: initiative!.title, votes: accepted.length },
    ]);
  });

  it(`one address: ${RATE_LIMITS.email.max} requests an hour, then 429`, async () => {
    const campaign = await seedVotingCampaign(stack, { count: 1, label: `adresse ${run}` });
    const email = address('insistent');
    const statuses = [];
    for (let i = 0; i <= RATE_LIMITS.email.max; i++)
      statuses.push((await requestVote(front, campaign.initiatives[0]!.id, email)).status);
    expect(statuses).toEqual([...Array<number>(RATE_LIMITS.email.max).fill(202), 429]);
  });
});

describe('close', () => {
  it('refuses a vote asked after the voting close', async () => {
    const campaign = await seedVotingCampaign(stack, { count: 1, closesInMs: -60_000, label: `close ${run}` });
    const res = await requestVote(front, campaign.initiatives[0]!.id, address('late'));
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe('closed');
    expect(res.body.message).toMatch(/^Les votes sont clos depuis le/);
    expect((await inbox(front, address('late'))).length).toBe(0);
  });

  it('refuses a link confirmed after the voting close', async () => {
    const campaign = await seedVotingCampaign(stack, {
      count: 1,
      voting: { showCounts: true },
      label: `close2 ${run}`,
    });
    const token = await linkFor(campaign.initiatives[0]!.id, address('late-confirm'));
    await setVotingClose(stack, campaign.id, new Date(Date.now() - 5000));
    const res = await confirmVote(front, token);
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe('closed');
    expect(await countOf(campaign, campaign.initiatives[0]!.id)).toBe(0);
  });

  it('freezeVotes writes RESULTS once; no confirmation lands after it, even before the close date (its own counter refuses it)', async () => {
    const campaign = await seedVotingCampaign(stack, { count: 2, voting: { showCounts: true }, label: `gel ${run}` });
    const [a, b] = campaign.initiatives;
    expect((await confirmVote(front, await linkFor(a!.id, address('before-freeze')))).status).toBe(200);
    const late = await linkFor(b!.id, address('after-freeze'));
    const db = documentClient(stack);
    const ctx = {
      clients: { dynamo: db },
      env: { TABLE_NAME: table },
      campaigns: new CampaignStore(db, table),
      applications: new ApplicationStore(db, table),
    };
    const results = await freezeVotes(ctx, campaign.id);
    expect(results).toMatchObject({ state: 'frozen', total: 1, tallies: [{ initiativeId: a!.id, votes: 1 }] });
    // The campaign is still « launched » with its close 30 days away: only the frozen counter stops this one.
    const res = await confirmVote(front, late);
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe('closed');
    const again = await freezeVotes(ctx, campaign.id);
    expect(again.frozenAt).toBe(results.frozenAt);
    expect((await voteCounts(front, campaign.id)).body).toMatchObject({ state: 'closed', counts: { [a!.id]: 1 } });
    expect((await requestVote(front, b!.id, address('after-freeze-2'))).body.reason).toBe('closed');
    db.destroy();
  });

  it("the timeline's close-voting freezes the results and closes the campaign; replayed, it changes nothing", async () => {
    const campaign = await seedVotingCampaign(stack, {
      count: 3,
      voting: { showCounts: true },
      label: `timeline ${run}`,
    });
    const [a, b, c] = campaign.initiatives;
    for (const [initiative, who] of [
      [a, 'tl1'],
      [a, 'tl2'],
      [b, 'tl3'],
    ] as const)
      expect((await confirmVote(front, await linkFor(initiative!.id, address(who)))).status).toBe(200);
    const pending = await linkFor(c!.id, address('tl4'));
    const handler = await timeline();
    const first = (await handler({ action: 'close-voting', campaignId: campaign.id, datesVersion: 1 })) as {
      frozenAt: string;
    };
    expect(first.frozenAt).toBeTruthy();
    expect(await handler({ action: 'close-voting', campaignId: campaign.id, datesVersion: 1 })).toEqual({
      skipped: 'already done',
    });
    expect((await confirmVote(front, pending)).body.reason).toBe('closed');

    const report = await admin.call<{
      voting: { frozen: boolean; state: string };
      total: number;
      axes: { id: string; winners: { id: string }[] }[];
    }>('GET', `/api/admin/votes?campaignId=${campaign.id}`);
    expect(report.body.voting).toMatchObject({ frozen: true, state: 'closed' });
    expect(report.body.total).toBe(3);
    expect(report.body.axes.find((x) => x.id === a!.axis)!.winners.map((w) => w.id)).toEqual([a!.id]);
    expect(report.body.axes.find((x) => x.id === c!.axis)!.winners).toEqual([]);
    const settings = await admin.call('PUT', `/api/admin/campaigns/${campaign.id}/voting`, {
      maxPerEmail: 5,
      showCounts: false,
    });
    expect(settings.status).toBe(409);
  });
});

describe('the winners', () => {
  /** The emails `address` received whose subject matches, once the mail queue's consumer has sent them. */
  async function received(addressOf: string, subject: RegExp, count = 1, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await inbox(front, addressOf)).filter((e) => subject.test(e.subject));
      if (found.length >= count || Date.now() > deadline) return found;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it(
    'at the close: prizes from the console, /resultats/ published with the winners, each winner emailed once, the team too; a replayed step sends nothing more',
    { timeout: 120_000 },
    async () => {
      const label = `laureats-${run}`;
      const campaign = await seedVotingCampaign(stack, { count: 4, voting: { showCounts: true }, label });
      const [a, b, c, d] = campaign.initiatives;
      // a (axis 1) and d (axis 1 too: four initiatives over three axes) tie on 1 vote; b (axis 2) wins alone; axis 3 has none.
      expect(d!.axis).toBe(a!.axis);
      expect(new Set([a!.axis, b!.axis, c!.axis]).size).toBe(3);
      expect(
        (await admin.call('PUT', `/api/admin/campaigns/${campaign.id}/prizes`, { prizes: { inconnu: 'x' } })).status,
      ).toBe(400);
      expect(
        (
          await admin.call('PUT', `/api/admin/campaigns/${campaign.id}/prizes`, {
            prizes: { [a!.axis]: 'x'.repeat(301) },
          })
        ).status,
      ).toBe(400);
      const saved = await admin.call<{ prizes: Record<string, string>; republished: boolean }>(
        'PUT',
        `/api/admin/campaigns/${campaign.id}/prizes`,
        {
          prizes: { [a!.axis]: 'Un reportage vidéo sur votre initiative', [c!.axis]: '' },
        },
      );
      expect(saved.status).toBe(200);
      expect(saved.body).toEqual({
        campaign: { id: campaign.id, title: `Vote ${label}` },
        prizes: { [a!.axis]: 'Un reportage vidéo sur votre initiative' },
        republished: false,
      });
      for (const [initiative, who] of [
        [a, 'w1'],
        [d, 'w2'],
        [b, 'w3'],
        [b, 'w4'],
      ] as const)
        expect((await confirmVote(front, await linkFor(initiative!.id, address(who)))).status).toBe(200);

      const handler = await timeline();
      await handler({ action: 'close-voting', campaignId: campaign.id, datesVersion: 1 });

      const page = await fetch(`${front}/resultats/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<h1>Les lauréats du vote du public</h1>');
      for (const winner of [a, b, d]) expect(html).toContain(`>${winner!.title}</a>`);
      expect(html).not.toContain(`>${c!.title}</a>`);
      expect(html).toContain('Un reportage vidéo sur votre initiative');
      expect(html).toContain('<p class="card-votes">2 votes</p>');
      expect(html).toContain('Ex aequo');
      expect(await (await fetch(`${front}/`)).text()).toContain('Les lauréats du vote du public');

      const contact = (i: number) => `contact-${i}-${label}@example.org`;
      const subject = /est lauréate du vote du public$/;
      const [toA] = await received(contact(0), subject);
      expect(toA!.subject).toBe(
        `Votre initiative « ${a!.title} » est lauréate du vote du public`
          .replace(/« /g, '«\u00a0')
          .replace(/ »/g, '\u00a0»'),
      );
      expect(toA!.body.text).toContain('Un reportage vidéo sur votre initiative');
      expect(toA!.body.text).toContain(`ex aequo, avec «\u00a0${d!.title}\u00a0»`);
      expect(toA!.body.text).toContain('/resultats/');
      expect(await received(contact(1), subject)).toHaveLength(1);
      expect(await received(contact(3), subject)).toHaveLength(1);
      const team = await received(stack.env.ADMIN_EMAIL!, new RegExp(`Vote ${label}.*voici les lauréats`));
      expect(team).toHaveLength(1);
      expect(team[0]!.body.text).toContain(`«\u00a0${b!.title}\u00a0» (${b!.company}), 2 votes`);

      // A retry of the step before it recorded its completion (the task failed after its emails): nothing new is sent.
      const db = documentClient(stack);
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: `CAMPAIGN#${campaign.id}`, sk: 'META' },
          UpdateExpression: 'REMOVE steps.closeVoting',
        }),
      );
      db.destroy();
      await handler({ action: 'close-voting', campaignId: campaign.id, datesVersion: 1 });
      expect(await handler({ action: 'close-voting', campaignId: campaign.id, datesVersion: 1 })).toEqual({
        skipped: 'already done',
      });
      // Both runs have answered; the inbox answers once the mail queue is drained: one read each is final.
      for (const i of [0, 1, 3]) expect(await received(contact(i), subject, 2, 0), contact(i)).toHaveLength(1);
      expect(await received(contact(2), subject, 1, 0)).toHaveLength(0);
      expect(
        await received(stack.env.ADMIN_EMAIL!, new RegExp(`Vote ${label}.*voici les lauréats`), 2, 0),
      ).toHaveLength(1);

      // Prizes changed after the close: the results page is published again with them.
      const later = await admin.call<{ republished: boolean }>('PUT', `/api/admin/campaigns/${campaign.id}/prizes`, {
        prizes: { [b!.axis]: 'Une invitation au congrès' },
      });
      expect(later.body.republished).toBe(true);
    },
  );
});

describe('console', () => {
  it('shows counts per initiative and per axis, winners, and exports them for Excel', async () => {
    const report = await admin.call<{
      campaign: { id: string };
      voting: { maxPerEmail: number; showCounts: boolean; state: string; frozen: boolean };
      total: number;
      initiatives: { id: string; title: string; votes: number; rank: number; winner: boolean; axisLabel: string }[];
      axes: { id: string; label: string; votes: number; winners: { id: string; votes: number }[] }[];
    }>('GET', `/api/admin/votes?campaignId=${main.id}`);
    expect(report.status).toBe(200);
    expect(report.body.voting).toMatchObject({ maxPerEmail: 3, showCounts: true, state: 'open', frozen: false });
    const counts = Object.fromEntries(report.body.initiatives.map((i) => [i.id, i.votes]));
    for (const initiative of main.initiatives) expect(counts[initiative.id]).toBe(await countOf(main, initiative.id));
    expect(report.body.total).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
    expect(report.body.axes.map((a) => a.votes).reduce((a, b) => a + b, 0)).toBe(report.body.total);

    const csv = await admin.call('GET', `/api/admin/votes.csv?campaignId=${main.id}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="votes-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe('Identifiant;Initiative;Entreprise;Région;Axe;Votes;Rang dans l’axe;En tête de l’axe');
    expect(lines.filter(Boolean)).toHaveLength(1 + main.initiatives.length);
    const first = report.body.initiatives[0]!;
    expect(lines).toContain(
      `${first.id};${first.title};${main.initiatives.find((i) => i.id === first.id)!.company};${main.initiatives.find((i) => i.id === first.id)!.region};${first.axisLabel};${first.votes};${first.rank};${first.winner ? 'Oui' : 'Non'}`,
    );
  });

  it('sets the rule (validated) and hides the counts on the site when asked', async () => {
    const campaign = await seedVotingCampaign(stack, { count: 1, voting: { showCounts: true }, label: `regle ${run}` });
    expect(
      (await admin.call('PUT', `/api/admin/campaigns/${campaign.id}/voting`, { maxPerEmail: 0, showCounts: true }))
        .status,
    ).toBe(400);
    const ok = await admin.call('PUT', `/api/admin/campaigns/${campaign.id}/voting`, {
      maxPerEmail: 5,
      showCounts: false,
    });
    expect(ok.status).toBe(200);
    const counts = await voteCounts(front, campaign.id);
    expect(counts.body).toMatchObject({ state: 'open', maxPerEmail: 5, showCounts: false, counts: null });
    const token = await linkFor(campaign.initiatives[0]!.id, address('hidden'));
    expect((await confirmVote(front, token)).body).toMatchObject({ count: null, showCounts: false, remaining: 4 });
    // Without a token: the console API stays closed.
    expect((await fetch(`${front}/api/admin/votes?campaignId=${campaign.id}`)).status).toBe(401);
  });
});

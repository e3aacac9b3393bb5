import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EMAIL_LIMITS } from '../../functions/domain/email-limits.ts';
import { ApplicantClient } from '../support/api-client.ts';
import { completeFields } from '../support/fixtures.ts';
import { openTestCampaign } from '../support/seed.ts';
import { inbox, seedVotingCampaign, type VotingCampaign } from '../support/vote-seed.ts';

/**
 * Issue #16, abuse that needs no new infrastructure: cross-site simple POSTs (415), email bombing
 * (per-recipient limits on the welcome and resume-link emails).
 */
const stack = inject('stack');
const front = stack.urls.front;
const run = Date.now().toString(36);
let campaignId: string;
let voting: VotingCampaign;

const isWelcome = (subject: string) => /lien personnel/.test(subject);
const isResume = (subject: string) => /Vos liens pour reprendre/.test(subject);

/** The local stack's simulated clock: moved forward only for this file's campaign, reset at the end. */
async function clock(body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${front}/_local/clock`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}
const clockNow = async () => new Date(((await (await fetch(`${front}/_local/clock`)).json()) as { now: string }).now);

/** A raw POST as a web page's form or `fetch` without preflight sends it. */
const rawPost = (path: string, contentType: string, body: string) =>
  fetch(`${front}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });

beforeAll(async () => {
  voting = await seedVotingCampaign(stack, { label: `abus ${run}` });
  campaignId = (await openTestCampaign(stack)).id;
  // Counters are per fixed hour: start one minute into the next hour (simulated), only this
  // campaign's tasks may run, so that every request below falls in one window.
  const next = new Date(Math.floor((await clockNow()).getTime() / 3600_000 + 1) * 3600_000 + 60_000);
  await clock({ to: next.toISOString(), campaignId });
}, 60_000);

afterAll(async () => {
  await clock({ reset: true });
});

describe('cross-site simple POSTs: JSON bodies only', () => {
  it('POST /api/applications typed text/plain or form-encoded: 415 in French, no file, no email', async () => {
    const email = `textplain-${run}@example.org`;
    const creationKey = randomUUID();
    const body = JSON.stringify({
      creationKey,
      fields: { ...completeFields(), contact: { ...completeFields().contact, email } },
    });
    for (const type of ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded']) {
      const res = await rawPost('/api/applications', type, body);
      expect(res.status, type).toBe(415);
      expect(await res.json()).toMatchObject({
        error: 'unsupported-media-type',
        message: expect.stringMatching(/^Format de requête non pris en charge/),
      });
    }
    expect(await inbox(front, email)).toHaveLength(0);
    // The same body as JSON creates the file now (201, not a replay's 200): nothing was created before.
    const res = await rawPost('/api/applications', 'application/json', body);
    expect(res.status).toBe(201);
    expect((await inbox(front, email)).filter((e) => isWelcome(e.subject))).toHaveLength(1);
  });

  it('POST /api/votes typed text/plain: 415, no vote asked, no email', async () => {
    const email = `vote-textplain-${run}@example.org`;
    const body = JSON.stringify({ initiativeId: voting.initiatives[0]!.id, email });
    const res = await rawPost('/api/votes', 'text/plain', body);
    expect(res.status).toBe(415);
    expect(((await res.json()) as { message: string }).message).toMatch(/JSON/);
    expect(await inbox(front, email)).toHaveLength(0);
    // The same body as JSON is a valid request: 202 and one email.
    expect((await rawPost('/api/votes', 'application/json; charset=utf-8', body)).status).toBe(202);
    expect(await inbox(front, email)).toHaveLength(1);
  });
});

describe('email bombing: per-recipient limits', () => {
  it(`4 files created for one mailbox within an hour: 4 answers with their link, ${EMAIL_LIMITS.welcome['welcome-hour'].max} welcome emails`, async () => {
    const base = `cible-${run}`;
    for (let i = 1; i <= 4; i++) {
      const client = new ApplicantClient(front);
      // +tags and case reach one mailbox: they count as one address.
      const email = i % 2 ? `${base}+${i}@example.org` : `${base.toUpperCase()}@example.org`;
      const view = await client.create({
        contact: { email },
        initiative: { name: `Gagnez un prix https://piege.example ${'!'.repeat(100)} ${i}` },
      });
      expect(view.id).toBeTruthy();
      expect(client.token).toMatch(/^[\w-]{43}$/);
    }
    const welcome = (await inbox(front, base)).filter((e) => isWelcome(e.subject));
    expect(welcome).toHaveLength(EMAIL_LIMITS.welcome['welcome-hour'].max);
    // The name reaches the subject bounded and without its link.
    for (const email of welcome) {
      expect(email.subject).not.toMatch(/https?:|!{100}/);
      expect(email.subject.length).toBeLessThan(160);
    }
  });

  it(`5 resume-link requests for one address within an hour: all 202, ${EMAIL_LIMITS['resume-links']['resume-hour'].max} emails`, async () => {
    const email = `relance-${run}@example.org`;
    await new ApplicantClient(front).create({ contact: { email } });
    const answers = [];
    for (let i = 0; i < 5; i++) {
      // 11 simulated minutes apart: past the 10-minute dedup of double clicks, within one hour.
      if (i) await clock({ to: '+11m', campaignId });
      const res = await rawPost('/api/resume-links', 'application/json', JSON.stringify({ email }));
      answers.push({ status: res.status, body: await res.json() });
    }
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect((await inbox(front, email)).filter((e) => isResume(e.subject))).toHaveLength(
      EMAIL_LIMITS['resume-links']['resume-hour'].max,
    );
    // An unknown address: the same answer, no email.
    const unknown = await rawPost(
      '/api/resume-links',
      'application/json',
      JSON.stringify({ email: `inconnue-${run}@example.org` }),
    );
    expect(unknown.status).toBe(202);
    expect(await unknown.json()).toEqual(answers[0]!.body);
  });
});

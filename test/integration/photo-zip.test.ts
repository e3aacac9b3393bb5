import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { PHOTO_ARCHIVE_LIMITS } from '../../functions/domain/photo-archive.ts';
import { issueToken } from '../../infra/local/cognito.ts';
import { AdminClient, seedApplications } from '../support/admin-seed.ts';
import type { ApplicantClient } from '../support/api-client.ts';
import { createPoolUser } from '../support/local-clients.ts';
import { openTestCampaign } from '../support/seed.ts';

/**
 * The ZIPs of original photos (GET /api/admin/applications/:id/photo-archive, POST
 * /api/admin/photo-archives) are for the team only, and bounded. What they hold is checked by
 * test/browser/console-photos.test.ts.
 */
const stack = inject('stack');
const front = stack.urls.front;
const run = Date.now().toString(36);
const password = 'Motdepasse-de-test-42!';
let admin: AdminClient;
let campaignId: string;
let file: ApplicantClient;
/** A user of the console's pool outside the admin group. */
let outsider: string;

const call = (method: string, path: string, token?: string, body?: unknown) =>
  fetch(`${front}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  admin = await AdminClient.signIn(stack);
  campaignId = (await openTestCampaign(stack, { title: `ZIP de photos ${run}` })).id;
  // No photo: the routes' checks come before any photo is read.
  [file] = (await seedApplications(stack, [
    {
      company: 'Sans photos',
      initiative: 'Pas encore de photo',
      axis: 'environnement-economie',
      region: 'Bretagne',
      email: `sans-photo-${run}@example.org`,
      incomplete: true,
    },
  ])) as [ApplicantClient];
  const email = `redactrice-${run}@example.org`;
  await createPoolUser(stack.cognito.userPoolId, email, password);
  outsider = (
    await issueToken(
      { url: stack.urls.cognito, clientId: stack.cognito.clientId, region: stack.env.AWS_REGION },
      email,
      password,
    )
  ).idToken;
});

describe('ZIPs of original photos', () => {
  const routes = () => [
    { method: 'GET', path: `/api/admin/applications/${file.id}/photo-archive` },
    { method: 'POST', path: '/api/admin/photo-archives', body: { campaignId, ids: [file.id] } },
  ];

  it('are refused without a token (401) and to a user outside the admin group (403)', async () => {
    for (const route of routes()) {
      expect((await call(route.method, route.path, undefined, route.body)).status).toBe(401);
      const res = await call(route.method, route.path, outsider, route.body);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { message: string }).message).toBe(
        'Votre compte n’a pas accès à la console\u00a0: demandez à un administrateur de vous ajouter au groupe «\u00a0admin\u00a0».',
      );
    }
  });

  it('say so when there is no accepted photo', async () => {
    const [one, selection] = await Promise.all(routes().map((r) => admin.call(r.method, r.path, r.body)));
    expect(one!.status).toBe(409);
    expect(one!.body.message).toBe('Ce dossier n’a pas encore de photo acceptée.');
    expect(selection!.status).toBe(409);
    expect(selection!.body.message).toBe('Aucun des dossiers sélectionnés n’a de photo acceptée.');
  });

  it('bound a selection, and refuse a file of another campaign or unknown', async () => {
    const many = Array.from({ length: PHOTO_ARCHIVE_LIMITS.files + 1 }, () => randomUUID());
    const tooMany = await admin.call('POST', '/api/admin/photo-archives', { campaignId, ids: many });
    expect(tooMany.status).toBe(400);
    expect(tooMany.text).toContain('50 dossiers au plus par fichier ZIP\u00a0: sélectionnez-en moins et recommencez.');
    const empty = await admin.call('POST', '/api/admin/photo-archives', { campaignId, ids: [] });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Sélectionnez au moins un dossier dans la liste.');

    for (const ids of [[randomUUID()], [file.id, randomUUID()]]) {
      const unknown = await admin.call('POST', '/api/admin/photo-archives', { campaignId, ids });
      expect(unknown.status).toBe(409);
      expect(unknown.body.message).toBe('Un dossier de la sélection est introuvable\u00a0: rechargez la liste.');
    }
    const elsewhere = await admin.call('POST', '/api/admin/photo-archives', {
      campaignId: randomUUID(),
      ids: [file.id],
    });
    expect(elsewhere.status).toBe(409);
    expect((await admin.call('GET', `/api/admin/applications/${randomUUID()}/photo-archive`)).status).toBe(404);
  });
});

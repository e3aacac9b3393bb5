import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedApplications } from '../support/admin-seed.ts';
import type { ApplicantClient } from '../support/api-client.ts';
import { consoleSession } from '../support/console-driver.ts';
import { expectAccessible } from '../support/form-driver.ts';
import { localDynamoDb } from '../support/local-clients.ts';
import { openTestCampaign } from '../support/seed.ts';

/** The console's « Données personnelles » of a file: export by a link, erasure with a reason and the typed word. */
const stack = inject('stack');
const front = stack.urls.front;
const run = Date.now().toString(36);
const db = DynamoDBDocumentClient.from(localDynamoDb(stack));
let browser: Browser;
let page: Page;
let file: ApplicantClient;

beforeAll(async () => {
  await openTestCampaign(stack, { title: `Données dans la console ${run}` });
  [file] = (await seedApplications(stack, [
    {
      company: 'La Ressourcerie',
      initiative: `Réemploi ${run}`,
      axis: 'environnement-economie',
      region: 'Normandie',
      email: `ressourcerie-${run}@example.org`,
    },
  ])) as [ApplicantClient];
  ({ browser, page } = await consoleSession(stack));
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

describe('« Données personnelles » in the console', () => {
  it('exports the file as a ZIP behind a short-lived link', async () => {
    await page.goto(`${front}/admin/#/dossiers/${file.id}`);
    await page.getByRole('heading', { level: 2, name: 'Données personnelles' }).waitFor({ timeout: 15_000 });
    await expectAccessible(page, 'dossier, données personnelles');
    await page.getByRole('button', { name: 'Exporter les données' }).click();
    const link = page.getByRole('link', { name: /^Télécharger dossier-.*\.zip$/ });
    await link.waitFor();
    const zip = await fetch((await link.getAttribute('href'))!);
    expect(zip.status).toBe(200);
    expect(
      Buffer.from(await zip.arrayBuffer())
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');
  });

  it('erases the file only with a reason and the word typed, then returns to the list', async () => {
    await page.getByRole('button', { name: 'Supprimer les données de ce dossier' }).click();
    await page.getByText('Choisissez le motif de la suppression.').waitFor();
    await page.getByLabel('Demande de la personne concernée').check();
    await page.getByLabel('Pour confirmer, tapez SUPPRIMER').fill('supprimer ?');
    await page.getByRole('button', { name: 'Supprimer les données de ce dossier' }).click();
    await page.getByText('Tapez SUPPRIMER pour confirmer la suppression.').waitFor();
    const items = async () =>
      (
        await db.send(
          new QueryCommand({
            TableName: stack.env.TABLE_NAME,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `APP#${file.id}` },
            ConsistentRead: true,
          }),
        )
      ).Items ?? [];
    expect((await items()).length).toBeGreaterThan(0);

    await page.getByLabel('Pour confirmer, tapez SUPPRIMER').fill('SUPPRIMER');
    await page.getByRole('button', { name: 'Supprimer les données de ce dossier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor({ timeout: 15_000 });
    expect(await items()).toEqual([]);
  });
});

import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { BatchWriteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invalidator } from '../../functions/adapters/invalidator.ts';
import type { PublishedInitiative } from '../../functions/domain/article.ts';
import { publishCampaign, type PublishContext } from '../../functions/publish/publish.ts';
import { DESK, expectAccessible, launchChromium, PHONE } from '../support/form-driver.ts';
import { localPublishContext } from '../support/local-publish.ts';
import { localDynamoDb, localS3, localStack } from '../support/local-clients.ts';
import { fixtureCampaign, fixtureInitiatives, fixtureMedia } from '../support/site-fixtures.ts';

/**
 * The public site on the local stack: a campaign and six approved articles seeded in DynamoDB
 * (application records, ARTICLE and PHOTO# items as the console and the photo function write them),
 * their photo variants in the media bucket, then `publishCampaign` into the local site bucket,
 * browsed in Chromium through the local front (with the distribution's CSP): axe on each kind of
 * page, the pages without JavaScript, the search with it, and a second publication after an edit.
 */
const stack = localStack();
const front = stack.urls.front;
let browser: Browser;
let db: DynamoDBDocumentClient;
let ctx: PublishContext;
const invalidations: string[][] = [];
const recorder: Invalidator = {
  invalidate: async (paths) => {
    invalidations.push(paths);
    return { id: `local-${invalidations.length}` };
  },
};

const campaignId = `site-${randomUUID()}`;
// Fresh ids per run: the stack's data outlives nothing, but other tests share it.
const initiatives: PublishedInitiative[] = fixtureInitiatives().map((i) => {
  const id = randomUUID();
  return {
    ...i,
    id,
    photos: i.photos.map((p) => ({ ...p, variants: p.variants.map((v) => ({ ...v, key: v.key.replace(i.id, id) })) })),
  };
});
const VELO = '/initiatives/un-atelier-velo-pour-reprendre-la-route-de-l-emploi/';

async function seed(): Promise<void> {
  const at = '2028-04-01T08:00:00.000Z';
  const items: Record<string, unknown>[] = [
    {
      pk: `CAMPAIGN#${campaignId}`,
      sk: 'META',
      ...fixtureCampaign({ id: campaignId, phase: 'open' }),
      datesVersion: 1,
      steps: {},
      createdAt: at,
      updatedAt: at,
    },
  ];
  for (const [n, i] of initiatives.entries()) {
    items.push({
      pk: `APP#${i.id}`,
      sk: 'META',
      gsi1pk: `CAMPAIGN#${campaignId}#APPS`,
      gsi1sk: `${at}#${i.id}`,
      id: i.id,
      campaignId,
      status: 'complete',
      submitted: true,
      submitCount: 1,
      revision: 9,
      missing: [],
      contactEmail: `contact${n}@example.org`,
      createdAt: at,
      updatedAt: at,
      fields: {
        company: { ...i.company, address: '1 place de la Mairie', postalCode: '75001' },
        contact: {
          lastName: 'Martin',
          firstName: 'Alix',
          phone: '01 23 45 67 89',
          email: `contact${n}@example.org`,
          role: 'Directrice',
        },
        initiative: { name: i.article.title, axis: i.axis, description: 'x'.repeat(600), website: i.website },
      },
      decision: { outcome: 'selected', decidedBy: 'admin@example.org', decidedAt: at },
      articleStatus: 'approved',
    });
    items.push({
      pk: `APP#${i.id}`,
      sk: 'ARTICLE',
      applicationId: i.id,
      campaignId,
      status: 'approved',
      version: 1,
      revision: 3,
      article: i.article,
      approvedAt: i.approvedAt,
      comments: [],
      updatedAt: i.approvedAt,
      updatedBy: 'entreprise',
    });
    for (const p of i.photos) {
      items.push({
        pk: `APP#${i.id}`,
        sk: `PHOTO#${p.slot}`,
        slot: p.slot,
        state: 'ready',
        width: p.width,
        height: p.height,
        // The applicant's own caption: the article's text wins.
        caption: 'Légende du dossier',
        credit: 'Crédit du dossier',
        variants: p.variants.map((v) => ({ ...v, bytes: 1000 })),
      });
    }
  }
  // One more file of the campaign whose article is not approved yet: not published.
  items.push({
    pk: 'APP#pending',
    sk: 'META',
    gsi1pk: `CAMPAIGN#${campaignId}#APPS`,
    gsi1sk: `${at}#pending`,
    id: 'pending',
    campaignId,
    fields: {},
  });
  items.push({
    pk: 'APP#pending',
    sk: 'ARTICLE',
    status: 'sent',
    article: { ...initiatives[0]!.article, title: 'Article pas encore validé' },
  });
  for (let i = 0; i < items.length; i += 25) {
    await db.send(
      new BatchWriteCommand({
        RequestItems: { [stack.env.TABLE_NAME!]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
  const s3 = localS3();
  const media = await fixtureMedia(initiatives);
  await Promise.all(
    [...media].map(([Key, m]) =>
      s3.send(new PutObjectCommand({ Bucket: stack.env.MEDIA_BUCKET, Key, Body: m.body, ContentType: m.contentType })),
    ),
  );
}

async function open(page: Page, path: string): Promise<void> {
  const res = await page.goto(`${front}${path}`, { waitUntil: 'load' });
  expect(res?.status(), path).toBe(200);
}

beforeAll(async () => {
  db = DynamoDBDocumentClient.from(localDynamoDb(), { marshallOptions: { removeUndefinedValues: true } });
  ctx = localPublishContext(recorder);
  await seed();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('public site on the local stack', () => {
  it('shows the holding page with the call and a link to the form while the campaign is open', async () => {
    const result = await publishCampaign({ ...ctx, now: () => new Date('2028-02-01T10:00:00Z') }, campaignId);
    expect(result.mode).toBe('holding');
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await open(page, '/');
    await page.getByRole('heading', { level: 1, name: "Nos territoires ont de l'avenir 2028" }).waitFor();
    expect(await page.getByRole('link', { name: 'Présenter une initiative' }).getAttribute('href')).toBe(
      '/candidater/',
    );
    await expectAccessible(page, 'page d’attente');
    await context.close();
  });

  it(
    'publishes the approved articles and passes axe on the home, an axis, a region and an initiative page',
    { timeout: 120_000 },
    async () => {
      await db.send(
        new UpdateCommand({
          TableName: stack.env.TABLE_NAME,
          Key: { pk: `CAMPAIGN#${campaignId}`, sk: 'META' },
          UpdateExpression: 'SET phase = :p',
          ExpressionAttributeValues: { ':p': 'launched' },
        }),
      );
      const result = await publishCampaign(ctx, campaignId);
      expect(result).toMatchObject({ mode: 'launched', initiatives: 6 });
      expect(result.written).toContain(`${VELO}index.html`);
      expect(result.deleted).toEqual([]);
      // Only the holding pages existed before: those that changed are invalidated, new pages are not.
      expect(result.invalidated).toContain('/');
      expect(result.invalidated.filter((p) => p.startsWith('/initiatives/'))).toEqual([]);

      for (const viewport of [PHONE, DESK]) {
        const context = await browser.newContext(viewport);
        const page = await context.newPage();
        const errors: string[] = [];
        // The vote widget (frontend/vote, and its API calls) has its own tests; everything else must be silent (CSP included).
        page.on(
          'console',
          (m) =>
            m.type() === 'error' &&
            !/\/(vote|api)\//.test(m.location().url) &&
            errors.push(`${page.url()}: ${m.text()}`),
        );
        page.on('pageerror', (e) => errors.push(e.message));
        for (const path of ['/', '/axes/environnement-economie/', '/regions/bretagne/', VELO, '/recherche/']) {
          await open(page, path);
          await expectAccessible(page, `${path} (${viewport.viewport.width} px)`);
        }
        expect(errors, errors.join('\n')).toEqual([]);
        await context.close();
      }
    },
  );

  it('shows the article, its photos (WebP from /media/) with their captions and credits', async () => {
    const context = await browser.newContext(DESK);
    const page = await context.newPage();
    await open(page, VELO);
    await page
      .getByRole('heading', { level: 1, name: "Un atelier vélo pour reprendre la route de l'emploi" })
      .waitFor();
    const cover = page.locator('.cover img');
    await expect
      .poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    expect(await cover.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/\/media\/.+\.webp$/);
    expect(await cover.getAttribute('alt')).toBe("Dans l'atelier, un salarié règle le dérailleur d'un vélo de ville");
    await page.getByText('© Camille Perret').first().waitFor();
    expect(await page.locator('.facts').innerText()).toContain('La Rustine solidaire');
    // Lazy gallery images load once scrolled to.
    const gallery = page.locator('.gallery img').first();
    await gallery.scrollIntoViewIfNeeded();
    await expect.poll(() => gallery.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    const res = await fetch(`${front}${VELO}`);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    await context.close();
  });

  it('works without JavaScript: links to every initiative, region pages, and a plain list on the search page', async () => {
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await open(page, '/');
    expect(await page.locator('main a[href^="/initiatives/"]').count()).toBe(6);
    await page.getByRole('link', { name: 'Bretagne (1)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bretagne' }).waitFor();
    await page.getByRole('link', { name: "Un tiers-lieu dans l'ancienne halle aux marchandises" }).click();
    await page
      .getByRole('heading', { level: 1, name: "Un tiers-lieu dans l'ancienne halle aux marchandises" })
      .waitFor();
    await open(page, '/axes/emploi-citoyennete/');
    expect(await page.locator('main a[href^="/initiatives/"]').count()).toBe(2);
    await open(page, '/recherche/');
    await page.getByText('La recherche a besoin de JavaScript').waitFor();
    expect(await page.locator('#search-form').isHidden()).toBe(true);
    expect(await page.locator('#search-list a').count()).toBe(6);
    await context.close();
  });

  it('searches with JavaScript, over the prebuilt index', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await open(page, '/recherche/');
    const box = page.getByLabel('Un mot, une ville, une entreprise…');
    await box.waitFor();
    expect(await page.locator('#search-nojs').isHidden()).toBe(true);
    await box.fill('roubaix');
    await page.getByText('1 initiative correspond à « roubaix ».').waitFor();
    expect(await page.locator('#search-list li:not([hidden]) a').allInnerTexts()).toEqual([
      'Une ressourcerie qui donne une seconde vie aux meubles',
    ]);
    await box.fill('economie sociale zzz');
    await page.getByText('Aucune initiative ne correspond à « economie sociale zzz ».').waitFor();
    // Small typos and missing accents still find it; the list's heading follows the filter.
    await box.fill('ressourcrie roubaix');
    await page.getByText('1 initiative correspond à « ressourcrie roubaix ».').waitFor();
    expect(await page.locator('#search-heading').textContent()).toBe('Résultats pour « ressourcrie roubaix »');
    await box.fill('');
    await expect.poll(() => page.locator('#search-heading').textContent()).toBe('Toutes les initiatives, de A à Z');
    await open(page, '/recherche/?q=vélo');
    await page.getByText('1 initiative correspond à « vélo ».').waitFor();
    // Each result shows its photo.
    expect(await page.locator('#search-list li:not([hidden]) img').count()).toBe(1);
    await expectAccessible(page, 'recherche avec résultats');
    await context.close();
  });

  it('after an edit, publishing again rewrites and invalidates only the pages that show it', async () => {
    const edited = initiatives[0]!;
    await db.send(
      new UpdateCommand({
        TableName: stack.env.TABLE_NAME,
        Key: { pk: `APP#${edited.id}`, sk: 'ARTICLE' },
        UpdateExpression: 'SET article.#lead = :lead',
        ExpressionAttributeNames: { '#lead': 'lead' },
        ExpressionAttributeValues: {
          ':lead': 'Un chapeau relu avec l’entreprise : des vélos réparés pour aller travailler.',
        },
      }),
    );
    invalidations.length = 0;
    const result = await publishCampaign(ctx, campaignId);
    // Its page, the search index, and the pages whose cards show the lead as a teaser.
    const cards = ['/axes/emploi-citoyennete/', '/', '/regions/bourgogne-franche-comte/'];
    expect(result.written).toEqual([
      '/search-index.json',
      `${cards[0]}index.html`,
      `${cards[1]}index.html`,
      `${VELO}index.html`,
      `${cards[2]}index.html`,
    ]);
    expect(result.deleted).toEqual([]);
    expect(invalidations).toEqual([
      [
        '/',
        `${cards[0]}`,
        `${cards[0]}index.html`,
        '/index.html',
        VELO,
        `${VELO}index.html`,
        `${cards[2]}`,
        `${cards[2]}index.html`,
        '/search-index.json',
      ],
    ]);
    const html = await (await fetch(`${front}${VELO}`)).text();
    expect(html).toContain('des vélos réparés pour aller travailler');
    // Nothing changed since: nothing is written, nothing invalidated.
    const again = await publishCampaign(ctx, campaignId);
    expect(again).toMatchObject({ written: [], deleted: [], invalidated: [] });
    expect(invalidations).toHaveLength(1);
  });
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudFrontClient, type CreateInvalidationCommandInput } from '@aws-sdk/client-cloudfront';
import { describe, expect, it } from 'vitest';
import { CloudFrontInvalidator, type Invalidator } from '../../functions/adapters/invalidator.ts';
import { CACHE_CONTROL, type Manifest, type RenderedSite, type SiteFile } from '../../functions/domain/site/index.ts';
import { PublicationRefused, REQUIRED_APP_FILES } from '../../functions/publish/apps.ts';
import { frontendFiles } from '../../functions/publish/frontend-files.ts';
import { defaultMode, publishCampaign, type PublishContext } from '../../functions/publish/publish.ts';
import { FIXTURE_NOW, fixtureCampaign, fixtureInitiatives, fixtureResults } from '../support/site-fixtures.ts';

/** A stand-in for the built apps: every required entry file, plus a hashed script and a 404 page. */
function fixtureApps(): RenderedSite {
  const apps: RenderedSite = new Map();
  const file = (body: string, contentType: string, cacheControl: string = CACHE_CONTROL.page): SiteFile => ({
    body: Buffer.from(body),
    contentType,
    cacheControl,
  });
  for (const p of REQUIRED_APP_FILES)
    apps.set(p, file(`app ${p}`, p.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8'));
  apps.set(
    '/admin/main-ABCDEFGH.js',
    file('console()', 'application/javascript; charset=utf-8', CACHE_CONTROL.immutable),
  );
  apps.set('/404.html', file('404 of the apps', 'text/html; charset=utf-8'));
  return apps;
}

/** The publication's orchestration with in-memory stores: order of writes, manifest last, retries. */
function memoryContext(
  options: { invalidator?: Invalidator; phase?: 'open' | 'launched'; frontend?: () => Promise<RenderedSite> } = {},
) {
  const bucket = new Map<string, SiteFile>();
  const log: string[] = [];
  let manifest: Manifest | undefined;
  const campaign = fixtureCampaign({ phase: options.phase ?? 'launched' });
  let initiatives = fixtureInitiatives();
  let results: Awaited<ReturnType<PublishContext['votes']['results']>>;
  const invalidated: { paths: string[]; reference: string }[] = [];
  const ctx: PublishContext = {
    campaigns: {
      get: async (id) => (id === campaign.id ? (campaign as never) : undefined),
      current: async () => campaign as never,
      list: async () => [campaign as never],
    },
    initiatives: { forCampaign: async () => initiatives },
    votes: { results: async () => results },
    site: {
      readManifest: async () => manifest,
      writeManifest: async (m) => {
        log.push('manifest');
        manifest = m;
      },
      put: async (path, file) => {
        log.push(`put ${path}`);
        bucket.set(path, file);
      },
      delete: async (paths) => {
        log.push(`delete ${paths.join(',')}`);
        paths.forEach((p) => bucket.delete(p));
      },
    },
    invalidator: options.invalidator ?? {
      invalidate: async (paths, reference) => {
        log.push('invalidate');
        invalidated.push({ paths, reference });
        return { id: 'I1' };
      },
    },
    siteUrl: 'https://initiatives.example.org',
    frontend: options.frontend ?? (async () => fixtureApps()),
    now: () => FIXTURE_NOW,
  };
  return {
    ctx,
    bucket,
    log,
    invalidated,
    campaign,
    setInitiatives: (next: typeof initiatives) => (initiatives = next),
    setResults: (next: typeof results) => (results = next),
    manifest: () => manifest,
  };
}

describe('publishCampaign', () => {
  it('writes assets, then pages, then the manifest; the mode follows the phase', async () => {
    const { ctx, log, bucket, campaign } = memoryContext();
    const result = await publishCampaign(ctx, campaign.id);
    expect(result).toMatchObject({
      campaignId: campaign.id,
      mode: 'launched',
      initiatives: 6,
      deleted: [],
      invalidated: [],
    });
    expect(bucket.size).toBe(result.files);
    const lastAsset = log.findLastIndex((l) => l.startsWith('put /assets/'));
    const firstPage = log.findIndex((l) => l.endsWith('.html'));
    expect(lastAsset).toBeLessThan(firstPage);
    expect(log.at(-1)).toBe('manifest');
    expect(defaultMode(fixtureCampaign({ phase: 'open' }))).toBe('holding');
    expect(defaultMode(fixtureCampaign({ phase: 'closed' }))).toBe('launched');
    expect(defaultMode(undefined)).toBe('holding');
  });

  it('after an edit writes and invalidates only what changed; replaying writes nothing', async () => {
    const { ctx, log, invalidated, campaign, setInitiatives } = memoryContext();
    await publishCampaign(ctx, campaign.id);
    const edited = fixtureInitiatives();
    edited[4]!.article.body = `${edited[4]!.article.body}\n\nUn paragraphe ajouté à la relecture.`;
    setInitiatives(edited);
    log.length = 0;
    const result = await publishCampaign(ctx, campaign.id);
    // The page at the root and its copy under the edition's year (functions/domain/site/editions.ts).
    const page = 'initiatives/une-ressourcerie-qui-donne-une-seconde-vie-aux-meubles/';
    expect(result.written).toEqual([`/2028/${page}index.html`, `/${page}index.html`]);
    expect(log).toEqual([`put /2028/${page}index.html`, `put /${page}index.html`, 'invalidate', 'manifest']);
    expect(invalidated.at(-1)!.paths).toEqual([
      `/2028/${page}`,
      `/2028/${page}index.html`,
      `/${page}`,
      `/${page}index.html`,
    ]);
    log.length = 0;
    expect(await publishCampaign(ctx, campaign.id)).toMatchObject({ written: [], deleted: [], invalidated: [] });
    expect(log).toEqual(['manifest']);
  });

  it('publishes the results once frozen (not while the freeze is under way), at the root and under the year', async () => {
    const { ctx, campaign, setResults } = memoryContext();
    setResults({ state: 'freezing', frozenAt: '2028-07-01T00:00:00+02:00' });
    expect((await publishCampaign(ctx, campaign.id)).written).not.toContain('/resultats/index.html');
    setResults({ state: 'frozen', total: 31, tallies: [], ...fixtureResults() });
    const result = await publishCampaign(ctx, campaign.id);
    expect(result.written).toEqual(
      expect.arrayContaining(['/resultats/index.html', '/2028/resultats/index.html', '/index.html']),
    );
  });

  it('keeps the previous manifest when the invalidation fails, so the retry invalidates the same paths under the same reference', async () => {
    let fail = true;
    const calls: { paths: string[]; reference: string }[] = [];
    const flaky: Invalidator = {
      invalidate: async (paths, reference) => {
        calls.push({ paths, reference });
        if (fail) throw new Error('Throttling');
        return { id: 'I2' };
      },
    };
    const { ctx, campaign, setInitiatives, manifest } = memoryContext({ invalidator: flaky });
    await publishCampaign(ctx, campaign.id);
    const before = manifest();
    setInitiatives(fixtureInitiatives().slice(1));
    await expect(publishCampaign(ctx, campaign.id)).rejects.toThrow('Throttling');
    expect(manifest()).toBe(before);
    fail = false;
    const result = await publishCampaign(ctx, campaign.id);
    // The initiative went away, and with it the only page of its region.
    const gone = [
      '/initiatives/un-atelier-velo-pour-reprendre-la-route-de-l-emploi/index.html',
      '/regions/bourgogne-franche-comte/index.html',
    ];
    expect(result.deleted).toEqual([...gone.map((p) => `/2028${p}`), ...gone]);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual(calls[0]);
    expect(result.invalidationId).toBe('I2');
  });

  it('publishes the holding page of the current campaign, or a no-call page when there is none', async () => {
    const { ctx, bucket } = memoryContext({ phase: 'open' });
    expect((await publishCampaign(ctx, undefined)).mode).toBe('holding');
    expect(String(bucket.get('/index.html')!.body)).toContain('Les candidatures sont closes');
    const empty = memoryContext();
    empty.ctx.campaigns = { get: async () => undefined, current: async () => undefined, list: async () => [] };
    expect(await publishCampaign(empty.ctx, undefined)).toMatchObject({ campaignId: null, mode: 'holding' });
    expect(String(empty.bucket.get('/index.html')!.body)).toContain('Aucun appel à initiatives n’est ouvert');
    await expect(publishCampaign(empty.ctx, 'inconnue')).rejects.toThrow('campaign inconnue not found');
  });
});

describe('the built apps', () => {
  it('are published with the pages under the same manifest; a rendered page wins over an app file of the same path', async () => {
    const { ctx, bucket, campaign, manifest } = memoryContext();
    await publishCampaign(ctx, campaign.id);
    for (const p of REQUIRED_APP_FILES) expect(String(bucket.get(p)!.body)).toBe(`app ${p}`);
    expect(bucket.get('/admin/main-ABCDEFGH.js')!.cacheControl).toBe(CACHE_CONTROL.immutable);
    expect(Object.keys(manifest()!.files)).toEqual(expect.arrayContaining([...REQUIRED_APP_FILES, '/index.html']));
    expect(String(bucket.get('/404.html')!.body)).not.toBe('404 of the apps');
  });

  it('missing, the publication refuses before writing or deleting anything, and says so in French', async () => {
    let apps = fixtureApps();
    const { ctx, bucket, log, campaign, manifest } = memoryContext({ frontend: async () => apps });
    await publishCampaign(ctx, campaign.id);
    const before = new Map(bucket);
    const published = manifest();
    log.length = 0;
    // The timeline's old path: a bundle without the folder, so no app file at all.
    apps = new Map();
    const refused = await publishCampaign(ctx, campaign.id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PublicationRefused);
    expect((refused as PublicationRefused).missing).toEqual([...REQUIRED_APP_FILES]);
    expect((refused as Error).message).toMatch(
      /^Publication refusée\u00a0: les applications du site \(formulaire, console…\) manquent .* rien n’a été modifié/,
    );
    // One app missing is enough.
    apps = fixtureApps();
    apps.delete('/vote/widget.js');
    await expect(publishCampaign(ctx, campaign.id)).rejects.toThrow(/\/vote\/widget\.js/);
    expect(log).toEqual([]);
    expect(bucket).toEqual(before);
    expect(manifest()).toBe(published);
  });

  it('are read from a folder by URL path, with types and cache lifetimes; an absent folder gives none, and the publication refuses', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'avenir-apps-'));
    try {
      for (const p of [...REQUIRED_APP_FILES, '/admin/main-QZP6UL3F.js']) {
        await mkdir(path.join(dir, path.dirname(p)), { recursive: true });
        await writeFile(path.join(dir, p), `app ${p}`);
      }
      const files = await frontendFiles(dir);
      expect([...files.keys()].sort()).toEqual([...REQUIRED_APP_FILES, '/admin/main-QZP6UL3F.js'].sort());
      expect(files.get('/admin/index.html')).toMatchObject({
        contentType: 'text/html; charset=utf-8',
        cacheControl: CACHE_CONTROL.page,
      });
      expect(files.get('/admin/main-QZP6UL3F.js')).toMatchObject({
        contentType: 'text/javascript; charset=utf-8',
        cacheControl: CACHE_CONTROL.immutable,
      });
      const { ctx, bucket, campaign } = memoryContext({ frontend: () => frontendFiles(dir) });
      await publishCampaign(ctx, campaign.id);
      expect(String(bucket.get('/vote/widget.css')!.body)).toBe('app /vote/widget.css');

      const absent = memoryContext({ frontend: () => frontendFiles(path.join(dir, 'nowhere')) });
      expect((await frontendFiles(path.join(dir, 'nowhere'))).size).toBe(0);
      await expect(publishCampaign(absent.ctx, absent.campaign.id)).rejects.toBeInstanceOf(PublicationRefused);
      expect(absent.bucket.size).toBe(0);
      expect(absent.log).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('CloudFrontInvalidator', () => {
  it('creates one invalidation with the paths, encoded, and the publication reference', async () => {
    // A real client; CloudFront's answer is injected in its middleware stack, before any request.
    const inputs: CreateInvalidationCommandInput[] = [];
    const client = new CloudFrontClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    });
    client.middlewareStack.add(
      () => async (args) => {
        inputs.push(args.input as CreateInvalidationCommandInput);
        return { output: { Invalidation: { Id: 'I3ABC', Status: 'InProgress' }, $metadata: {} } } as never;
      },
      { step: 'initialize' },
    );
    const invalidator = new CloudFrontInvalidator(client, 'E2EXAMPLE');
    expect(await invalidator.invalidate(['/', '/index.html', '/régions/é/'], 'ref-1')).toEqual({ id: 'I3ABC' });
    expect(inputs).toEqual([
      {
        DistributionId: 'E2EXAMPLE',
        InvalidationBatch: {
          CallerReference: 'ref-1',
          Paths: { Quantity: 3, Items: ['/', '/index.html', '/r%C3%A9gions/%C3%A9/'] },
        },
      },
    ]);
    expect(await invalidator.invalidate([], 'ref-2')).toEqual({});
    expect(inputs).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { CloudFrontInvalidator, type CloudFrontInvalidations, type Invalidator } from '../../functions/adapters/invalidator.ts';
import type { Manifest, SiteFile } from '../../functions/domain/site/index.ts';
import { defaultMode, publishCampaign, type PublishContext } from '../../functions/publish/publish.ts';
import { FIXTURE_NOW, fixtureCampaign, fixtureInitiatives } from '../support/site-fixtures.ts';

/** The publication's orchestration with in-memory stores: order of writes, manifest last, retries. */
function memoryContext(options: { invalidator?: Invalidator; phase?: 'open' | 'launched' } = {}) {
  const bucket = new Map<string, SiteFile>();
  const log: string[] = [];
  let manifest: Manifest | undefined;
  const campaign = fixtureCampaign({ phase: options.phase ?? 'launched' });
  let initiatives = fixtureInitiatives();
  const invalidated: { paths: string[]; reference: string }[] = [];
  const ctx: PublishContext = {
    campaigns: { get: async (id) => (id === campaign.id ? (campaign as never) : undefined), current: async () => campaign as never },
    initiatives: { forCampaign: async () => initiatives },
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
    now: () => FIXTURE_NOW,
  };
  return { ctx, bucket, log, invalidated, campaign, setInitiatives: (next: typeof initiatives) => (initiatives = next), manifest: () => manifest };
}

describe('publishCampaign', () => {
  it('writes assets, then pages, then the manifest; the mode follows the phase', async () => {
    const { ctx, log, bucket, campaign } = memoryContext();
    const result = await publishCampaign(ctx, campaign.id);
    expect(result).toMatchObject({ campaignId: campaign.id, mode: 'launched', initiatives: 6, deleted: [], invalidated: [] });
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
    expect(result.written).toEqual(['/initiatives/une-ressourcerie-qui-donne-une-seconde-vie-aux-meubles/index.html']);
    expect(log).toEqual(['put /initiatives/une-ressourcerie-qui-donne-une-seconde-vie-aux-meubles/index.html', 'invalidate', 'manifest']);
    expect(invalidated.at(-1)!.paths).toEqual(['/initiatives/une-ressourcerie-qui-donne-une-seconde-vie-aux-meubles/', '/initiatives/une-ressourcerie-qui-donne-une-seconde-vie-aux-meubles/index.html']);
    log.length = 0;
    expect(await publishCampaign(ctx, campaign.id)).toMatchObject({ written: [], deleted: [], invalidated: [] });
    expect(log).toEqual(['manifest']);
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
    expect(result.deleted).toEqual(['/initiatives/un-atelier-velo-pour-reprendre-la-route-de-l-emploi/index.html', '/regions/bourgogne-franche-comte/index.html']);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual(calls[0]);
    expect(result.invalidationId).toBe('I2');
  });

  it('publishes the holding page of the current campaign, or a no-call page when there is none', async () => {
    const { ctx, bucket } = memoryContext({ phase: 'open' });
    expect((await publishCampaign(ctx, undefined)).mode).toBe('holding');
    expect(String(bucket.get('/index.html')!.body)).toContain('Les candidatures sont closes');
    const empty = memoryContext();
    empty.ctx.campaigns = { get: async () => undefined, current: async () => undefined };
    expect(await publishCampaign(empty.ctx, undefined)).toMatchObject({ campaignId: null, mode: 'holding' });
    expect(String(empty.bucket.get('/index.html')!.body)).toContain('Aucun appel à initiatives n&#x27;est ouvert');
    await expect(publishCampaign(empty.ctx, 'inconnue')).rejects.toThrow('campaign inconnue not found');
  });
});

describe('CloudFrontInvalidator', () => {
  it('creates one invalidation with the paths, encoded, and the publication reference', async () => {
    const inputs: Parameters<CloudFrontInvalidations['createInvalidation']>[0][] = [];
    const client: CloudFrontInvalidations = {
      createInvalidation: async (input) => {
        inputs.push(input);
        return { Invalidation: { Id: 'I3ABC', Status: 'InProgress' } };
      },
    };
    const invalidator = new CloudFrontInvalidator(client, 'E2EXAMPLE');
    expect(await invalidator.invalidate(['/', '/index.html', '/régions/é/'], 'ref-1')).toEqual({ id: 'I3ABC' });
    expect(inputs).toEqual([
      { DistributionId: 'E2EXAMPLE', InvalidationBatch: { CallerReference: 'ref-1', Paths: { Quantity: 3, Items: ['/', '/index.html', '/r%C3%A9gions/%C3%A9/'] } } },
    ]);
    expect(await invalidator.invalidate([], 'ref-2')).toEqual({});
    expect(inputs).toHaveLength(1);
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HttpEvent } from '../../functions/shared/http.ts';

/**
 * POST /api/resume-links must not tell by its duration whether an address has applied: both paths
 * go through the same floor (functions/shared/min-duration.ts). Checked by structure, never timed:
 * the floor is replaced by a recorder here (its own timing is tested with fake timers).
 */
const floors = vi.hoisted(() => ({ calls: [] as { floorMs: number; finished: boolean }[] }));
vi.mock('../../functions/shared/min-duration.ts', () => ({
  atLeast: async <T>(floorMs: number, work: () => Promise<T>): Promise<T> => {
    const call = { floorMs, finished: false };
    floors.calls.push(call);
    try {
      return await work();
    } finally {
      call.finished = true;
    }
  },
}));

const fake = vi.hoisted(() => ({
  sendOnce: vi.fn(async () => undefined),
  hit: vi.fn(async () => true),
  campaign: { id: 'c1', dates: { deadline: '2028-02-29T22:59:59.000Z' } },
  files: [{ id: 'a1', contactEmail: 'connue@example.org', fields: { initiative: { name: 'La recyclerie' } } }],
}));
vi.mock('../../functions/services/context.ts', () => ({
  appContext: () => ({
    env: { SITE_URL: 'https://site.example' },
    campaigns: { current: async () => fake.campaign },
    applications: { listByCampaign: async () => fake.files, addToken: async () => undefined },
    mailer: { sendOnce: fake.sendOnce },
  }),
}));
vi.mock('../../functions/services/votes.ts', () => ({ voteContext: () => ({ votes: { hit: fake.hit } }) }));

const { resendResumeLinks, RESUME_LINKS_FLOOR_MS } = await import('../../functions/api/resume-routes.ts');

const request = (body: string) => ({
  event: { body, isBase64Encoded: false, headers: { 'content-type': 'application/json' } } as unknown as HttpEvent,
});

beforeEach(() => {
  floors.calls.length = 0;
  fake.sendOnce.mockClear();
  fake.hit.mockClear();
});

describe('POST /api/resume-links: one floor for every answer', () => {
  it('a known and an unknown address get the same answer through the same floor', async () => {
    const known = await resendResumeLinks(request(JSON.stringify({ email: 'connue@example.org' })));
    const unknown = await resendResumeLinks(request(JSON.stringify({ email: 'inconnue@example.org' })));
    expect(known).toEqual(unknown);
    expect(known.statusCode).toBe(202);
    // Only the known address is emailed (and counted), yet both answers waited for the same floor.
    expect(fake.sendOnce).toHaveBeenCalledTimes(1);
    expect(fake.hit).toHaveBeenCalledTimes(1);
    expect(floors.calls).toEqual([
      { floorMs: RESUME_LINKS_FLOOR_MS, finished: true },
      { floorMs: RESUME_LINKS_FLOOR_MS, finished: true },
    ]);
    expect(RESUME_LINKS_FLOOR_MS).toBeGreaterThanOrEqual(100);
  });

  it('past the limit: the same 202 through the same floor, no email', async () => {
    fake.hit.mockResolvedValueOnce(false);
    const limited = await resendResumeLinks(request(JSON.stringify({ email: 'connue@example.org' })));
    expect(limited.statusCode).toBe(202);
    expect(fake.sendOnce).not.toHaveBeenCalled();
    expect(floors.calls).toEqual([{ floorMs: RESUME_LINKS_FLOOR_MS, finished: true }]);
  });

  it('an invalid request waits for the floor too before its 400', async () => {
    await expect(resendResumeLinks(request(JSON.stringify({ email: 'pas une adresse' })))).rejects.toMatchObject({
      kind: 'validation',
    });
    expect(floors.calls).toEqual([{ floorMs: RESUME_LINKS_FLOOR_MS, finished: true }]);
  });
});

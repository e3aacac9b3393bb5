import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { isRejection, processPhoto } from '../../functions/photo/process-image.ts';
import { runSmoke, securityHeaderProblems, smokePhoto } from '../../infra/smoke.ts';

/** The pure parts of `npm run smoke` (infra/smoke.ts); the whole run is test/integration/smoke.test.ts. */

const cloudFrontHeaders = {
  'content-security-policy': "default-src 'self'; script-src 'self'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

describe('securityHeaderProblems', () => {
  it('finds nothing wrong with the headers CloudFront adds', () => {
    expect(securityHeaderProblems(new Headers(cloudFrontHeaders))).toEqual([]);
  });

  it('names each missing or unexpected header, in French', () => {
    const { 'x-frame-options': _gone, ...rest } = cloudFrontHeaders;
    expect(securityHeaderProblems(new Headers({ ...rest, 'referrer-policy': 'unsafe-url' }))).toEqual([
      'x-frame-options absent',
      'referrer-policy inattendu (« unsafe-url »)',
    ]);
  });
});

describe('smokePhoto', () => {
  it('makes 4 small real JPEGs that pass the photo rules', { timeout: 30_000 }, async () => {
    for (const slot of [1, 2, 3, 4]) {
      const photo = await smokePhoto(slot);
      const meta = await sharp(photo).metadata();
      expect(meta).toMatchObject({ format: 'jpeg', width: 1200, height: 800 });
      expect(photo.length).toBeLessThan(50_000);
      const processed = await processPhoto(photo);
      expect(isRejection(processed)).toBe(false);
    }
  });
});

describe('runSmoke', () => {
  it('fails every check it can reach, in French, without throwing, when nothing answers', async () => {
    const lines: string[] = [];
    // A loopback port that was just free: connections are refused at once.
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const result = await runSmoke(`http://127.0.0.1:${port}/`, { log: (line) => lines.push(line) });
    expect(result.ok).toBe(false);
    expect(result.applicationId).toBeUndefined();
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([
      ["Page d'accueil (/)", false],
      ['Formulaire de candidature (/candidater/)', false],
      ['API : appel à initiatives (GET /api/campaign)', false],
    ]);
    expect(result.checks.every((c) => c.advice)).toBe(true);
    expect(lines[0]).toBe("✗ Page d'accueil (/) : injoignable (ECONNREFUSED)");
    expect(lines.at(-1)).toMatch(/3 vérification\(s\) sur 3 en échec/);
  });
});

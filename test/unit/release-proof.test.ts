import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { releaseProofPdf } from '../../functions/api/release-proof.ts';
import { directionRuns, drawableText } from '../../functions/shared/pdf-writer.ts';
import type { OnlineRelease } from '../../functions/domain/application.ts';
import { DomainError } from '../../functions/domain/errors.ts';
import { errorResponse } from '../../functions/shared/http.ts';
import { pdfText } from '../support/pdf-text.ts';

/**
 * The release proof (POST /api/applications/:id/release) for names outside WinAnsi: the PDF holds
 * them (read back through its ToUnicode maps, and with poppler's pdftotext where it is installed),
 * and a name the embedded font cannot draw is a French 400 naming the characters, never a 500.
 */

const release = (overrides: Partial<OnlineRelease> = {}): OnlineRelease => ({
  lastName: 'Martin',
  firstName: 'Claire',
  role: 'Directrice',
  organisation: 'Atelier du Val',
  imageCount: 4,
  consentsObtained: true,
  authorisePlatform: true,
  authoriseSocial: true,
  authoriseAllMedia: true,
  acknowledgesNoHarm: true,
  place: 'Lyon',
  approval: 'lu et approuvé',
  ...overrides,
});
const proof = (overrides: Partial<OnlineRelease>, initiativeName?: string) =>
  releaseProofPdf({
    release: release(overrides),
    applicationId: 'app-1',
    initiativeName,
    signedAt: '2028-03-01T10:00:00Z',
  });

/** pdftotext, if this machine has poppler-utils; undefined otherwise. */
async function popplerText(bytes: Uint8Array): Promise<string | undefined> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'proof-'));
  try {
    await writeFile(path.join(dir, 'proof.pdf'), bytes);
    const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'proof.pdf'), '-']);
    return stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
/** Spaces of any kind as one space; bidi marks (poppler wraps right-to-left runs in them) dropped. */
const flat = (text: string) => text.replace(/[\u202a-\u202e\u200e\u200f]/g, '').replace(/\s+/g, ' ');

describe('the release proof PDF', () => {
  const cases: { name: string; overrides: Partial<OnlineRelease>; expected: string[] }[] = [
    { name: 'Polish', overrides: { firstName: 'Łukasz', lastName: 'Świątek' }, expected: ['Łukasz Świątek'] },
    {
      name: 'Turkish',
      overrides: { firstName: 'Şule', lastName: 'Çelik', place: 'İzmir' },
      expected: ['Şule Çelik', 'Fait à İzmir'],
    },
    {
      name: 'Vietnamese',
      overrides: { firstName: 'Nguyễn Thị', lastName: 'Ánh', organisation: 'Hợp tác xã Đồng Tâm' },
      expected: ['Nguyễn Thị Ánh', 'Hợp tác xã Đồng Tâm'],
    },
    { name: 'Arabic', overrides: { firstName: 'محمد', lastName: 'بن علي' }, expected: ['محمد بن علي'] },
    {
      name: 'a decomposed « é » (e + U+0301)',
      overrides: { firstName: 'Rene\u0301e', lastName: 'Lefe\u0300vre' },
      expected: ['Renée Lefèvre'],
    },
    {
      name: 'a tab and a line break',
      overrides: { firstName: 'Claire\tMarie', role: 'Directrice\nadjointe' },
      expected: ['Claire Marie Martin, Directrice adjointe,'],
    },
  ];

  for (const { name, overrides, expected } of cases) {
    it(`holds a ${name} name, readable as text`, async () => {
      const bytes = await proof(overrides);
      const { lines, fonts, unmapped } = await pdfText(bytes);
      const text = flat(lines.join(' '));
      for (const part of expected) expect(text).toContain(part);
      // DejaVu Sans, every glyph drawn mapped back to text, and only the glyphs used embedded (the font file is 740 KB).
      expect(fonts.length).toBeGreaterThan(0);
      expect(
        fonts.every((f) => f.startsWith('/DejaVuSans')),
        fonts.join(),
      ).toBe(true);
      expect(unmapped).toBe(0);
      expect(bytes.length).toBeLessThan(60_000);
      const poppler = await popplerText(bytes);
      if (poppler !== undefined) for (const part of expected) expect(flat(poppler)).toContain(part);
    });
  }

  it('writes the statements in French typography, with the date as « 1er mars »', async () => {
    const text = flat((await pdfText(await proof({}))).lines.join(' '));
    expect(text).toContain('Décharge droit à l’image');
    expect(text).toContain('Je soussigné(e) Claire Martin, Directrice, pour Atelier du Val :');
    expect(text).toContain('Fait à Lyon, le 1er mars 2028 à 11 h 00 (heure de Paris).');
    expect((await pdfText(await proof({}))).lines.join('\n')).toContain('Atelier du Val\u00a0:');
  });

  it('refuses a name the font cannot draw (CJK, most emoji) with a French 400 naming the characters', async () => {
    const error = await proof({ lastName: '王小明', firstName: 'Claire 🚲' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    const response = errorResponse(error, 'req-1');
    expect(response.statusCode).toBe(400);
    const body = JSON.parse(response.body as string) as {
      message: string;
      issues: { field: string; message: string }[];
    };
    expect(body.message).toMatch(/^Certains caractères ne peuvent pas figurer dans la décharge/);
    expect(body.issues).toEqual([
      {
        field: 'lastName',
        message: expect.stringMatching(
          /^Nom du signataire\u00a0: les caractères «\u00a0王\u00a0», «\u00a0小\u00a0» et «\u00a0明\u00a0» ne peuvent pas figurer dans la décharge signée en ligne\./,
        ),
      },
      { field: 'firstName', message: expect.stringContaining('le caractère «\u00a0🚲\u00a0» ne peut pas') },
    ]);
  });

  it('leaves out of the file label what the font lacks in the initiative name (the applicant cannot fix it here)', async () => {
    const text = flat((await pdfText(await proof({}, 'Vélos 🚲 partagés'))).lines.join(' '));
    expect(text).toContain('Dossier app-1 – initiative « Vélos partagés »');
  });

  it('normalizes what was typed, and cuts lines into runs of one direction', () => {
    expect(drawableText(' Rene\u0301e\t\tdu\r\nVal\u0007 ')).toBe('Renée du Val');
    expect(directionRuns('Je soussigné(e) محمد بن علي, Directrice')).toEqual([
      'Je soussigné(e) ',
      'محمد بن علي',
      ', Directrice',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateCompleteness, type CompletenessInput } from '../../functions/domain/completeness.ts';
import { completeFields } from '../support/fixtures.ts';

const fourReady = [1, 2, 3, 4].map((slot) => ({ slot, state: 'ready' as const }));
const base: CompletenessInput = {
  fields: completeFields(),
  photos: fourReady,
  release: { mode: 'online', imageCount: 4 },
  photoCount: 4,
  submitted: true,
};

describe('evaluateCompleteness', () => {
  it('is complete with valid fields, 4 ready photos and a release for 4 images', () => {
    expect(evaluateCompleteness(base)).toEqual({ complete: true, pending: false, missing: [], status: 'complete' });
  });

  it('stays a draft until the applicant sends the file, even when complete', () => {
    expect(evaluateCompleteness({ ...base, submitted: false })).toMatchObject({ complete: true, status: 'draft' });
  });

  it('lists every missing field with its path and a French message', () => {
    const result = evaluateCompleteness({ ...base, fields: { contact: { email: 'a@b.fr' } } });
    expect(result.status).toBe('incomplete');
    const fields = result.missing.map((m) => m.field);
    expect(fields).toEqual(expect.arrayContaining(['company', 'initiative', 'contact.lastName', 'contact.phone']));
    expect(result.missing.find((m) => m.field === 'contact.phone')!.message).toMatch(/Téléphone/);
  });

  it('counts only ready photos and says which slot is missing, pending or refused', () => {
    const result = evaluateCompleteness({
      ...base,
      photos: [
        { slot: 1, state: 'ready' },
        { slot: 2, state: 'processing' },
        { slot: 3, state: 'rejected', message: 'image trop petite.' },
      ],
    });
    expect(result.complete).toBe(false);
    expect(result.pending).toBe(true);
    expect(result.missing.map((m) => m.field)).toEqual(['photos.2', 'photos.3', 'photos.4']);
    expect(result.missing[1]!.message).toContain('image trop petite.');
  });

  it('requires the release to cover exactly the number of photos asked', () => {
    const result = evaluateCompleteness({ ...base, release: { mode: 'online', imageCount: 3 } });
    expect(result.complete).toBe(false);
    expect(result.missing).toEqual([{ field: 'release', message: expect.stringContaining('couvre 3 images alors') }]);
  });

  it('accepts a received scan and refuses a rejected or missing one', () => {
    expect(
      evaluateCompleteness({ ...base, release: { mode: 'scan', state: 'received', imageCount: 4 } }).complete,
    ).toBe(true);
    expect(
      evaluateCompleteness({
        ...base,
        release: { mode: 'scan', state: 'rejected', imageCount: 4, message: 'illisible' },
      }).complete,
    ).toBe(false);
    expect(evaluateCompleteness({ ...base, release: null }).missing[0]!.field).toBe('release');
  });

  it('refuses a description shorter than about 10 lines', () => {
    const fields = completeFields();
    fields.initiative.description = 'Trop court.';
    expect(evaluateCompleteness({ ...base, fields }).missing.map((m) => m.field)).toEqual(['initiative.description']);
  });
});

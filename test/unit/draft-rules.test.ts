import { describe, expect, it } from 'vitest';
import {
  contactDraftSchema,
  contactSchema,
  createApplicationSchema,
  DESCRIPTION_MAX,
  fieldsUpdateSchema,
  initiativeDraftSchema,
  initiativeSchema,
} from '../../functions/domain/application.ts';
import {
  completenessNotice,
  evaluateCompleteness,
  type Completeness,
  type HistoryLine,
} from '../../functions/domain/completeness.ts';
import { completeFields } from '../support/fixtures.ts';

const SHORT = 'Notre atelier répare des vélos. '.repeat(10).slice(0, 300);
const TOO_SHORT = 'Description\u00a0: au moins 1000 caractères (environ 10 lignes).';

describe('draft rules (autosave) and final rules (« J’envoie mon dossier »), one definition', () => {
  it('keeps a 300-character description as a draft; the final rule refuses it, in French', () => {
    expect(SHORT).toHaveLength(300);
    expect(initiativeDraftSchema.parse({ description: SHORT })).toEqual({ description: SHORT.trim() });
    expect(fieldsUpdateSchema.parse({ initiative: { description: SHORT } })).toEqual({
      initiative: { description: SHORT.trim() },
    });

    const final = initiativeSchema.shape.description.safeParse(SHORT);
    expect(final.success).toBe(false);
    expect(final.error!.issues.map((i) => i.message)).toEqual([TOO_SHORT]);
  });

  it('lets the completeness check judge a stored draft by the final rules, one line per field', () => {
    const fields = completeFields();
    const stored = {
      ...fields,
      initiative: { ...fields.initiative, description: SHORT },
      contact: { ...fields.contact, email: 'claire.martin@exa' },
    };
    const result = evaluateCompleteness({ fields: stored, photos: [], release: null, photoCount: 0, submitted: true });
    expect(result.missing.filter((m) => m.field.includes('.'))).toEqual([
      {
        field: 'contact.email',
        message: 'Courriel\u00a0: indiquez une adresse valide, par exemple prenom.nom@exemple.fr.',
      },
      { field: 'initiative.description', message: TOO_SHORT },
    ]);
  });

  it('keeps a half-typed email, postal code or phone as typed (trimmed), and an emptied field as empty', () => {
    expect(
      fieldsUpdateSchema.parse({
        company: { postalCode: ' 690 ', name: '' },
        contact: { email: ' Claire.Martin@Exa ', phone: '06 12' },
      }),
    ).toEqual({
      company: { postalCode: '690', name: '' },
      contact: { email: 'claire.martin@exa', phone: '06 12' },
    });
    expect(contactSchema.shape.email.safeParse('claire.martin@exa').success).toBe(false);
    // A new file still needs a valid email: the private link goes there.
    expect(
      createApplicationSchema.safeParse({
        creationKey: crypto.randomUUID(),
        fields: { contact: { email: 'claire.martin@exa' } },
      }).success,
    ).toBe(false);
  });

  it('still bounds a draft: types, twice the final maximum, and the axis among the three', () => {
    const long = initiativeDraftSchema.safeParse({ description: 'x'.repeat(2 * DESCRIPTION_MAX + 1) });
    expect(long.error!.issues[0]!.message).toBe(
      'Description\u00a0: texte trop long pour être enregistré (4000 caractères au maximum).',
    );
    // Over the final maximum but within the draft's: kept, so that it can be shortened in place.
    expect(initiativeDraftSchema.safeParse({ description: 'x'.repeat(DESCRIPTION_MAX + 100) }).success).toBe(true);
    expect(contactDraftSchema.safeParse({ lastName: 42 }).error!.issues[0]!.message).toBe(
      'Nom\u00a0: du texte est attendu.',
    );
    expect(initiativeDraftSchema.safeParse({ axis: 'autre' }).success).toBe(false);
    expect(fieldsUpdateSchema.safeParse({ initiative: { description: 'x'.repeat(5_000_000) } }).success).toBe(false);
  });
});

describe('completeness emails: what « J’envoie mon dossier » tells', () => {
  const complete: Completeness = { complete: true, pending: false, missing: [], status: 'complete' };
  const missingPhoto: Completeness = {
    complete: false,
    pending: false,
    missing: [{ field: 'photos.1', message: 'Photo 1 : à ajouter.' }],
    status: 'incomplete',
  };
  const told = (kind: string, verdict?: string): HistoryLine => ({ type: 'email', kind, ...(verdict && { verdict }) });

  it('tells « complet » once, then only a change: missing once, complete again once', () => {
    const history: HistoryLine[] = [{ type: 'created' }, told('welcome')];
    expect(completenessNotice(complete, history)).toEqual({ kind: 'complete', verdict: 'complete', sequence: 1 });
    history.push(told('complete', 'complete'));
    expect(completenessNotice(complete, history)).toBeNull();

    expect(completenessNotice(missingPhoto, history)).toEqual({
      kind: 'missing',
      verdict: 'missing:photos.1',
      sequence: 2,
    });
    history.push(told('missing', 'missing:photos.1'));
    expect(completenessNotice(missingPhoto, history)).toBeNull();
    // Another list is another state.
    const missingRelease = { ...missingPhoto, missing: [{ field: 'release', message: 'Décharge…' }] };
    expect(completenessNotice(missingRelease, history)).toMatchObject({ kind: 'missing', sequence: 3 });

    expect(completenessNotice(complete, history)).toEqual({ kind: 'complete', verdict: 'complete', sequence: 3 });
  });

  it('counts a reminder as « not complete » and says nothing while a file is still being checked', () => {
    expect(completenessNotice(complete, [told('complete', 'complete'), told('reminder')])).toMatchObject({
      kind: 'complete',
      sequence: 2,
    });
    expect(completenessNotice(missingPhoto, [told('reminder')])).toMatchObject({ kind: 'missing', sequence: 1 });
    // An email recorded before verdicts were: its list is unknown, so a submission tells it again.
    expect(completenessNotice(missingPhoto, [told('missing')])).toMatchObject({ kind: 'missing', sequence: 2 });
    expect(completenessNotice({ ...missingPhoto, pending: true }, [])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { withOfficialPlace } from '../../functions/domain/geo.ts';
import { completeFields, PLACES } from '../support/fixtures.ts';

const company = (fields: Record<string, string>) => ({
  company: { name: 'SCOP', address: '1 rue', postalCode: '', city: '', region: '', department: '', ...fields },
});

describe('the company’s place, from the official list', () => {
  it('derives the department and the region from the postal code, whatever was typed', () => {
    const placed = withOfficialPlace(
      company({ postalCode: '29200', city: 'brest', region: 'Région inventée', department: 'Nulle part' }),
    );
    expect(placed.company).toMatchObject({ city: 'Brest', department: 'Finistère', region: 'Bretagne' });
  });

  it('keeps a city the code does not list when the code’s communes share one department', () => {
    // 35000 is Rennes only; a hamlet's name is kept, the department and region still follow.
    expect(withOfficialPlace(company({ postalCode: '35000', city: 'Le Blosne' })).company).toMatchObject({
      city: 'Le Blosne',
      department: 'Ille-et-Vilaine',
      region: 'Bretagne',
    });
  });

  it('leaves the department and the region empty for an unknown code: no made-up region survives', () => {
    expect(
      withOfficialPlace(company({ postalCode: '99999', city: 'Atlantis', region: 'Atlantide' })).company,
    ).toMatchObject({
      city: 'Atlantis',
      department: '',
      region: '',
    });
  });

  it('leaves a postal code still being typed alone', () => {
    const typing = company({ postalCode: '350', region: 'Bretagne' });
    expect(withOfficialPlace(typing)).toEqual(typing);
    expect(withOfficialPlace({})).toEqual({});
  });

  it('agrees with the fixtures the tests seed', () => {
    expect(withOfficialPlace(completeFields()).company).toMatchObject(completeFields().company);
    for (const [region, place] of Object.entries(PLACES))
      expect(withOfficialPlace(company(place)).company?.region).toBe(region);
  });
});

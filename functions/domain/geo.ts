import type { DraftFields } from './application.ts';
import { fold } from './french.ts';
import geo from './geo-data.json' with { type: 'json' };

/** Communes, departments and regions of France (generated from the official division, see infra/generate-geo.ts). */
interface GeoData {
  regions: Record<string, string>;
  departments: Record<string, [name: string, region: string]>;
  postal: Record<string, [city: string, department: string][]>;
}
const data = geo as unknown as GeoData;

export interface Commune {
  city: string;
  department: { code: string; name: string };
  region: { code: string; name: string };
}

export function communesForPostalCode(postalCode: string): Commune[] {
  return (data.postal[postalCode] ?? []).map(([city, code]) => {
    const [name, regionCode] = data.departments[code] ?? [code, ''];
    return { city, department: { code, name }, region: { code: regionCode, name: data.regions[regionCode] ?? '' } };
  });
}

/**
 * The company's place as the official list has it. The department and the region always follow from
 * the postal code (a made-up region would otherwise open a public region page); the city takes its
 * official spelling when it is one of the code's communes, and stays as typed otherwise (a hamlet, a
 * former commune), as long as the code's communes share one department. An unknown code, or a city
 * that does not say which department a code spanning two means, leaves the department and the
 * region empty: the completeness check then asks for them and the form lists the code's communes.
 * A postal code still being typed (not 5 digits) is left alone: the final rules judge it.
 */
export function withOfficialPlace(fields: Partial<DraftFields>): Partial<DraftFields> {
  const company = fields.company;
  const postalCode = company?.postalCode?.trim() ?? '';
  if (!company || !/^\d{5}$/.test(postalCode)) return fields;
  const communes = communesForPostalCode(postalCode);
  const typed = fold(company.city?.trim() ?? '');
  const match = communes.find((c) => fold(c.city) === typed);
  const departments = new Set(communes.map((c) => c.department.code));
  const commune = match ?? (departments.size === 1 ? communes[0] : undefined);
  return {
    ...fields,
    company: {
      ...company,
      city: match?.city ?? company.city,
      department: commune?.department.name ?? '',
      region: commune?.region.name ?? '',
    },
  };
}

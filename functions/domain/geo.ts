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

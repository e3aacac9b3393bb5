import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';

/**
 * Writes functions/domain/geo-data.json from @etalab/decoupage-administratif (the official
 * administrative division): postal code → communes (name, department), departments and regions;
 * and functions/domain/regions.json, the regions alone (the public site's region pages need only
 * them, not the 0.85 MB of communes).
 * Committed (≈0.5 MB) so the build needs no network; rerun `npx tsx infra/generate-geo.ts` after upgrading the package.
 */
const require = createRequire(import.meta.url);
type Commune = { nom: string; departement?: string; type: string; codesPostaux?: string[] };
const communes: Commune[] = require('@etalab/decoupage-administratif/data/communes.json');
const departements: {
  code: string;
  nom: string;
  region: string;
}[] = require('@etalab/decoupage-administratif/data/departements.json');
const regions: { code: string; nom: string }[] = require('@etalab/decoupage-administratif/data/regions.json');

const postal: Record<string, [string, string][]> = {};
for (const c of communes) {
  if (c.type !== 'commune-actuelle' || !c.departement) continue;
  for (const cp of c.codesPostaux ?? []) (postal[cp] ??= []).push([c.nom, c.departement]);
}
for (const list of Object.values(postal)) list.sort((a, b) => a[0].localeCompare(b[0], 'fr'));

const data = {
  regions: Object.fromEntries(regions.map((r) => [r.code, r.nom])),
  departments: Object.fromEntries(departements.map((d) => [d.code, [d.nom, d.region]])),
  postal,
};
const out = path.resolve(import.meta.dirname, '../functions/domain/geo-data.json');
await writeFile(out, JSON.stringify(data));
await writeFile(path.resolve(import.meta.dirname, '../functions/domain/regions.json'), JSON.stringify(data.regions));
console.log(`geo data: ${Object.keys(postal).length} postal codes → ${path.relative(process.cwd(), out)}`);

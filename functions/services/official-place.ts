import type { DraftFields, FieldsUpdate } from '../domain/application.ts';

type Fields = Partial<DraftFields>;

/**
 * What puts the company's place as the official list has it (functions/domain/geo.ts), for a
 * request that writes the company's section; the list (0.85 MB) is read only by those requests.
 */
export async function officialPlaceFor(update: FieldsUpdate): Promise<(fields: Fields) => Fields> {
  if (!update.company) return (fields) => fields;
  return (await import('../domain/geo.ts')).withOfficialPlace;
}

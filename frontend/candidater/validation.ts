import type { ZodType } from 'zod';
import { companySchema, contactSchema, initiativeSchema } from '../../functions/domain/application.ts';
import type { FieldIssue } from '../../functions/domain/errors.ts';

/**
 * The form checks what the API checks, with the same shared schemas and French messages. Values are
 * the raw strings of the inputs; an empty input counts as « not given ».
 */
export const SECTION_SCHEMAS = { company: companySchema, contact: contactSchema, initiative: initiativeSchema };
export type SectionName = keyof typeof SECTION_SCHEMAS;
export const SECTION_NAMES = Object.keys(SECTION_SCHEMAS) as SectionName[];
export type SectionValues = Record<string, string>;

const given = (values: SectionValues) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim() === '' ? undefined : v.trim()]));

/** Every issue of a whole section, as `section.key` paths (for the error summary on submit). */
export function validateSection(section: SectionName, values: SectionValues): FieldIssue[] {
  const parsed = SECTION_SCHEMAS[section].safeParse(given(values));
  if (parsed.success) return [];
  const seen = new Set<string>();
  return parsed.error.issues
    .map((issue) => ({ field: `${section}.${issue.path.join('.')}`, message: issue.message }))
    .filter((issue) => !seen.has(issue.field) && seen.add(issue.field));
}

function fieldSchema(section: SectionName, key: string) {
  return (SECTION_SCHEMAS[section].shape as Record<string, ZodType>)[key];
}

/** The message for one field, or null when it is valid. */
export function validateField(section: SectionName, key: string, value: string): string | null {
  const schema = fieldSchema(section, key);
  if (!schema) return null;
  const v = value.trim();
  const parsed = schema.safeParse(v === '' ? undefined : v);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Valeur invalide.');
}

/**
 * What can be sent for these keys: valid values, parsed by the schema (trimmed, lower-cased email),
 * and optional fields that were emptied (sent as '' to clear them). Empty required fields are left
 * out: a draft may lack them, and the server keeps no empty value.
 */
export function savable(section: SectionName, values: SectionValues): { data: Record<string, string>; invalid: FieldIssue[] } {
  const data: Record<string, string> = {};
  const invalid: FieldIssue[] = [];
  for (const [key, raw] of Object.entries(values)) {
    const schema = fieldSchema(section, key);
    if (!schema) continue;
    const v = raw.trim();
    if (v === '') {
      if (schema.safeParse('').success) data[key] = '';
      continue;
    }
    const parsed = schema.safeParse(v);
    if (parsed.success) data[key] = parsed.data as string;
    else invalid.push({ field: `${section}.${key}`, message: parsed.error.issues[0]?.message ?? 'Valeur invalide.' });
  }
  return { data, invalid };
}

import type { ZodMiniType } from 'zod/mini';
import {
  companyDraftSchema,
  companySchema,
  contactDraftSchema,
  contactSchema,
  initiativeDraftSchema,
  initiativeSchema,
} from '../../functions/domain/application-fields.ts';
import type { FieldIssue } from '../../functions/domain/errors.ts';

/**
 * The form checks what the API checks, with the same shared schemas and French messages. Values are
 * the raw strings of the inputs; an empty input counts as « not given ». The final rules are hints
 * while the applicant types, and decide only at « J'envoie mon dossier »; autosave stores what the
 * draft rules accept (the same fields, as typed).
 */
export const SECTION_SCHEMAS = { company: companySchema, contact: contactSchema, initiative: initiativeSchema };
const DRAFT_SCHEMAS = { company: companyDraftSchema, contact: contactDraftSchema, initiative: initiativeDraftSchema };
export type SectionName = keyof typeof SECTION_SCHEMAS;
export const SECTION_NAMES = Object.keys(SECTION_SCHEMAS) as SectionName[];
export type SectionValues = Record<string, string>;

/** The values given: an empty input is a value not given. */
export const given = (values: SectionValues) =>
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
  return (SECTION_SCHEMAS[section].shape as Record<string, ZodMiniType>)[key];
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
 * What autosave sends for these keys: each value as typed (trimmed, lower-cased email) by the draft
 * rules, so that a description still short or a half-typed postal code is kept; a field emptied is
 * sent as '' so that clearing it is kept too (a choice not made yet, like the axis, is left out).
 * `invalid`: what even a draft cannot hold (a text over twice its maximum), not sent.
 */
export function savable(
  section: SectionName,
  values: SectionValues,
): { data: Record<string, string>; invalid: FieldIssue[] } {
  const data: Record<string, string> = {};
  const invalid: FieldIssue[] = [];
  for (const [key, raw] of Object.entries(values)) {
    const schema = (DRAFT_SCHEMAS[section].shape as Record<string, ZodMiniType>)[key];
    if (!schema) continue;
    const v = raw.trim();
    const parsed = schema.safeParse(v);
    if (parsed.success) data[key] = parsed.data as string;
    else if (v !== '')
      invalid.push({ field: `${section}.${key}`, message: parsed.error.issues[0]?.message ?? 'Valeur invalide.' });
  }
  return { data, invalid };
}

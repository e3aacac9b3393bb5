import type { DraftFields } from '../../functions/domain/application.ts';
import { SECTION_NAMES, type SectionName, type SectionValues } from './validation.ts';

/** Reading and filling the application fields (inputs named `section.key`). */
export const sectionForm = (section: SectionName) =>
  document.querySelector<HTMLFormElement>(`form[data-section="${section}"]`)!;

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
const controls = (section: SectionName) =>
  [...sectionForm(section).elements].filter(
    (el): el is Control => 'name' in el && (el as Control).name.startsWith(`${section}.`),
  ) as Control[];

export function readSection(section: SectionName): SectionValues {
  const values: SectionValues = {};
  for (const el of controls(section)) {
    const key = el.name.slice(section.length + 1);
    if (el instanceof HTMLInputElement && el.type === 'radio') {
      values[key] ??= '';
      if (el.checked) values[key] = el.value;
    } else values[key] = el.value;
  }
  return values;
}

/** Selects get an extra option when a saved value is not in the list (an old or unusual name). */
export function setControlValue(el: Control, value: string): void {
  if (el instanceof HTMLSelectElement && value && ![...el.options].some((o) => o.value === value)) {
    el.append(new Option(value, value));
  }
  el.value = value;
}

export function fillSection(section: SectionName, values: Record<string, unknown> | undefined): void {
  for (const el of controls(section)) {
    const key = el.name.slice(section.length + 1);
    const value = values?.[key];
    const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    if (el instanceof HTMLInputElement && el.type === 'radio') el.checked = el.value === text;
    else setControlValue(el, text);
  }
}

export function fillAll(fields: Partial<DraftFields>): void {
  for (const section of SECTION_NAMES) fillSection(section, fields[section] as Record<string, unknown> | undefined);
}

export const allPaths = (section: SectionName) => Object.keys(readSection(section)).map((key) => `${section}.${key}`);

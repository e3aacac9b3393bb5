/**
 * Where each field path used by the API and the schemas (`company.name`, `initiative.axis`,
 * `photos.2`, `release`…) lives in the page: the id of the element to focus when a message about it
 * is clicked.
 */
/** The parts of the file, in the order of the form. */
export const SECTIONS = ['company', 'contact', 'initiative', 'photos', 'release'] as const;

export function anchorFor(path: string, firstAxisId: string): string | null {
  const [section, key] = path.split('.');
  if (!section || !(SECTIONS as readonly string[]).includes(section)) return null;
  if (section === 'photos') return `photo-${/^\d+$/.test(key ?? '') ? key : '1'}-file`;
  if (section === 'release') return 'release-title';
  if (!key) return `${section}-title`;
  if (section === 'initiative' && key === 'axis') return `axis-${firstAxisId}`;
  return `${section}-${key}`;
}

/**
 * Applicants type links as they know them (`www.exemple.fr`, `@compte`); the schema wants a full
 * address. Completes the obvious cases, leaves anything else for the schema to explain.
 */
export function completeLink(kind: string, value: string): string {
  const v = value.trim();
  if (!v || /^https?:\/\//i.test(v)) return v;
  if (kind === 'twitter' && /^@?\w{1,15}$/.test(v)) return `https://x.com/${v.replace(/^@/, '')}`;
  if (kind === 'facebook' && /^[\w.-]+$/.test(v) && !/\.(com|fr|org|net)$/i.test(v))
    return `https://www.facebook.com/${v}`;
  if (/^[\w-]+(\.[\w-]+)*\.[a-z]{2,}(\/\S*)?$/i.test(v)) return `https://${v}`;
  return v;
}

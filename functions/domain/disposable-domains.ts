import list from 'disposable-email-domains/index.json' with { type: 'json' };

/**
 * Disposable (throwaway) email domains refused by the public vote: an address that lives ten
 * minutes lets one person vote many times. The list is the maintained npm package
 * `disposable-email-domains` (about 100 000 domains). Subdomains are matched too (`x.yopmail.com`
 * is refused), see `isDisposableDomain` in votes.ts.
 */
export const DISPOSABLE_DOMAINS: ReadonlySet<string> = new Set(list as string[]);

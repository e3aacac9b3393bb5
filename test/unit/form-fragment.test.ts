import { describe, expect, it } from 'vitest';
import { formatFragment, parseFragment } from '../../frontend/candidater/fragment.ts';

describe('private link fragment', () => {
  const id = '0b7f3c1e-8f2a-4c55-9d1e-2a4b6c8d0e1f';
  const token = 'Ab-_cd+/EF';

  it('reads dossier and jeton, with or without #', () => {
    expect(parseFragment(`#dossier=${id}&jeton=abc_DEF-123`)).toEqual({ id, token: 'abc_DEF-123' });
    expect(parseFragment(`dossier=${id}&jeton=x`)).toEqual({ id, token: 'x' });
  });

  it('round-trips any token, + and / included (never turned into spaces)', () => {
    expect(parseFragment(formatFragment({ id, token }))).toEqual({ id, token });
    expect(parseFragment(`#jeton=a+b&dossier=${id}`)).toEqual({ id, token: 'a+b' });
  });

  it('ignores incomplete or broken links', () => {
    expect(parseFragment('')).toBeNull();
    expect(parseFragment('#company-name')).toBeNull();
    expect(parseFragment(`#dossier=${id}`)).toBeNull();
    expect(parseFragment(`#dossier=${id}&jeton=`)).toBeNull();
    expect(parseFragment(`#dossier=${id}&jeton=%E0%A4%A`)).toBeNull();
  });

  it('writes a fragment, not a query string', () => {
    expect(formatFragment({ id, token: 'a b' })).toBe(`#dossier=${id}&jeton=a%20b`);
  });
});

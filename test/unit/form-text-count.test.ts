import { typeset } from '../../functions/domain/french.ts';
import { describe, expect, it } from 'vitest';
import { approximateLines, measureDescription } from '../../frontend/candidater/text-count.ts';

describe('description counter', () => {
  it('counts a line per started 100 characters, and at least one per paragraph', () => {
    expect(approximateLines('')).toBe(0);
    expect(approximateLines('   \n ')).toBe(0);
    expect(approximateLines('a')).toBe(1);
    expect(approximateLines('a'.repeat(100))).toBe(1);
    expect(approximateLines('a'.repeat(101))).toBe(2);
    expect(approximateLines(`${'a'.repeat(150)}\n\n${'b'.repeat(30)}`)).toBe(4); // 2 + empty line + 1
    expect(approximateLines('a\r\nb')).toBe(2);
  });

  it('counts characters as the schema does (trimmed)', () => {
    expect(measureDescription('  abc  ').chars).toBe(3);
  });

  it('says how far from the 1000–2000 range the text is, in French', () => {
    expect(measureDescription('')).toMatchObject({
      state: 'empty',
      message: typeset("0 caractère pour l'instant (1\u202f000 au minimum)."),
    });
    expect(measureDescription('a'.repeat(320))).toMatchObject({
      state: 'short',
      lines: 4,
      message: typeset('320 caractères, environ 4 lignes : encore 680 caractères au minimum.'),
    });
    expect(measureDescription('a'.repeat(999)).message).toMatch(/encore 1 caractère au minimum/);
    expect(measureDescription('a'.repeat(1000))).toMatchObject({
      state: 'ok',
      message: typeset('1\u202f000 caractères, environ 10 lignes : la longueur convient.'),
    });
    expect(measureDescription('a'.repeat(2150))).toMatchObject({
      state: 'long',
      message: expect.stringMatching(/150 caractères de trop \(2\u202f000 au maximum\)/),
    });
    expect(measureDescription('a').message).toMatch(/^1 caractère, environ 1 ligne/);
  });
});

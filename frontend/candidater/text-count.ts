import { CHARS_PER_LINE, DESCRIPTION_MAX, DESCRIPTION_MIN } from '../../functions/domain/application-fields.ts';

export interface LengthReport {
  /** Characters as the schema counts them (trimmed, UTF-16 units). */
  chars: number;
  /** Approximate lines of the paper form: each paragraph takes at least one line. */
  lines: number;
  state: 'empty' | 'short' | 'ok' | 'long';
  message: string;
}

const fr = (n: number) => n.toLocaleString('fr-FR');
const plural = (n: number, word: string) => `${fr(n)} ${word}${n > 1 ? 's' : ''}`;

export function approximateLines(text: string, perLine = CHARS_PER_LINE): number {
  const trimmed = text.trim();
  if (!trimmed) return 0;
  return trimmed.split(/\r?\n/).reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(paragraph.length / perLine)), 0);
}

export function measureDescription(text: string, min = DESCRIPTION_MIN, max = DESCRIPTION_MAX): LengthReport {
  const chars = text.trim().length;
  const lines = approximateLines(text);
  const size = `${plural(chars, 'caractère')}, environ ${plural(lines, 'ligne')}`;
  let state: LengthReport['state'] = 'ok';
  let message = `${size}\u00a0: la longueur convient.`;
  if (!chars) {
    state = 'empty';
    message = `0 caractère pour l’instant (${fr(min)} au minimum).`;
  } else if (chars < min) {
    state = 'short';
    message = `${size}\u00a0: encore ${plural(min - chars, 'caractère')} au minimum.`;
  } else if (chars > max) {
    state = 'long';
    message = `${size}\u00a0: ${plural(chars - max, 'caractère')} de trop (${fr(max)} au maximum).`;
  }
  return { chars, lines, state, message };
}

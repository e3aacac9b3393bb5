import { describe, expect, it } from 'vitest';
import { countdown } from '../../frontend/candidater/countdown.ts';

/** The deadline of 1 March 2028 at 23:59:59 in Paris (UTC+1 in winter). */
const deadline = new Date('2028-03-01T22:59:59Z');
const at = (iso: string) => countdown(deadline, new Date(iso));

describe('countdown to the deadline', () => {
  it('names the day a week or more ahead, « 1er » for the first of the month', () => {
    expect(at('2028-02-01T10:00:00Z')).toBe('Jusqu’au 1er mars');
    expect(at('2028-02-23T10:00:00Z')).toBe('Jusqu’au 1er mars');
    expect(countdown(new Date('2028-03-15T22:59:59Z'), new Date('2028-03-01T10:00:00Z'))).toBe('Jusqu’au 15 mars');
  });

  it('counts the days left, today included, in the last week', () => {
    expect(at('2028-02-24T10:00:00Z')).toBe('Plus que 7 jours');
    expect(at('2028-02-28T10:00:00Z')).toBe('Plus que 3 jours');
    expect(at('2028-02-29T22:00:00Z')).toBe('Plus que 2 jours');
  });

  it('counts days in Paris: after 23:00 UTC, it is already the next day there', () => {
    // 29 February, 23:30 UTC = 1 March, 00:30 in Paris: the last day.
    expect(at('2028-02-29T23:30:00Z')).toBe('Dernier jour');
    expect(at('2028-03-01T22:59:00Z')).toBe('Dernier jour');
  });

  it('says nothing once the deadline has passed', () => {
    expect(at('2028-03-01T23:00:00Z')).toBeNull();
  });
});

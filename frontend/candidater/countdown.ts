import { capitalized, dayOfMonth, onlyLeft } from '../../functions/domain/french.ts';
import { byId } from '../shared/dom.ts';
import { PARIS } from './dates.ts';

/** « 2028-03-01 », the calendar day in Paris. */
const parisDay = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: PARIS }).format(date);

/**
 * How long is left before the deadline, counted in Paris calendar days: « Jusqu’au 1er mars » a week
 * or more ahead, then « Plus que 3 jours » (today counts), « Dernier jour »; null once it has passed.
 */
export function countdown(deadline: Date, now: Date): string | null {
  if (now > deadline) return null;
  const day = parisDay(deadline);
  const days = (Date.parse(day) - Date.parse(parisDay(now))) / 86_400_000;
  if (!days) return 'Dernier jour';
  if (days < 7) return capitalized(onlyLeft(days + 1, 'jour', 'jours'));
  const month = new Intl.DateTimeFormat('fr-FR', { month: 'long', timeZone: PARIS }).format(deadline);
  return `Jusqu’au ${dayOfMonth(Number(day.slice(8)))} ${month}`;
}

/** The countdown at the top of the form, kept current while the page stays open. */
export function showCountdown(deadline: string): void {
  const line = byId('countdown');
  const tick = () => {
    const text = countdown(new Date(deadline), new Date());
    line.hidden = !text;
    line.firstElementChild!.textContent = text;
  };
  tick();
  setInterval(tick, 60_000);
}

/** Times and dates as French readers write them: « 14 h 32 », « 3 mars 2028 ». */
export const PARIS = 'Europe/Paris';

export const formatTime = (date: Date, timeZone?: string) =>
  new Intl.DateTimeFormat('fr-FR', { hour: 'numeric', minute: '2-digit', timeZone }).format(date).replace(':', ' h ');

export function formatLongDate(date: Date, timeZone = PARIS): string {
  return new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(date);
}

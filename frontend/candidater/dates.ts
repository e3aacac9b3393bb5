/** Times and dates as French readers write them: « 14 h 32 », « 3 mars 2028 ». */
export const PARIS = 'Europe/Paris';

export function formatTime(date: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('fr-FR', {
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${Number(get('hour'))} h ${get('minute')}`;
}

export function formatLongDate(date: Date, timeZone = PARIS): string {
  return new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(date);
}

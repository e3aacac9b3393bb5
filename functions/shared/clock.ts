/**
 * The one clock every handler reads. On AWS it is the system clock; the local stack's simulated time
 * (to play a whole campaign in minutes) shifts it by an offset, never by branching in handlers.
 */
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

export function setClockOffset(ms: number): void {
  offsetMs = ms;
}

/**
 * The one clock every handler reads. On AWS it is the system clock; the local stack's simulated time
 * (to play a whole campaign in minutes) shifts it by an offset, never by branching in handlers. The
 * offset lives on a global symbol so that the local stack can set it inside each function's worker,
 * whose bundle carries its own copy of this module.
 */
const OFFSET = Symbol.for('avenir.clockOffsetMs');
const holder = globalThis as { [OFFSET]?: number };

export function now(): Date {
  return new Date(Date.now() + (holder[OFFSET] ?? 0));
}

export function setClockOffset(ms: number): void {
  holder[OFFSET] = ms;
}

export function clockOffset(): number {
  return holder[OFFSET] ?? 0;
}

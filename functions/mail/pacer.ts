/**
 * Spaces sends so that one poller never exceeds its share of SES's send rate: each call waits for
 * its slot, `1000 / perSecond` ms after the previous one. Kept per execution environment (module
 * state): Lambda runs one batch at a time in each, and the pollers' shares add up to the account's rate.
 */
export function createPacer(
  perSecond: number,
  now: () => number = Date.now,
  sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
) {
  const interval = 1000 / perSecond;
  let next = 0;
  return async (): Promise<void> => {
    const at = now();
    const slot = Math.max(at, next);
    next = slot + interval;
    if (slot > at) await sleep(slot - at);
  };
}

/**
 * Runs `work` and answers no sooner than `floorMs` after it started, whether it succeeded or threw.
 * For answers that must not say, by their duration, which path they took (`POST /api/resume-links`:
 * an address with files does more work than one without). Measured on the process's monotonic
 * clock, never the simulated one. A path slower than the floor still shows: keep the floor well
 * above the slow path's usual duration.
 */
export async function atLeast<T>(floorMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const left = floorMs - (performance.now() - started);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }
}

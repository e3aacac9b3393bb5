import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isRejection, processPhoto } from '../../functions/photo/process-image.ts';

/**
 * Run alone in a fresh process (bundled like the Lambda, see memory.ts): processes one photo file
 * `runs` times in a row, as a warm Lambda would, and prints its memory figures as JSON.
 */
const [file, runs = '1'] = process.argv.slice(2);
const input = await readFile(file!);
const idleBytes = process.memoryUsage().rss;
const ms: number[] = [];
for (let run = 0; run < Number(runs); run++) {
  const started = performance.now();
  const result = await processPhoto(input);
  if (isRejection(result)) throw new Error(`rejected: ${result.message}`);
  ms.push(performance.now() - started);
}
/**
 * Peak resident memory, what Lambda's « Max Memory Used » reports, in MB. VmHWM, not
 * resourceUsage().maxRSS: Linux carries maxRSS over exec from the forked copy of the parent, so a
 * child of a big bench process would report the parent's size.
 */
function peakMb(): number {
  const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return Number(hwm?.[1] ?? process.resourceUsage().maxRSS) / 1024;
}

process.stdout.write(JSON.stringify({ idleMb: idleBytes / 2 ** 20, peakMb: peakMb(), ms }));

import os from 'node:os';
import path from 'node:path';
import { readFile, readdir } from 'node:fs/promises';
import { compareThroughput, rawSharp } from './raw-sharp.ts';
const dir = path.join(os.tmpdir(), (await readdir(os.tmpdir())).find((d) => d.startsWith('avenir-bench-photos-'))!);
const photos = await Promise.all([1, 2, 3, 4].map((s) => readFile(path.join(dir, `12mp-${s}.jpg`))));
for (let i = 0; i < 3; i++) for (const c of [2, 4]) { const r = (await compareThroughput({ raw: rawSharp }, photos, 8, c)).raw; console.log(c, r.photosPerSecond.toFixed(2), r.cpuPerPhoto.toFixed(3)); }

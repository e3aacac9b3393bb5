import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * `<dataDir>/state.json`: what a later start (and `npm run invoke`) must find again: the ids
 * cognito-local generated, and while a stack runs, its pid and ports.
 */
export interface LocalState {
  cognito?: { userPoolId: string; clientId: string };
  running?: {
    pid: number;
    startedAt: string;
    ports: LocalPorts;
  };
  /** The simulated clock (infra/local/clock.ts): offset from the system time, and the simulated time when it was last moved. */
  clock?: { offsetMs: number; now: string };
}

export interface LocalPorts {
  front: number;
  dynamodb: number;
  s3: number;
  ses: number;
  cognito: number;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The data dir of `npm start` and `npm run demo`: .local/ at the repository root, or AVENIR_DATA_DIR (e.g. to try a fresh platform aside). */
export function localDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.AVENIR_DATA_DIR ? path.resolve(env.AVENIR_DATA_DIR) : path.join(ROOT, '.local');
}

/** The data dir as printed: « .local/ » inside the repository, the absolute path elsewhere. */
export function shownDataDir(dataDir: string): string {
  const relative = path.relative(ROOT, dataDir);
  return `${relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : dataDir}/`;
}

const file = (dataDir: string) => path.join(dataDir, 'state.json');

export async function readState(dataDir: string): Promise<LocalState> {
  try {
    return JSON.parse(await readFile(file(dataDir), 'utf8')) as LocalState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

/** Merges `patch` into the state (a key set to undefined is removed); written atomically. */
export async function updateState(dataDir: string, patch: Partial<LocalState>): Promise<LocalState> {
  const state = { ...(await readState(dataDir)), ...patch };
  const temporary = `${file(dataDir)}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
  await rename(temporary, file(dataDir));
  return state;
}

/** The pid of a stack still running on this data dir, if any. */
export function runningPid(state: LocalState): number | undefined {
  const pid = state.running?.pid;
  if (!pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

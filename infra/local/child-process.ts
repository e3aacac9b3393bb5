import { spawn, type ChildProcess } from 'node:child_process';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';

const GUARD = path.join(import.meta.dirname, 'orphan-guard.mjs');

export interface Emulator {
  /** Resolves with the exit code once the process is gone. */
  readonly exited: Promise<number | null>;
  /** Last lines of its output, for error messages. */
  logTail(lines?: number): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts an emulator as a child process through orphan-guard.mjs, output to `logFile`.
 * The guard ends the emulator when this process exits, however it exits (even SIGKILL).
 */
export async function spawnEmulator(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): Promise<Emulator> {
  const log = await open(options.logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, [GUARD, command, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['pipe', log.fd, log.fd],
    // Own process group: Ctrl-C stops the stack, which then stops its emulators in order.
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await log.close(); // the child has its own copy of the descriptor
  return {
    exited,
    logTail: async (lines = 15) =>
      (await readFile(options.logFile, 'utf8').catch(() => '')).trimEnd().split('\n').slice(-lines).join('\n'),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Polls `check` until it succeeds; fails early if the emulator exits, and after `timeoutMs`. */
export async function waitUntilReady(
  name: string,
  emulator: Emulator,
  check: () => Promise<unknown>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void emulator.exited.then((code) => (exitCode = code));
  for (;;) {
    if (exitCode !== undefined)
      throw new Error(`${name} s'est arrêté au démarrage (code ${exitCode}) :\n${await emulator.logTail()}`);
    try {
      await check();
      return;
    } catch {
      if (Date.now() > deadline)
        throw new Error(`${name} ne répond pas après ${timeoutMs / 1000} s :\n${await emulator.logTail()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

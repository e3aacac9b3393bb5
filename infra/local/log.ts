/**
 * Structured logs of the local stack: one JSON line per event, with ids, never whole events or
 * personal data. Info goes to stdout (silenced when quiet), warnings and errors to stderr.
 */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(component: string, options: { quiet?: boolean } = {}): Logger {
  const write = (level: string, stream: NodeJS.WriteStream, msg: string, fields?: Record<string, unknown>) =>
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, component, msg, ...fields })}\n`);
  return {
    info: (msg, fields) => {
      if (!options.quiet) write('info', process.stdout, msg, fields);
    },
    warn: (msg, fields) => write('warn', process.stderr, msg, fields),
    error: (msg, fields) => write('error', process.stderr, msg, fields),
  };
}

/**
 * Structured JSON logs: one line per event with ids only, never whole events or personal data.
 * Hand-written (a few lines) because Lambda's JSON log format already adds level and request id.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | undefined | null>;

function write(level: Level, msg: string, fields: LogFields = {}): void {
  const line = JSON.stringify({ level, msg, ...fields });
  if (level === 'error' || level === 'warn') console.error(line);
  else if (level !== 'debug' || process.env.LOG_LEVEL === 'debug') console.log(line);
}

export const log = {
  debug: (msg: string, fields?: LogFields) => write('debug', msg, fields),
  info: (msg: string, fields?: LogFields) => write('info', msg, fields),
  warn: (msg: string, fields?: LogFields) => write('warn', msg, fields),
  error: (msg: string, fields?: LogFields) => write('error', msg, fields),
};

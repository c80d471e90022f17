/** A small JSON-lines logger. Every line passes through redaction before it is written. */
import { appendFileSync } from 'node:fs';
import { redactSecrets } from './redact';

export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export function createLogger(sink: (line: string) => void, now: () => Date = () => new Date()): Logger {
  const write = (level: string, event: string, fields: Record<string, unknown> = {}) => {
    const line = JSON.stringify({ time: now().toISOString(), level, event, ...fields }, (_key, value: unknown) =>
      value instanceof Error ? { name: value.name, message: value.message } : value,
    );
    sink(redactSecrets(line));
  };
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

export function fileSink(path: string): (line: string) => void {
  return (line) => {
    try {
      appendFileSync(path, `${line}\n`, { mode: 0o600 });
    } catch {
      // Logging must never break the app (e.g. a full disk).
    }
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** Bookkeeping after an action already succeeded (activity log, marks): a failure is logged, not thrown. */
export function bestEffort(log: Logger, what: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    log.error('bookkeeping_failed', { what, error });
  }
}

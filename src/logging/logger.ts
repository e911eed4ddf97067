/**
 * The logging interface the app depends on. On Node it is a pino logger (`createNodeLogger`);
 * on Workers, JSON lines on the console (`createConsoleLogger`). Callers log structured objects,
 * never secrets: API keys and Authorization headers are not passed to the logger at all.
 */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

const severity: Record<LogLevel, number> = {
  trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity,
};

/** JSON lines on the console, for runtimes without a stream to write to (Cloudflare Workers). */
export function createConsoleLogger(level: LogLevel = 'info'): Logger {
  const threshold = severity[level];
  const emit = (lvl: 'debug' | 'info' | 'warn' | 'error') => (fields: object, message?: string) => {
    if (severity[lvl] < threshold) return;
    console.log(JSON.stringify({ level: lvl, time: new Date().toISOString(), ...fields, msg: message }));
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** Discards everything; for tests that do not look at logs. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

import { pino } from 'pino';
import type { Logger, LogLevel } from './logger.ts';

/** Structured JSON logs on stdout through pino. Anything that looks like a credential is redacted. */
export function createNodeLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'outcome-ledger' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['authorization', '*.authorization', 'apiKey', '*.apiKey', 'key', 'secret', 'DATABASE_URL', '*.DATABASE_URL'],
      censor: '[redacted]',
    },
  });
}

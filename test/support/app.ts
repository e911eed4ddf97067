import { createApp } from '../../src/app.ts';
import type { Clock } from '../../src/clock.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { sharedDatabase } from '../../src/db/database.ts';
import { type Logger, silentLogger } from '../../src/logging/logger.ts';
import type { TestDatabase } from './database.ts';

export interface TestAppOptions {
  clock?: Clock;
  config?: Record<string, string>;
  logger?: Logger;
}

/** The real app over a test database, driven in-process with `app.request()`. */
export function createTestApp(database: TestDatabase, options: TestAppOptions = {}) {
  const config: Config = loadConfig({ SCHEDULER_ENABLED: 'false', RATE_LIMIT_PER_MINUTE: '0', ...options.config });
  return createApp({
    database: sharedDatabase(database),
    clock: options.clock ?? (() => new Date()),
    config,
    logger: options.logger ?? silentLogger,
  });
}

/** A logger that keeps every line, for tests that assert on logs. */
export function recordingLogger(): Logger & { lines: { level: string; fields: Record<string, unknown>; message?: string }[] } {
  const lines: { level: string; fields: Record<string, unknown>; message?: string }[] = [];
  const at = (level: string) => (fields: object, message?: string) => {
    lines.push({ level, fields: fields as Record<string, unknown>, ...(message ? { message } : {}) });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

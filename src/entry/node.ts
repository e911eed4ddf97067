import { setFlagsFromString } from 'node:v8';
import { ConfigError, loadConfig } from '../config.ts';
import { createNodeLogger } from '../logging/node-logger.ts';
import { startNodeService } from '../runtime/node-service.ts';

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
if (!config.DATABASE_URL) {
  // Embedded database: the process holds PostgreSQL's memory too, so V8 grows its heap by 30%
  // over what survived the last full collection instead of up to 4×. An upload's COPY text lives
  // long enough to be promoted, and the old generation otherwise swelled by ~150 MiB of garbage
  // during a 1,000,000-row upload (issue 19); the same upload costs the same CPU time.
  setFlagsFromString('--heap-growing-percent=30');
}
const logger = createNodeLogger(config.LOG_LEVEL);
try {
  const service = await startNodeService(config, logger);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      service.stop().then(() => process.exit(0), () => process.exit(1));
    });
  }
} catch (error) {
  logger.error({ err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) }, 'failed to start');
  process.exit(1);
}

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

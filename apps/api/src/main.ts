import 'reflect-metadata';
import { ConfigError, createLogger, loadConfig } from '@chadavkhi/platform';
import { createApiApp } from './api-app';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL, 'api');
  const app = await createApiApp(config, logger);
  await app.listen({ port: config.PORT, host: config.HOST });
  logger.info({ url: config.publicUrl, workers: config.RUN_WORKERS }, 'Chadavkhi API listening');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

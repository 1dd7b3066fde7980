import 'reflect-metadata';
import { ProviderConfigError } from '@chadavkhi/identity';
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
  // A mistake in SIGN_IN_PROVIDERS_FILE: the message names the provider and the setting.
  console.error(error instanceof ProviderConfigError ? `Identity providers: ${error.message}` : error);
  process.exit(1);
});

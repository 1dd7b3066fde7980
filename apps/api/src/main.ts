import 'reflect-metadata';
import { ProviderConfigError } from '@chadavkhi/identity';
import { ConfigError, createLogger, DeploymentError, loadConfig, stopGracefully } from '@chadavkhi/platform';
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
  // Caught from now: with RUN_WORKERS, jobs are taken while the app is being built.
  const stopping = stopGracefully(logger, config.SHUTDOWN_TIMEOUT_MS);
  const app = await createApiApp(config, logger);
  await app.listen({ port: config.PORT, host: config.HOST, backlog: config.HTTP_BACKLOG });
  // First the HTTP server stops taking connections and finishes the requests in hand (a request that
  // arrives on a kept-alive connection meanwhile gets a 503 a load balancer retries elsewhere); then
  // the in-process job processors finish theirs, and the connections close.
  const fastify = app.getHttpAdapter().getInstance();
  stopping.ready([
    { name: 'requests', run: () => fastify.close() },
    { name: 'jobs and connections', run: () => app.close() },
  ]);
  logger.info({ url: config.publicUrl, workers: config.RUN_WORKERS }, 'Chadavkhi API listening');
}

main().catch((error) => {
  // A mistake in SIGN_IN_PROVIDERS_FILE names the provider and the setting; a Redis this deployment
  // may not use says why and what to change. Both in one line, not a stack trace.
  if (error instanceof ProviderConfigError) console.error(`Identity providers: ${error.message}`);
  else if (error instanceof DeploymentError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});

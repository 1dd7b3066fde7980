// The worker process: relays the outbox and runs job processors; a tiny /health for orchestrators.
import 'reflect-metadata';
import { createServer } from 'node:http';
import { NestFactory } from '@nestjs/core';
import {
  ConfigError,
  createLogger,
  DeploymentError,
  HealthService,
  loadConfig,
  PinoNestLogger,
  resolveDeployment,
  stopGracefully,
} from '@chadavkhi/platform';
import { WorkerModule } from './worker.module';

async function main() {
  let config;
  try {
    config = loadConfig(process.env, { RUN_WORKERS: true });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL, 'worker');
  // Caught from now: the processors take jobs while the app is being built.
  const stopping = stopGracefully(logger, config.SHUTDOWN_TIMEOUT_MS);
  await resolveDeployment(config, { checkRedis: true });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
  });
  const health = app.get(HealthService);
  const server = createServer(async (request, response) => {
    if (request.url !== '/health') {
      response.writeHead(404).end();
      return;
    }
    const report = await health.check();
    response
      .writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' })
      .end(JSON.stringify(report));
  });
  server.listen(config.WORKER_HEALTH_PORT, '0.0.0.0');
  // The processors stop taking jobs and finish the active ones first (DeploymentWorkerHost), then the
  // relay, Redis and PostgreSQL close.
  stopping.ready([
    { name: 'jobs and connections', run: () => app.close() },
    { name: 'health endpoint', run: () => new Promise((done) => server.close(done)) },
  ]);
  logger.info({ healthPort: config.WORKER_HEALTH_PORT }, 'Chadavkhi worker running');
}

main().catch((error) => {
  console.error(error instanceof DeploymentError ? error.message : error);
  process.exit(1);
});

// What a process does on SIGTERM or SIGINT (an orchestrator's rolling restart, Ctrl-C): its steps in
// order — first stop taking work and finish what is in hand, then close connections — and exit 0;
// a process that cannot finish within the bound exits 1 rather than hang. Nest's own shutdown hooks
// would close the database before the HTTP server stops taking requests, so the apps use this instead.
import type { Logger } from 'pino';

export interface ShutdownStep {
  name: string;
  run: () => Promise<unknown>;
}

export function stopGracefully(logger: Logger, timeoutMs: number, steps: ShutdownStep[]): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    logger.info({ signal, timeoutMs }, 'Stopping: no new requests or jobs; finishing those in hand');
    setTimeout(() => {
      logger.error({ timeoutMs }, 'Did not stop within the bound; exiting');
      process.exit(1);
    }, timeoutMs).unref();
    for (const step of steps) {
      try {
        await step.run();
      } catch (error) {
        logger.error({ err: error, step: step.name }, 'A shutdown step failed; going on with the next');
      }
    }
    logger.info({ ms: Date.now() - started }, 'Stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

// What a process does on SIGTERM or SIGINT (an orchestrator's rolling restart, Ctrl-C): its steps in
// order — first stop taking work and finish what is in hand, then close connections — and exit 0;
// a process that cannot finish within the bound exits 1 rather than hang. Nest's own shutdown hooks
// would close the database before the HTTP server stops taking requests, so the apps use this instead.
//
// The signals are caught from before the app is built, not from when it is ready: job processors
// start taking jobs while the app is still being built, and a signal then would otherwise end the
// process at once, its jobs in hand left to stall. A signal that comes early is kept, and the steps
// run as soon as the app gives them.
import type { Logger } from 'pino';

export interface ShutdownStep {
  name: string;
  run: () => Promise<unknown>;
}

export interface GracefulStop {
  /** The app is built: these are its steps, run now if a signal already came, else when one comes. */
  ready(steps: ShutdownStep[]): void;
}

export function stopGracefully(logger: Logger, timeoutMs: number): GracefulStop {
  let steps: ShutdownStep[] | undefined;
  let signalled = false;
  let running = false;
  const run = async () => {
    if (!signalled || !steps || running) return;
    running = true;
    const started = Date.now();
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
  const stop = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    logger.info(
      { signal, timeoutMs, starting: !steps },
      steps ? 'Stopping: no new requests or jobs; finishing those in hand' : 'Stopping once started',
    );
    // The bound covers a start that does not finish, too.
    setTimeout(() => {
      logger.error({ timeoutMs }, 'Did not stop within the bound; exiting');
      process.exit(1);
    }, timeoutMs).unref();
    void run();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  return {
    ready(given) {
      steps = given;
      void run();
    },
  };
}

// Types of fleet-stack.mjs for the TypeScript tests that start a fleet.
export const SENTINEL_NAME: string;

export interface FleetOptions {
  dataDir: string;
  apis?: number;
  workers?: number;
  /** The compiled entry point of an app (default: dist/apps/<app>/src/main.js). */
  main?: (app: 'api' | 'worker' | 'cli') => string;
  /** Settings added to every app's environment. */
  appEnv?: Record<string, string>;
  /** Import the demo content and accounts (default true). */
  demo?: boolean;
  log?: (line: string) => void;
}

export interface Fleet {
  env: Record<string, string>;
  apis: { name: string; port: number; url: string }[];
  workers: { name: string; port: number; healthUrl: string }[];
  postgres: { primaryUrl: string; replicaUrl: string; primaryDir: string; replicaDir: string };
  redis: {
    url: string;
    ports: Record<string, number>;
    /** The Redis node that was the primary at start. */
    primary: string;
    sentinels: number[];
    /** The node the sentinels now name as the primary. */
    currentPrimary(): Promise<string | undefined>;
  };
  describe(): string[];
  /** Signals a process of the fleet by name: api-1, worker-2, postgres-replica, redis-a, sentinel-3, … */
  kill(name: string, signal?: NodeJS.Signals): void;
  /** Starts again, as first started, a process that has exited (an app: once it answers its health check). */
  start(name: string): Promise<void>;
  /** Stops a process as stop() would (PostgreSQL: a fast shutdown) and starts it again; also "meilisearch". */
  restart(name: string): Promise<void>;
  stop(): Promise<void>;
}

export function startFleet(options: FleetOptions): Promise<Fleet>;
export function postgresBinaries(env?: NodeJS.ProcessEnv): string;
export function sentinelPrimaryPort(sentinels: number[]): Promise<number>;

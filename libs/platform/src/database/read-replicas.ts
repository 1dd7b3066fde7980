// Reads that may be a moment stale (dashboards, open data, the catalogue) go to a PostgreSQL
// streaming replica known to be close behind the primary; everything else, and these too when no
// replica qualifies (none set, down, behind), goes to the primary.
//
// How far behind: every few hundred milliseconds the primary's WAL position is sampled, then each
// replica's replay position. A replica that has replayed past the sample taken at time T holds every
// transaction the primary had committed by T, so it is "fresh as of T". A routed read uses a replica
// only while now − T ≤ DATABASE_REPLICA_MAX_LAG_MS. An idle primary does not fool this (its position
// stays put, and a replica that has replayed it is as fresh as the sample), and a stalled replica or a
// stalled sampler ages out on its own.
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { PreparedStatement, runPrepared } from './prepared-statement';

/** What a read needs: TypeORM's DataSource and EntityManager fit, and so does ReadReplicas. */
export interface ReadQueryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query<T = any>(sql: string, parameters?: unknown[]): Promise<T>;
  /** A named prepared statement (planned once per connection), straight on the pool: for the hot read paths. */
  prepared<Row = Record<string, unknown>>(statement: PreparedStatement, values: unknown[]): Promise<Row[]>;
}

/** The application_name a replica's read connections carry (visible in its pg_stat_activity). */
export const REPLICA_READ_APPLICATION = 'chadavkhi-replica-read';

interface PrimarySample {
  at: number;
  lsn: bigint;
}

interface Replica {
  label: string;
  reads: Pool;
  probe: Pool;
  /** The primary's state at this moment (ms since the epoch) is known to be replayed; 0: unknown. */
  freshAsOf: number;
}

/** A pg_lsn's text form (X/Y, two hex numbers) as one number. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}

@Injectable()
export class ReadReplicas implements ReadQueryable, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ReadReplicas.name);
  private readonly replicas: Replica[];
  private readonly maxLagMs: number;
  private samples: PrimarySample[] = [];
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private next = 0;

  constructor(
    @InjectDataSource() private readonly primary: DataSource,
    config: AppConfig,
  ) {
    this.maxLagMs = config.DATABASE_REPLICA_MAX_LAG_MS;
    this.replicas = config.databaseReplicaUrls.map((url) => ({
      label: new URL(url).host,
      reads: replicaPool(url, REPLICA_READ_APPLICATION, 5),
      // A replica that hangs must not hold up the measure of the others past the bound.
      probe: replicaPool(url, 'chadavkhi-replica-probe', 1, Math.max(500, config.DATABASE_REPLICA_MAX_LAG_MS / 2)),
      freshAsOf: 0,
    }));
  }

  onModuleInit(): void {
    if (this.replicas.length) void this.sampleForever();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.all(this.replicas.flatMap((r) => [r.reads.end(), r.probe.end()]));
  }

  /** Runs a read-only query on a fresh replica, or on the primary when none is (or the replica fails). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async query<T = any>(sql: string, parameters: unknown[] = []): Promise<T> {
    const replica = this.freshReplica();
    if (replica) {
      try {
        return (await replica.reads.query(sql, parameters)).rows as T;
      } catch (error) {
        replica.freshAsOf = 0; // until the next sample says otherwise
        this.logger.warn(
          `Replica ${replica.label} failed a read (${(error as Error).message}); reading from the primary`,
        );
      }
    }
    return this.primary.query(sql, parameters);
  }

  /** As query, with a named prepared statement, and without TypeORM's query runner on the primary. */
  async prepared<Row = Record<string, unknown>>(statement: PreparedStatement, values: unknown[]): Promise<Row[]> {
    const replica = this.freshReplica();
    if (replica) {
      try {
        return (await replica.reads.query({ name: statement.name, text: statement.text, values })).rows as Row[];
      } catch (error) {
        replica.freshAsOf = 0;
        this.logger.warn(
          `Replica ${replica.label} failed a read (${(error as Error).message}); reading from the primary`,
        );
      }
    }
    return runPrepared<Row>(this.primary, statement, values);
  }

  private freshReplica(): Replica | undefined {
    const now = Date.now();
    const fresh = this.replicas.filter((r) => now - r.freshAsOf <= this.maxLagMs);
    return fresh.length ? fresh[this.next++ % fresh.length] : undefined;
  }

  /** Samples often enough that an up-to-date replica always counts as fresh. */
  private async sampleForever(): Promise<void> {
    await this.sample().catch(() => undefined);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.sampleForever(), Math.min(1000, Math.max(100, this.maxLagMs / 4)));
    this.timer.unref();
  }

  private async sample(): Promise<void> {
    const at = Date.now();
    const [{ lsn }] = await this.primary.query(`SELECT pg_current_wal_lsn()::text AS lsn`);
    this.samples.push({ at, lsn: parseLsn(lsn) });
    // A sample older than the bound can no longer make a replica fresh.
    this.samples = this.samples.filter((s) => s.at >= at - this.maxLagMs);
    await Promise.all(this.replicas.map((r) => this.measure(r)));
  }

  private async measure(replica: Replica): Promise<void> {
    const wasFresh = Date.now() - replica.freshAsOf <= this.maxLagMs;
    try {
      const { rows } = await replica.probe.query(
        `SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed`,
      );
      const { standby, replayed } = rows[0] as { standby: boolean; replayed: string | null };
      // A promoted replica is no longer fed by this primary: its reads would miss new writes.
      const position = standby && replayed ? parseLsn(replayed) : -1n;
      const caughtUp = this.samples.findLast((s) => s.lsn <= position);
      replica.freshAsOf = Math.max(replica.freshAsOf, caughtUp?.at ?? 0);
    } catch {
      replica.freshAsOf = 0;
    }
    const isFresh = Date.now() - replica.freshAsOf <= this.maxLagMs;
    if (wasFresh !== isFresh)
      this.logger.log(
        isFresh
          ? `Replica ${replica.label} is within ${this.maxLagMs} ms of the primary: staleness-tolerant reads go to it`
          : `Replica ${replica.label} is down, promoted or more than ${this.maxLagMs} ms behind: its reads go to the primary`,
      );
  }
}

function replicaPool(url: string, application: string, max: number, timeoutMs?: number): Pool {
  const pool = new Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: timeoutMs ?? 2000,
    query_timeout: timeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: application,
  });
  pool.on('error', () => undefined); // an idle connection's loss shows up as the replica's next failed probe
  return pool;
}

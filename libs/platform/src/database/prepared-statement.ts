// Named prepared statements for the few queries every request runs: PostgreSQL parses and plans
// them once per connection instead of on every call. For the session lookup (a three-table join)
// planning cost about 0.35 ms of database CPU a request, three times the execution itself.
// Behind PgBouncer in transaction mode this needs version 1.21 or later with max_prepared_statements.
import type { Pool, PoolClient } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

export interface PreparedStatement {
  /** Unique in the process: a connection keeps one plan per name. */
  readonly name: string;
  readonly text: string;
}

const names = new Map<string, string>();

/**
 * Declares a statement once, at module load; two texts under one name are a programming error.
 * Name the columns (no SELECT *): a column added by a migration would otherwise change the result
 * type of a plan PostgreSQL keeps, and the statement would fail until the connection closes.
 */
export function preparedStatement(name: string, text: string): PreparedStatement {
  const known = names.get(name);
  if (known !== undefined && known !== text)
    throw new Error(`Prepared statement ${name} is declared twice with different SQL`);
  names.set(name, text);
  return { name, text };
}

/**
 * Runs the statement on the manager's transaction if it has one, else on a pooled connection, and
 * returns its rows (an UPDATE … RETURNING gives the returned rows). Failures surface as TypeORM's
 * QueryFailedError, as they would from manager.query.
 */
export async function runPrepared<Row = Record<string, unknown>>(
  on: DataSource | EntityManager,
  statement: PreparedStatement,
  values: unknown[],
): Promise<Row[]> {
  const runner = on instanceof EntityManager ? on.queryRunner : undefined;
  const dataSource = on instanceof EntityManager ? on.connection : on;
  let target: Pool | PoolClient;
  if (runner && !runner.isReleased && runner.isTransactionActive)
    target = (await (runner as PostgresQueryRunner).connect()) as PoolClient;
  else target = (dataSource.driver as PostgresDriver).master as Pool;
  try {
    const result = await target.query({ name: statement.name, text: statement.text, values });
    return result.rows as Row[];
  } catch (error) {
    throw new QueryFailedError(statement.text, values, error as Error);
  }
}

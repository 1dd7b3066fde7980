// The one read behind a deployment's identity (deployment.ts), made before Nest starts — hence a
// pg client of its own rather than the application's data source.
import { createHash } from 'node:crypto';
import { Client } from 'pg';

/**
 * A short, stable name for the deployment: the PostgreSQL cluster's system identifier (shared by the
 * primary and its streaming replicas, new for every initdb) with the database's oid. Where the server
 * hides the system identifier, the database's address and name stand in.
 */
export async function deploymentIdentity(databaseUrl: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    let source: string;
    try {
      const { rows } = await client.query<{ system: string; oid: string }>(
        `SELECT (SELECT system_identifier::text FROM pg_control_system()) AS system,
                (SELECT oid::text FROM pg_database WHERE datname = current_database()) AS oid`,
      );
      source = `${rows[0].system}/${rows[0].oid}`;
    } catch {
      const url = new URL(databaseUrl);
      source = `${url.hostname}:${url.port || 5432}${url.pathname}`;
    }
    return createHash('sha256').update(source).digest('hex').slice(0, 12);
  } finally {
    await client.end();
  }
}

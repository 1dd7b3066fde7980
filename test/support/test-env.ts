// What scripts/test.mjs hands every test process: the run id and the service URLs.
export function testRun() {
  const runId = process.env.TEST_RUN_ID;
  const adminUrl = process.env.DATABASE_URL;
  if (!runId || !adminUrl || !process.env.MEILI_URL) {
    throw new Error('Run the tests with `npm test`: it starts PostgreSQL, Redis and Meilisearch and isolates the run.');
  }
  return { runId, adminUrl, templateDb: `${runId}_tpl` };
}

/** The same server as DATABASE_URL, another database. */
export function databaseUrl(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

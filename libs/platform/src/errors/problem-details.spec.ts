// A backing service's outage is the client's 503 to retry, not a 500: the errors as pg raises them.
import { createServer } from 'node:net';
import { Client, DatabaseError, Pool } from 'pg';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { toProblem } from './problem-details.filter';

const shuttingDown = () => {
  const error = new DatabaseError('the database system is shutting down', 0, 'error');
  error.code = '57P03';
  return error;
};

describe('toProblem for a backing service that is gone for a moment', () => {
  it('answers 503 while PostgreSQL shuts down or starts', () => {
    expect(toProblem(shuttingDown(), '/api/v1/courses')).toMatchObject({
      status: 503,
      type: 'https://chadavkhi.mn/problems/temporarily-unavailable',
      instance: '/api/v1/courses',
    });
  });

  it('answers 503 when a connection is refused', async () => {
    // Port 1 on loopback: nothing listens there.
    const client = new Client({ host: '127.0.0.1', port: 1, connectionTimeoutMillis: 2000 });
    const refused = await client.connect().catch((error: unknown) => error);
    expect((refused as { code?: string }).code).toBe('ECONNREFUSED');
    expect(toProblem(refused).status).toBe(503);
  });

  it('answers 503 when the server closes the connection', async () => {
    // A server that hangs up at once, as PostgreSQL's socket does when it is killed.
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as { port: number };
    try {
      const dropped = await new Client({ host: '127.0.0.1', port }).connect().catch((error: unknown) => error);
      expect((dropped as Error).message).toBe('Connection terminated unexpectedly');
      expect(toProblem(dropped).status).toBe(503);
    } finally {
      server.close();
    }
  });

  it('answers 503 for the next query of a transaction whose connection was lost', () => {
    expect(toProblem(new QueryRunnerAlreadyReleasedError()).status).toBe(503);
    expect(toProblem(new QueryRunnerProviderAlreadyReleasedError()).status).toBe(503);
  });

  it('answers 503 "busy" when every pooled connection stays busy past the wait, as pg-pool and runPrepared raise it', async () => {
    const pool = new Pool({
      connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      max: 1,
      connectionTimeoutMillis: 200,
    });
    const held = await pool.connect();
    try {
      const busy = await pool.query('SELECT 1').catch((e: Error) => e);
      expect(toProblem(busy)).toMatchObject({ status: 503, type: expect.stringContaining('busy') });
      expect(toProblem(new QueryFailedError('SELECT 1', [], busy as Error)).status).toBe(503);
    } finally {
      held.release();
      await pool.end();
    }
  });

  it('answers 503 when a server accepts the connection and never answers it', async () => {
    const server = createServer(() => undefined).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    const pool = new Pool({ host: '127.0.0.1', port, max: 1, connectionTimeoutMillis: 200 });
    try {
      const silent = await pool.query('SELECT 1').catch((e: Error) => e);
      expect(toProblem(silent)).toMatchObject({
        status: 503,
        type: expect.stringContaining('temporarily-unavailable'),
      });
    } finally {
      await pool.end().catch(() => undefined);
      server.close();
    }
  });

  it('keeps other database errors a 500 that says nothing of them', () => {
    const error = new DatabaseError('relation "x" does not exist', 0, 'error');
    error.code = '42P01';
    expect(toProblem(error)).toMatchObject({ status: 500, detail: expect.not.stringContaining('relation') });
  });
});

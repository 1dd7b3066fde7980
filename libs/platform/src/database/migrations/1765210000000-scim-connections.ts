// Systems that push staff changes over SCIM 2.0 (issue 17): one row per connected HR system, limited
// to an agency subtree, holding only the SHA-256 of its bearer token (the token is shown once, when
// the connection is made). Revoked rows stay, so the audit log keeps naming them. Owner: identity.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScimConnections1765210000000 implements MigrationInterface {
  name = 'ScimConnections1765210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scim_connections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        token_sha256 text NOT NULL,
        token_hint text NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        last_used_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX scim_connections_token_key ON scim_connections (token_sha256)`);
    await q.query(`CREATE INDEX scim_connections_agency_idx ON scim_connections (agency_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scim_connections`);
  }
}

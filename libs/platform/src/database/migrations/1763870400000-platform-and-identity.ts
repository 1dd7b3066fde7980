// The outbox, the audit log, and identity: agencies (a tree), positions, users.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class PlatformAndIdentity1763870400000 implements MigrationInterface {
  name = 'PlatformAndIdentity1763870400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX outbox_events_pending_idx ON outbox_events (created_at) WHERE dispatched_at IS NULL`);

    await q.query(`
      CREATE TABLE agencies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,79}$'),
        kind text NOT NULL CHECK (kind IN ('government','ministry','agency','aimag','capital','soum','district','department')),
        name_mn text NOT NULL,
        name_en text NOT NULL,
        parent_id uuid REFERENCES agencies(id) ON DELETE RESTRICT,
        path uuid[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX agencies_parent_idx ON agencies (parent_id)`);
    await q.query(`CREATE INDEX agencies_path_idx ON agencies USING gin (path)`);

    await q.query(`
      CREATE TABLE positions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,79}$'),
        name_mn text NOT NULL,
        name_en text NOT NULL,
        category text NOT NULL CHECK (category IN ('political','administrative','special','support')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL DEFAULT '{learner}' CHECK (roles <@ ARRAY['learner','trainer','hr_officer','admin']::text[] AND cardinality(roles) > 0),
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        position_id uuid NOT NULL REFERENCES positions(id) ON DELETE RESTRICT,
        staff_number text,
        locale text NOT NULL DEFAULT 'mn' CHECK (locale IN ('mn','en')),
        is_active boolean NOT NULL DEFAULT true,
        token_version integer NOT NULL DEFAULT 0,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX users_agency_idx ON users (agency_id)`);
    await q.query(`CREATE INDEX users_position_idx ON users (position_id)`);

    await q.query(`
      CREATE TABLE audit_log_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        actor_id uuid,
        actor_email text,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text,
        details jsonb NOT NULL DEFAULT '{}',
        ip text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_log_entries_created_idx ON audit_log_entries (created_at DESC)`);
    await q.query(`CREATE INDEX audit_log_entries_actor_idx ON audit_log_entries (actor_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log_entries`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE positions`);
    await q.query(`DROP TABLE agencies`);
    await q.query(`DROP TABLE outbox_events`);
  }
}

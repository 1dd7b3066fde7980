// People as HR records know them (issue 17): registration number, names in Cyrillic and Latin,
// phone, supervisor, dates of joining the service and of leaving, the HR system's own id; position
// history, effective-dated (user_placements: who held which position in which agency when); and
// the e-mail address becomes optional (not every civil servant has one; they sign in through
// single sign-on); staff imports kept between their preview and the officer's confirmation. Owner: identity.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class StaffRecords1765200000000 implements MigrationInterface {
  name = 'StaffRecords1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN registration_number text,
        ADD COLUMN family_name text,
        ADD COLUMN given_name text,
        ADD COLUMN name_latin text,
        ADD COLUMN phone text,
        ADD COLUMN supervisor_id uuid REFERENCES users(id) ON DELETE RESTRICT,
        ADD COLUMN joined_service_on date,
        ADD COLUMN left_on date,
        ADD COLUMN external_id text,
        ADD CONSTRAINT users_registration_number_format CHECK (registration_number ~ '^[А-ЯЁӨҮ]{2}[0-9]{8}$'),
        ADD CONSTRAINT users_not_own_supervisor CHECK (supervisor_id <> id),
        ALTER COLUMN email DROP NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX users_registration_number_key ON users (registration_number)`);
    await q.query(`CREATE INDEX users_supervisor_idx ON users (supervisor_id) WHERE supervisor_id IS NOT NULL`);
    await q.query(`CREATE INDEX users_external_id_idx ON users (external_id) WHERE external_id IS NOT NULL`);

    // valid_to is exclusive; the open row (valid_to IS NULL) is where the person works now. A leaver's
    // last row closes on the day they left. Rows are never deleted.
    await q.query(`
      CREATE TABLE user_placements (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        position_id uuid NOT NULL REFERENCES positions(id) ON DELETE RESTRICT,
        valid_from date NOT NULL,
        valid_to date,
        CONSTRAINT user_placements_dates CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await q.query(`CREATE UNIQUE INDEX user_placements_open_key ON user_placements (user_id) WHERE valid_to IS NULL`);
    await q.query(`CREATE INDEX user_placements_user_idx ON user_placements (user_id, valid_from)`);
    await q.query(`CREATE INDEX user_placements_agency_idx ON user_placements (agency_id, valid_from)`);
    await q.query(`
      INSERT INTO user_placements (user_id, agency_id, position_id, valid_from, valid_to)
      SELECT u.id, u.agency_id, u.position_id, greatest(u.agency_since, u.position_since),
             CASE WHEN u.is_active THEN NULL ELSE greatest(u.agency_since, u.position_since, (u.updated_at AT TIME ZONE 'Asia/Ulaanbaatar')::date) END
        FROM users u`);
    await q.query(
      `UPDATE users SET left_on = greatest(agency_since, position_since, (updated_at AT TIME ZONE 'Asia/Ulaanbaatar')::date) WHERE NOT is_active`,
    );

    await q.query(`
      CREATE TABLE staff_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        full_sync boolean NOT NULL,
        file_name text NOT NULL,
        file_sha256 text NOT NULL,
        file_size int NOT NULL,
        content bytea,
        created_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        created_by_label text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'previewed' CHECK (status IN ('previewed', 'applied', 'refused')),
        plan_digest text NOT NULL,
        summary jsonb NOT NULL,
        applied_at timestamptz,
        applied_summary jsonb
      )`);
    await q.query(`CREATE INDEX staff_imports_agency_idx ON staff_imports (agency_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_imports`);
    await q.query(`DELETE FROM users WHERE email IS NULL`);
    await q.query(`ALTER TABLE users ALTER COLUMN email SET NOT NULL`);
    await q.query(`DROP TABLE user_placements`);
    await q.query(`
      ALTER TABLE users DROP COLUMN registration_number, DROP COLUMN family_name, DROP COLUMN given_name, DROP COLUMN name_latin,
        DROP COLUMN phone, DROP COLUMN supervisor_id, DROP COLUMN joined_service_on, DROP COLUMN left_on, DROP COLUMN external_id`);
  }
}

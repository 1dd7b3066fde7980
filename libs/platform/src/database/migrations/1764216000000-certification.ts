// Certificates (one per completed enrolment), the public keys that signed them, and the bitstring
// status list position of each.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Certification1764216000000 implements MigrationInterface {
  name = 'Certification1764216000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE signing_keys (
        kid text PRIMARY KEY,
        public_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`);
    await q.query(`CREATE SEQUENCE certificate_status_index_seq MINVALUE 0 START 0`);
    await q.query(`
      CREATE TABLE certificates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'),
        enrollment_id uuid NOT NULL UNIQUE REFERENCES enrollments(id) ON DELETE RESTRICT,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE RESTRICT,
        course_version_id uuid NOT NULL REFERENCES course_versions(id) ON DELETE RESTRICT,
        holder_name text NOT NULL,
        course_title text NOT NULL,
        course_title_en text,
        score numeric(5,2),
        issued_at timestamptz NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz,
        revocation_reason text,
        status_list_index integer NOT NULL UNIQUE DEFAULT nextval('certificate_status_index_seq'),
        signing_kid text REFERENCES signing_keys(kid),
        credential_jwt text,
        pdf bytea,
        announced_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX certificates_user_idx ON certificates (user_id)`);
    await q.query(`CREATE INDEX certificates_agency_idx ON certificates (agency_id)`);
    await q.query(`CREATE INDEX certificates_expires_idx ON certificates (expires_at) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE certificates`);
    await q.query(`DROP SEQUENCE certificate_status_index_seq`);
    await q.query(`DROP TABLE signing_keys`);
  }
}

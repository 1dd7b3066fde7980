// A second factor (TOTP, RFC 6238) for people whose roles need one when they sign in with a password,
// and a per-agency switch for password sign-in. The TOTP secret is stored encrypted (AES-256-GCM under
// a key derived from the server's secret) with the last time step accepted, so each code works once;
// recovery codes are stored as keyed hashes and each is used once. A challenge is what a correct
// password earns: five minutes and five wrong codes to finish the sign-in (or to enrol). Owner: identity.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class SecondFactor1765270000000 implements MigrationInterface {
  name = 'SecondFactor1765270000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE second_factors (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        secret bytea NOT NULL,
        confirmed_at timestamptz NOT NULL DEFAULT now(),
        last_time_step bigint
      )`);
    await q.query(`
      CREATE TABLE second_factor_recovery_codes (
        user_id uuid NOT NULL REFERENCES second_factors(user_id) ON DELETE CASCADE,
        code_hash text NOT NULL CHECK (length(code_hash) = 64),
        used_at timestamptz,
        PRIMARY KEY (user_id, code_hash)
      )`);
    await q.query(`
      CREATE TABLE second_factor_challenges (
        id text PRIMARY KEY CHECK (length(id) = 64),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('sign-in', 're-enrol')),
        token_version int NOT NULL,
        failures int NOT NULL DEFAULT 0,
        pending_secret bytea,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX second_factor_challenges_user_idx ON second_factor_challenges (user_id)`);
    await q.query(`ALTER TABLE agencies ADD COLUMN password_sign_in boolean NOT NULL DEFAULT true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agencies DROP COLUMN password_sign_in`);
    await q.query(`DROP TABLE second_factor_challenges`);
    await q.query(`DROP TABLE second_factor_recovery_codes`);
    await q.query(`DROP TABLE second_factors`);
  }
}

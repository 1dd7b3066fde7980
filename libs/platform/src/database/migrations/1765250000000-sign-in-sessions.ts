// Every sign-in is a session row, so a person can see where they are signed in and end those
// sessions, and a provider's identity (OpenID Connect, SAML, DAN) is linked to exactly one person.
// Sessions replace revoked_sessions: a token is honoured only while its session row is open
// (tokens issued before this migration have none: their holders sign in once more). A session also
// keeps the token version it runs under, so raising a person's version (deactivation, a new
// password, new roles) ends every session that was not carried over. Owner: identity.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class SignInSessions1765250000000 implements MigrationInterface {
  name = 'SignInSessions1765250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_version int NOT NULL,
        method text NOT NULL CHECK (method IN ('password', 'provider')),
        provider_id text CHECK (provider_id IS NULL OR length(provider_id) BETWEEN 1 AND 60),
        second_factor boolean NOT NULL DEFAULT false,
        ip text,
        user_agent text CHECK (user_agent IS NULL OR length(user_agent) <= 300),
        started_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        end_reason text CHECK (end_reason IS NULL OR end_reason IN ('signed-out', 'signed-out-elsewhere', 'account-changed')),
        CHECK ((method = 'provider') = (provider_id IS NOT NULL)),
        CHECK ((ended_at IS NULL) = (end_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions (user_id, expires_at DESC)`);
    await q.query(`DROP TABLE revoked_sessions`);
    await q.query(`
      CREATE TABLE external_identities (
        provider_id text NOT NULL CHECK (length(provider_id) BETWEEN 1 AND 60),
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        linked_by text NOT NULL CHECK (linked_by IN ('registration-number', 'email', 'created')),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_sign_in_at timestamptz,
        PRIMARY KEY (provider_id, subject),
        UNIQUE (provider_id, user_id)
      )`);
    await q.query(`CREATE INDEX external_identities_user_idx ON external_identities (user_id)`);
    // A sign-in sent to a provider and not back yet: the OAuth state (or SAML request id) with what
    // checking the answer needs. Taken (deleted) when the answer comes, so each is used once.
    await q.query(`
      CREATE TABLE provider_sign_in_requests (
        id text PRIMARY KEY CHECK (length(id) BETWEEN 16 AND 200),
        provider_id text NOT NULL,
        nonce text,
        code_verifier text,
        next_path text CHECK (next_path IS NULL OR length(next_path) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX provider_sign_in_requests_expiry_idx ON provider_sign_in_requests (expires_at)`);
    // Assertions (SAML) and other one-time answers already accepted, kept until they expire, so a replay is refused.
    await q.query(`
      CREATE TABLE used_provider_assertions (
        provider_id text NOT NULL,
        assertion_id text NOT NULL CHECK (length(assertion_id) BETWEEN 1 AND 500),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (provider_id, assertion_id)
      )`);
    await q.query(`CREATE INDEX used_provider_assertions_expiry_idx ON used_provider_assertions (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE used_provider_assertions`);
    await q.query(`DROP TABLE provider_sign_in_requests`);
    await q.query(`DROP TABLE external_identities`);
    await q.query(`
      CREATE TABLE revoked_sessions (
        session_id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX revoked_sessions_expiry_idx ON revoked_sessions (expires_at)`);
    await q.query(`DROP TABLE sessions`);
  }
}

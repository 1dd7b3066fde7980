// Open Badges 3.0 credentials that outside verifiers accept (issue 19): the credential secured with
// an embedded Data Integrity proof (credential_document) beside the VC-JWT, and the salt its hashed
// identifiers (registration number, e-mail) are made with, one per certificate so that drawing the
// credential again gives the same one. Certificates issued before get a salt here and their new
// forms from the sweeper (credential_document stays empty until then); their old JWT keeps
// verifying, its key stays in signing_keys. Owner: certification.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class OpenBadgesCredentials1765300000000 implements MigrationInterface {
  name = 'OpenBadgesCredentials1765300000000';

  async up(q: QueryRunner): Promise<void> {
    // gen_random_uuid() is volatile, so every existing row gets a salt of its own (122 random bits).
    await q.query(`
      ALTER TABLE certificates
        ADD COLUMN identity_salt text NOT NULL DEFAULT replace(gen_random_uuid()::text, '-', ''),
        ADD COLUMN credential_document jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE certificates DROP COLUMN identity_salt, DROP COLUMN credential_document`);
  }
}

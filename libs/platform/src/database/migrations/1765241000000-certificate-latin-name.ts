// The holder's name in Latin letters, frozen on the certificate when it is issued (as the Cyrillic
// name is), for the English text of the certificate and the English verification page. Null for
// certificates issued before, or to people whose HR record gives no Latin name. Owner: certification.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CertificateLatinName1765241000000 implements MigrationInterface {
  name = 'CertificateLatinName1765241000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE certificates ADD COLUMN holder_name_latin text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE certificates DROP COLUMN holder_name_latin`);
  }
}

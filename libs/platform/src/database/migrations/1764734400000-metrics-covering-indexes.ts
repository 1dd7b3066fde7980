// Recounting an agency reads each person's enrolments and assignment rows; covering indexes let it
// read them from the index alone (no heap page per enrolment), which is most of the cost for a
// large agency. They replace the plain indexes on the same leading column.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class MetricsCoveringIndexes1764734400000 implements MigrationInterface {
  name = 'MetricsCoveringIndexes1764734400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX enrollments_user_cover_idx ON enrollments (user_id) INCLUDE (id, status, course_version_id)`,
    );
    await q.query(`DROP INDEX enrollments_user_idx`);
    await q.query(
      `CREATE INDEX assignment_users_user_cover_idx ON assignment_users (user_id) INCLUDE (assignment_id, enrollment_id, due_on)`,
    );
    await q.query(`DROP INDEX assignment_users_user_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX assignment_users_user_idx ON assignment_users (user_id)`);
    await q.query(`DROP INDEX assignment_users_user_cover_idx`);
    await q.query(`CREATE INDEX enrollments_user_idx ON enrollments (user_id)`);
    await q.query(`DROP INDEX enrollments_user_cover_idx`);
  }
}

// Nothing orphaned (issue 17 §5): when someone leaves or moves, a handover names a successor for
// what they steward (identity: handovers), and each lib that owns stewarded items records which of
// its items it handed over in that handover, so the handover page lists them after later changes
// (knowledge: knowledge_handover_items; learning: learning_handover_items), with indexes to find what
// a person stewards by person.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Handovers1765220000000 implements MigrationInterface {
  name = 'Handovers1765220000000';

  async up(q: QueryRunner): Promise<void> {
    // successor_id is null while nobody could be found: the items stay with the person and count as
    // orphaned until HR picks someone. successor_set_by null: the default successor. version goes up
    // with each choice, so an owning lib that sees an older event after a newer one ignores it.
    await q.query(`
      CREATE TABLE handovers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        from_user_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        successor_id uuid REFERENCES users(id) ON DELETE RESTRICT,
        reason text NOT NULL CHECK (reason IN ('left', 'moved')),
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        effective_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        successor_set_by uuid REFERENCES users(id) ON DELETE RESTRICT,
        successor_set_at timestamptz,
        version int NOT NULL DEFAULT 1,
        CONSTRAINT handovers_not_to_self CHECK (successor_id <> from_user_id)
      )`);
    await q.query(`CREATE INDEX handovers_from_idx ON handovers (from_user_id, created_at DESC)`);
    await q.query(`CREATE INDEX handovers_successor_idx ON handovers (successor_id, created_at DESC)`);
    await q.query(`CREATE INDEX handovers_agency_idx ON handovers (agency_id) WHERE successor_id IS NULL`);

    // One row per item and handover, in the lib that owns the item: to_user_id is who received it
    // (null: nobody, the item stayed with from_user_id and is orphaned); handover_version is the
    // handover's version that last moved it (HR choosing another successor moves it again).
    await q.query(`
      CREATE TABLE knowledge_handover_items (
        handover_id uuid NOT NULL REFERENCES handovers(id) ON DELETE RESTRICT,
        kind text NOT NULL CHECK (kind IN ('document', 'review', 'comment')),
        item_id uuid NOT NULL,
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        from_user_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        to_user_id uuid REFERENCES users(id) ON DELETE RESTRICT,
        handed_at timestamptz NOT NULL DEFAULT now(),
        handover_version int NOT NULL DEFAULT 0,
        PRIMARY KEY (handover_id, kind, item_id)
      )`);
    await q.query(
      `CREATE INDEX knowledge_handover_items_orphans_idx ON knowledge_handover_items (agency_id) WHERE to_user_id IS NULL`,
    );
    await q.query(`
      CREATE TABLE learning_handover_items (
        handover_id uuid NOT NULL REFERENCES handovers(id) ON DELETE RESTRICT,
        kind text NOT NULL CHECK (kind IN ('course', 'session')),
        item_id uuid NOT NULL,
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        from_user_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        to_user_id uuid REFERENCES users(id) ON DELETE RESTRICT,
        handed_at timestamptz NOT NULL DEFAULT now(),
        handover_version int NOT NULL DEFAULT 0,
        PRIMARY KEY (handover_id, kind, item_id)
      )`);
    await q.query(
      `CREATE INDEX learning_handover_items_orphans_idx ON learning_handover_items (agency_id) WHERE to_user_id IS NULL`,
    );

    // What a person stewards, found by person: each handover job and the orphan counts look them up.
    await q.query(
      `CREATE INDEX knowledge_documents_owner_idx ON knowledge_documents (owner_id) WHERE status <> 'archived'`,
    );
    await q.query(
      `CREATE INDEX knowledge_documents_submitted_idx ON knowledge_documents (submitted_by) WHERE status = 'in_review'`,
    );
    await q.query(
      `CREATE INDEX training_sessions_trainer_idx ON training_sessions (trainer_id, starts_at) WHERE cancelled_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX training_sessions_trainer_idx`);
    await q.query(`DROP INDEX knowledge_documents_submitted_idx`);
    await q.query(`DROP INDEX knowledge_documents_owner_idx`);
    await q.query(`DROP TABLE learning_handover_items`);
    await q.query(`DROP TABLE knowledge_handover_items`);
    await q.query(`DROP TABLE handovers`);
  }
}

// Annual capacity-building plans (issue 20 §2-3): an agency's plan and its lines, each approved
// version frozen as it was approved, spending against lines, the links from lines to the
// assignments and sessions that deliver them, and plan vs actual per line with its daily history.
// Also the agency_head role that approves plans (identity's users.roles). Owner: planning.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CapacityPlans1765400000000 implements MigrationInterface {
  name = 'CapacityPlans1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_roles_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_roles_check
      CHECK (roles <@ ARRAY['learner','trainer','hr_officer','agency_head','admin']::text[] AND cardinality(roles) > 0)`);

    // The working copy of one agency's plan for one year. approved_version is the latest version the
    // agency's head approved (0: never); a change after approval reopens the working copy (status
    // draft) with a change_reason, and the approved version stays what is published until the next.
    await q.query(`
      CREATE TABLE capacity_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','approved')),
        budget numeric(16,2) NOT NULL CHECK (budget >= 0),
        revision integer NOT NULL DEFAULT 1,
        approved_version integer NOT NULL DEFAULT 0,
        change_reason text CHECK (length(change_reason) BETWEEN 1 AND 1000),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        submitted_by uuid REFERENCES users(id) ON DELETE SET NULL,
        submitted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, year)
      )`);
    await q.query(`
      CREATE TABLE capacity_plan_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES capacity_plans(id) ON DELETE CASCADE,
        competency_code text NOT NULL REFERENCES competencies(code) ON DELETE RESTRICT,
        target_agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        position_ids uuid[] NOT NULL CHECK (cardinality(position_ids) BETWEEN 1 AND 50),
        modality text NOT NULL CHECK (modality IN ('online','face_to_face','external')),
        course_id uuid REFERENCES courses(id) ON DELETE RESTRICT,
        provider text CHECK (length(provider) BETWEEN 1 AND 200),
        seats integer NOT NULL CHECK (seats BETWEEN 1 AND 100000),
        quarter smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        cost numeric(14,2) NOT NULL CHECK (cost >= 0),
        kpi text NOT NULL CHECK (length(kpi) BETWEEN 1 AND 500),
        kpi_measure text NOT NULL DEFAULT 'completed_share' CHECK (kpi_measure IN ('completed_share','certified_share','competency_coverage')),
        kpi_target numeric(5,2) NOT NULL CHECK (kpi_target BETWEEN 0 AND 100),
        removed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (modality = 'external' OR course_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX capacity_plan_lines_plan_idx ON capacity_plan_lines (plan_id)`);
    await q.query(`CREATE INDEX capacity_plan_lines_course_idx ON capacity_plan_lines (course_id)`);
    // Each approved version as it was approved: lines (with their ids) and totals, frozen.
    await q.query(`
      CREATE TABLE capacity_plan_versions (
        plan_id uuid NOT NULL REFERENCES capacity_plans(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        budget numeric(16,2) NOT NULL,
        total numeric(16,2) NOT NULL,
        lines jsonb NOT NULL,
        reason text,
        submitted_by uuid REFERENCES users(id) ON DELETE SET NULL,
        approved_by uuid REFERENCES users(id) ON DELETE SET NULL,
        approved_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, version)
      )`);
    await q.query(`
      CREATE TABLE capacity_plan_spending (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES capacity_plans(id) ON DELETE CASCADE,
        line_id uuid NOT NULL REFERENCES capacity_plan_lines(id) ON DELETE RESTRICT,
        amount numeric(14,2) NOT NULL CHECK (amount > 0),
        spent_on date NOT NULL,
        reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 200),
        note text CHECK (length(note) <= 1000),
        recorded_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (line_id, reference)
      )`);
    await q.query(`CREATE INDEX capacity_plan_spending_plan_idx ON capacity_plan_spending (plan_id)`);
    // Which assignments (accountability) and face-to-face sessions (learning) deliver a line.
    await q.query(`
      CREATE TABLE capacity_plan_deliveries (
        line_id uuid NOT NULL REFERENCES capacity_plan_lines(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('assignment','session')),
        ref_id uuid NOT NULL,
        linked_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (line_id, kind, ref_id)
      )`);
    await q.query(`CREATE INDEX capacity_plan_deliveries_ref_idx ON capacity_plan_deliveries (kind, ref_id)`);
    // Plan vs actual per line, recounted from source rows by the plans queue, and one row per day.
    await q.query(`
      CREATE TABLE capacity_plan_actuals (
        line_id uuid PRIMARY KEY REFERENCES capacity_plan_lines(id) ON DELETE CASCADE,
        plan_id uuid NOT NULL REFERENCES capacity_plans(id) ON DELETE CASCADE,
        reached integer NOT NULL,
        completed integer NOT NULL,
        certified integer NOT NULL,
        spent numeric(16,2) NOT NULL,
        kpi_value numeric(6,2),
        kpi_people integer,
        computed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX capacity_plan_actuals_plan_idx ON capacity_plan_actuals (plan_id)`);
    await q.query(`
      CREATE TABLE capacity_plan_actuals_history (
        line_id uuid NOT NULL REFERENCES capacity_plan_lines(id) ON DELETE CASCADE,
        plan_id uuid NOT NULL REFERENCES capacity_plans(id) ON DELETE CASCADE,
        day date NOT NULL,
        reached integer NOT NULL,
        completed integer NOT NULL,
        certified integer NOT NULL,
        spent numeric(16,2) NOT NULL,
        kpi_value numeric(6,2),
        PRIMARY KEY (line_id, day)
      )`);
    await q.query(
      `CREATE INDEX capacity_plan_actuals_history_plan_idx ON capacity_plan_actuals_history (plan_id, day)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'capacity_plan_actuals_history',
      'capacity_plan_actuals',
      'capacity_plan_deliveries',
      'capacity_plan_spending',
      'capacity_plan_versions',
      'capacity_plan_lines',
      'capacity_plans',
    ])
      await q.query(`DROP TABLE ${t}`);
    await q.query(`UPDATE users SET roles = array_remove(roles, 'agency_head')`);
    await q.query(`UPDATE users SET roles = '{learner}' WHERE cardinality(roles) = 0`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_roles_check`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_roles_check
      CHECK (roles <@ ARRAY['learner','trainer','hr_officer','admin']::text[] AND cardinality(roles) > 0)`);
  }
}

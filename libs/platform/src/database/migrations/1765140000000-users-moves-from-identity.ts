// Identity's UsersService.place now dates a new agency or position and emits user.moved in the
// transaction that makes the change, so the trigger that did both from accountability's migration goes.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class UsersMovesFromIdentity1765140000000 implements MigrationInterface {
  name = 'UsersMovesFromIdentity1765140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_track_moves ON users`);
    await q.query(`DROP FUNCTION users_track_moves()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION users_track_moves() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.agency_id IS DISTINCT FROM OLD.agency_id AND NEW.agency_since IS NOT DISTINCT FROM OLD.agency_since THEN
          NEW.agency_since := (now() AT TIME ZONE 'Asia/Ulaanbaatar')::date;
        END IF;
        IF NEW.position_id IS DISTINCT FROM OLD.position_id AND NEW.position_since IS NOT DISTINCT FROM OLD.position_since THEN
          NEW.position_since := (now() AT TIME ZONE 'Asia/Ulaanbaatar')::date;
        END IF;
        IF NEW.agency_id IS DISTINCT FROM OLD.agency_id OR NEW.position_id IS DISTINCT FROM OLD.position_id OR NEW.is_active IS DISTINCT FROM OLD.is_active THEN
          INSERT INTO outbox_events (type, payload) VALUES ('user.moved', jsonb_build_object(
            'userId', NEW.id, 'agencyId', NEW.agency_id, 'previousAgencyId', OLD.agency_id, 'positionId', NEW.position_id));
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER users_track_moves BEFORE UPDATE OF agency_id, position_id, is_active ON users FOR EACH ROW EXECUTE FUNCTION users_track_moves()`,
    );
  }
}

// Identity's handovers, called as the staff import calls them: HandoversService.openFor over many
// moves at once (set-based: a fixed number of statements whatever the number of people), the
// default successor (active supervisor, else the active next holder of the position in the agency
// left, else nobody), no handover for a reactivation or a move of someone already gone, and one
// handover.opened per handover in the caller's transaction.
import { HandoversService, PersonMove } from '@chadavkhi/identity';
import { agencyByCode, positionByCode } from '../support/factories';
import { ServiceContext, startServiceContext } from '../support/service-context';

const PEOPLE = 5000;
const TODAY = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('HandoversService.openFor', () => {
  let s: ServiceContext;
  let handovers: HandoversService;

  beforeAll(async () => {
    s = await startServiceContext(['identity']);
    handovers = s.get(HandoversService);
  });
  afterAll(() => s.close());

  /** Inserts people straight into the tables (as a test fixture, not as the subject), with open placements. */
  async function people(n: number, agencyId: string, positionId: string, prefix: string): Promise<string[]> {
    const rows: { id: string }[] = await s.db.query(
      `INSERT INTO users (email, name, password_hash, roles, agency_id, position_id)
       SELECT $1 || g || '@test.chadavkhi.mn', 'Хүн ' || g, NULL, ARRAY['learner'], $2, $3 FROM generate_series(1, $4) g
       RETURNING id`,
      [`${prefix}-`, agencyId, positionId, n],
    );
    const ids = rows.map((r) => r.id);
    await s.db.query(
      `INSERT INTO user_placements (user_id, agency_id, position_id, valid_from)
       SELECT id, agency_id, position_id, current_date - 400 FROM users WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return ids;
  }

  it('opens one handover per leaver or mover, with the default successor, in a few statements for thousands', async () => {
    const finance = await agencyByCode(s.db, 'ministry-finance');
    const tax = await agencyByCode(s.db, 'tax-general-department');
    const specialist = await positionByCode(s.db, 'specialist');
    const headOfDivision = await positionByCode(s.db, 'head-of-division');
    const [boss] = await people(1, finance.id, headOfDivision.id, 'boss');
    const leavers = await people(PEOPLE, finance.id, specialist.id, 'leaver');
    // Half report to the boss; the rest have no supervisor, and other specialists remain in the agency.
    await s.db.query(`UPDATE users SET supervisor_id = $1 WHERE id = ANY($2::uuid[])`, [
      boss,
      leavers.slice(0, PEOPLE / 2),
    ]);
    const [stayer] = await people(1, finance.id, specialist.id, 'stayer');
    // The most recent holder of the position is the one who takes over.
    await s.db.query(`UPDATE user_placements SET valid_from = current_date - 1 WHERE user_id = $1`, [stayer]);
    const [loneMover] = await people(1, finance.id, (await positionByCode(s.db, 'state-secretary')).id, 'lone');
    const [comingBack] = await people(1, finance.id, specialist.id, 'back');

    const moves: PersonMove[] = [
      ...leavers.map((userId) => ({
        userId,
        agencyId: finance.id,
        previousAgencyId: finance.id,
        positionId: specialist.id,
        previousPositionId: specialist.id,
        isActive: false,
        wasActive: true,
        on: TODAY,
      })),
      {
        userId: loneMover,
        agencyId: tax.id,
        previousAgencyId: finance.id,
        positionId: specialist.id,
        previousPositionId: (await positionByCode(s.db, 'state-secretary')).id,
        isActive: true,
        wasActive: true,
        on: TODAY,
      },
      {
        userId: comingBack,
        agencyId: finance.id,
        previousAgencyId: finance.id,
        positionId: specialist.id,
        previousPositionId: specialist.id,
        isActive: true,
        wasActive: false,
        on: TODAY,
      },
    ];
    await s.db.query(`UPDATE users SET is_active = false WHERE id = ANY($1::uuid[])`, [leavers]);

    let statements = 0;
    const started = process.hrtime.bigint();
    await s.db.transaction(async (manager) => {
      const query = manager.query.bind(manager);
      manager.query = ((sql: string, parameters?: unknown[]) => {
        statements++;
        return query(sql, parameters);
      }) as typeof manager.query;
      await handovers.openFor(manager, moves);
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // Measured, not asserted as a time: the statements are what keeps it set-based.
    console.log(`openFor: ${moves.length} moves → ${statements} statements, ${ms.toFixed(0)} ms`);
    expect(statements).toBeLessThanOrEqual(2);

    const opened: { from_user_id: string; successor_id: string | null; reason: string }[] = await s.db.query(
      `SELECT from_user_id, successor_id, reason FROM handovers`,
    );
    expect(opened).toHaveLength(PEOPLE + 1);
    const byPerson = new Map(opened.map((h) => [h.from_user_id, h]));
    expect(byPerson.get(leavers[0])).toEqual({ from_user_id: leavers[0], successor_id: boss, reason: 'left' });
    // No supervisor: the active specialist still in the agency (the leavers are not active).
    expect(byPerson.get(leavers[PEOPLE - 1])).toEqual({
      from_user_id: leavers[PEOPLE - 1],
      successor_id: stayer,
      reason: 'left',
    });
    // Nobody else held their position there and no supervisor: orphaned until HR chooses.
    expect(byPerson.get(loneMover)).toEqual({ from_user_id: loneMover, successor_id: null, reason: 'moved' });
    expect(byPerson.has(comingBack)).toBe(false);

    const [events] = await s.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT payload->>'handoverId')::int AS distinct_handovers
         FROM outbox_events WHERE type = 'handover.opened'`,
    );
    expect(events).toEqual({ n: PEOPLE + 1, distinct_handovers: PEOPLE + 1 });
  }, 120000);

  it('opens nothing for an empty list of moves', async () => {
    const before = (await s.db.query(`SELECT count(*)::int AS n FROM handovers`))[0].n;
    await s.db.transaction((manager) => handovers.openFor(manager, []));
    expect((await s.db.query(`SELECT count(*)::int AS n FROM handovers`))[0].n).toBe(before);
  });
});

// Staff import: a CSV or XLSX file previewed (nothing changes), applied once in one transaction
// (audited, idempotent), movers' history kept, leavers of a full sync deactivated, bad rows and bad
// files refused with their reasons, and every denial of scope.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { createUser } from '../support/factories';
import { answerBeforeBody, bearer, expectProblem, tokenFor } from '../support/http';
import { registrationNumber, staffCsv, staffRow, staffXlsx, type StaffRow } from '../support/staff-files';
import { startTestApp, TestApp } from '../support/test-app';

describe('staff import', () => {
  let t: TestApp;
  let admin: string;
  let hrFinance: string;
  let hrJustice: string;
  let learner: string;
  let hrFinanceId: string;

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: false, STAFF_IMPORT_MAX_BYTES: 512 * 1024 });
    const [a, h, j, l] = await Promise.all([
      createUser(t.db, { roles: ['admin'], agency: 'civil-service-council' }),
      createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' }),
      createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-justice-home-affairs' }),
      createUser(t.db, { roles: ['learner'], agency: 'tax-audit-department' }),
    ]);
    hrFinanceId = h.id;
    [admin, hrFinance, hrJustice, learner] = await Promise.all([a, h, j, l].map((u) => tokenFor(t, u.email)));
  });
  afterAll(() => t.close());

  /** A new agency under the General Department of Taxation: a subtree no other test touches. */
  async function freshAgency(): Promise<string> {
    const [parent] = await t.db.query(`SELECT id FROM agencies WHERE code = 'tax-general-department'`);
    const code = `staff-test-${Math.random().toString(36).slice(2, 10)}`;
    const r = await t
      .http()
      .post('/api/v1/agencies')
      .set(bearer(admin))
      .send({ code, kind: 'department', nameMn: 'Туршилтын хэлтэс', nameEn: 'Test department', parentId: parent.id });
    expect(r.status).toBe(201);
    return code;
  }

  const upload = (token: string, file: Buffer, agency: string, fullSync = false, name = 'staff.csv') =>
    t
      .http()
      .post('/api/v1/staff-imports')
      .set(bearer(token))
      .field('agency', agency)
      .field('fullSync', String(fullSync))
      .attach('file', file, name);
  const apply = (token: string, id: string) =>
    t.http().post(`/api/v1/staff-imports/${id}/apply`).set(bearer(token)).send({});
  const person = async (regnum: string) =>
    (
      await t.db.query(
        `SELECT u.*, a.code AS agency_code, p.code AS position_code FROM users u JOIN agencies a ON a.id = u.agency_id
           JOIN positions p ON p.id = u.position_id WHERE u.registration_number = $1`,
        [regnum],
      )
    )[0];
  const history = async (userId: string) =>
    t.db.query(
      `SELECT a.code AS agency, to_char(valid_from, 'YYYY-MM-DD') AS "from", to_char(valid_to, 'YYYY-MM-DD') AS "to"
         FROM user_placements p JOIN agencies a ON a.id = p.agency_id WHERE user_id = $1 ORDER BY valid_from, p.id`,
      [userId],
    );

  it('previews the sample file without changing anything, applies it once in one audited transaction, and the same file again changes nothing', async () => {
    const sample = readFileSync(join(__dirname, '../../content/staff/staff-sample.csv'));
    const before = await t.db.query(`SELECT count(*)::int AS n FROM users`);
    const preview = await upload(hrFinance, sample, 'tax-general-department', false, 'staff-sample.csv');
    expect(preview.status).toBe(201);
    expect(preview.body).toEqual(
      expect.objectContaining({
        status: 'previewed',
        canApply: true,
        fullSync: false,
        counts: { create: 8, update: 0, move: 0, rejoin: 0, leave: 0, unchanged: 0, problems: 0 },
      }),
    );
    expect(preview.body.changes.items[0]).toEqual(
      expect.objectContaining({ kind: 'create', line: 2, name: 'Дорж Батбаяр', registrationNumber: 'УБ72051403' }),
    );
    expect((await t.db.query(`SELECT count(*)::int AS n FROM users`))[0].n).toBe(before[0].n);

    const applied = await apply(hrFinance, preview.body.id);
    expect(applied.status).toBe(200);
    expect(applied.body).toEqual({
      id: preview.body.id,
      applied: expect.objectContaining({ create: 8 }),
      alreadyApplied: false,
    });
    const khulan = await person('ТӨ91070522');
    expect(khulan).toEqual(
      expect.objectContaining({
        name: 'Цэрэндорж Хулан',
        name_latin: 'Tserendorj Khulan',
        agency_code: 'tax-audit-department',
        position_code: 'tax-inspector',
        password_hash: null,
        roles: ['learner'],
        is_active: true,
      }),
    );
    const boss = await person('ДА85030911');
    expect(khulan.supervisor_id).toBe(boss.id);
    expect(await history(khulan.id)).toEqual([{ agency: 'tax-audit-department', from: '2014-08-18', to: null }]);
    const created = await t.db.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'user.created' AND payload->>'userId' = $1`,
      [khulan.id],
    );
    expect(created[0].n).toBe(1);
    const audit = await t.db.query(
      `SELECT actor_id, details FROM audit_log_entries WHERE action = 'staff.import.apply' AND target_id = $1`,
      [preview.body.id],
    );
    expect(audit).toEqual([expect.objectContaining({ actor_id: hrFinanceId })]);

    // The same import again, and the same file as a new import: nothing changes.
    expect((await apply(hrFinance, preview.body.id)).body).toEqual(
      expect.objectContaining({ alreadyApplied: true, applied: expect.objectContaining({ create: 0 }) }),
    );
    const again = await upload(hrFinance, sample, 'tax-general-department');
    expect(again.body.counts).toEqual({
      create: 0,
      update: 0,
      move: 0,
      rejoin: 0,
      leave: 0,
      unchanged: 8,
      problems: 0,
    });
    const events = await t.db.query(`SELECT count(*)::int AS n FROM outbox_events`);
    expect((await apply(hrFinance, again.body.id)).body.applied).toEqual(
      expect.objectContaining({ unchanged: 8, create: 0 }),
    );
    expect((await t.db.query(`SELECT count(*)::int AS n FROM outbox_events`))[0].n).toBe(events[0].n);
  });

  it('moves a person with their history dated by the file, and a full sync makes the people missing from it leave', async () => {
    const agency = await freshAgency();
    const [mover, stayer, leaver] = [
      staffRow({ agency_code: agency }),
      staffRow({ agency_code: agency }),
      staffRow({ agency_code: agency }),
    ];
    mover.position_since = '2020-01-06';
    const first = await upload(hrFinance, staffCsv([mover, stayer, leaver]), agency, true);
    expect(first.body.counts).toEqual(expect.objectContaining({ create: 3, leave: 0, problems: 0 }));
    await apply(hrFinance, first.body.id);
    const leaverBefore = await person(leaver.registration_number!);
    const leaverToken = await t.db.query(`SELECT token_version FROM users WHERE id = $1`, [leaverBefore.id]);

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // Ulaanbaatar, UTC+8
    const moved = {
      ...mover,
      agency_code: 'tax-audit-department',
      position_code: 'senior-specialist',
      position_since: today,
    };
    const second = await upload(hrFinance, staffCsv([moved, stayer]), agency, true);
    // The mover leaves the subtree of a full sync of `agency`: as a move into another of HR's agencies it is refused…
    expect(second.body.problems.items).toEqual([
      expect.objectContaining({ line: 2, field: 'agency_code', code: 'agency-outside-subtree' }),
    ]);
    expect(second.body.canApply).toBe(false);
    expectProblem(await apply(hrFinance, second.body.id), 422);

    // …and accepted from the ministry's level, where both agencies are in scope.
    const third = await upload(hrFinance, staffCsv([moved]), 'tax-general-department');
    expect(third.body.counts).toEqual(expect.objectContaining({ move: 1, problems: 0 }));
    expect(third.body.changes.items[0]).toEqual(
      expect.objectContaining({
        kind: 'move',
        fields: ['agency', 'position'],
        from: { agencyCode: agency, positionCode: 'tax-inspector' },
        to: { agencyCode: 'tax-audit-department', positionCode: 'senior-specialist' },
        effectiveOn: today,
      }),
    );
    await apply(hrFinance, third.body.id);
    const m = await person(mover.registration_number!);
    expect(await history(m.id)).toEqual([
      { agency, from: '2020-01-06', to: today },
      { agency: 'tax-audit-department', from: today, to: null },
    ]);
    const [event] = await t.db.query(
      `SELECT payload FROM outbox_events WHERE type = 'user.moved' AND payload->>'userId' = $1`,
      [m.id],
    );
    expect(event.payload).toEqual(expect.objectContaining({ isActive: true, wasActive: true, on: today }));

    // Full sync of the agency with only the stayer: the leaver (still there) leaves.
    const fourth = await upload(hrFinance, staffCsv([stayer]), agency, true);
    expect(fourth.body.counts).toEqual(expect.objectContaining({ unchanged: 1, leave: 1, problems: 0 }));
    expect(fourth.body.changes.items).toEqual([
      expect.objectContaining({ kind: 'leave', userId: leaverBefore.id, line: null }),
    ]);
    await apply(hrFinance, fourth.body.id);
    const gone = await person(leaver.registration_number!);
    expect(gone).toEqual(
      expect.objectContaining({ is_active: false, token_version: leaverToken[0].token_version + 1 }),
    );
    expect(gone.left_on).toBeTruthy();
    expect((await history(gone.id)).at(-1).to).not.toBeNull();
    // What the leaver stewarded goes to a successor: the import opened their handover.
    expect(await t.db.query(`SELECT reason FROM handovers WHERE from_user_id = $1`, [gone.id])).toEqual([
      { reason: 'left' },
    ]);
    // Applying the same full sync again changes nothing.
    const fifth = await upload(hrFinance, staffCsv([stayer]), agency, true);
    expect(fifth.body.counts).toEqual(expect.objectContaining({ unchanged: 1, leave: 0 }));
    // The leaver comes back in a later file.
    const sixth = await upload(hrFinance, staffCsv([stayer, leaver]), agency, true);
    expect(sixth.body.counts).toEqual(expect.objectContaining({ rejoin: 1, unchanged: 1 }));
    await apply(hrFinance, sixth.body.id);
    expect(await person(leaver.registration_number!)).toEqual(
      expect.objectContaining({ is_active: true, left_on: null }),
    );
  });

  it('refuses bad rows with their line and reason, and nothing of such a file can be applied', async () => {
    const agency = await freshAgency();
    const a = staffRow({ agency_code: agency });
    const b = staffRow({ agency_code: agency });
    const c = staffRow({ agency_code: agency });
    a.supervisor_registration_number = b.registration_number;
    b.supervisor_registration_number = a.registration_number; // a cycle
    const policeOfficer = await createUser(t.db, { agency: 'national-police-agency' });
    const elsewhere = registrationNumber();
    await t.db.query(`UPDATE users SET registration_number = $1 WHERE id = $2`, [elsewhere, policeOfficer.id]);
    const rows: StaffRow[] = [
      a,
      b,
      c,
      { ...staffRow({ agency_code: agency }), registration_number: 'AB12345678' }, // Latin letters
      { ...staffRow({ agency_code: agency }), registration_number: c.registration_number }, // duplicate
      staffRow({ agency_code: 'no-such-agency' }),
      staffRow({ agency_code: agency, position_code: 'astronaut' }),
      staffRow({ agency_code: agency, phone: '=HYPERLINK("http://evil")' }),
      staffRow({ agency_code: 'ministry-justice-home-affairs' }),
      staffRow({ agency_code: agency, supervisor_registration_number: registrationNumber() }),
      staffRow({ agency_code: agency, joined_service_on: '2024-02-30' }),
    ];
    rows.push(staffRow({ agency_code: agency, registration_number: elsewhere }));
    const preview = await upload(hrFinance, staffCsv(rows), agency);
    expect(preview.status).toBe(201);
    const codes = preview.body.problems.items.map((p: { line: number; code: string }) => `${p.line}:${p.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        '2:supervisor-cycle',
        '3:supervisor-cycle',
        '4:duplicate',
        '5:malformed',
        '6:duplicate',
        '7:unknown-agency',
        '8:unknown-position',
        '9:formula',
        '10:agency-outside-subtree',
        '11:unknown-supervisor',
        '12:malformed',
        '13:outside-subtree',
      ]),
    );
    expect(preview.body.canApply).toBe(false);
    const users = await t.db.query(`SELECT count(*)::int AS n FROM users`);
    const refused = expectProblem(await apply(hrFinance, preview.body.id), 422);
    expect(refused.detail).toMatch(/refused/);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM users`))[0].n).toBe(users[0].n);
  });

  it('refuses whole files it cannot read: wrong encoding, columns, several sheets, a formula in a workbook, too large, empty', async () => {
    const agency = await freshAgency();
    const row = staffRow({ agency_code: agency });
    const cp1251 = iconv.encode(staffCsv([row]).toString('utf8'), 'win1251');
    const encoding = expectProblem(await upload(hrFinance, cp1251, agency), 422);
    expect(encoding).toEqual(expect.objectContaining({ code: 'encoding', detail: expect.stringMatching(/UTF-8/) }));
    const columns = expectProblem(
      await upload(hrFinance, staffCsv([row], ['registration_number', 'surname', 'given_name']), agency),
      422,
    );
    expect(columns).toEqual(
      expect.objectContaining({ code: 'columns', detail: expect.stringMatching(/family_name.*surname/s) }),
    );
    const sheets = expectProblem(
      await upload(hrFinance, await staffXlsx([row], { sheets: 2 }), agency, false, 'staff.xlsx'),
      422,
    );
    expect(sheets).toEqual(expect.objectContaining({ code: 'several-sheets' }));
    const formula = await upload(hrFinance, await staffXlsx([row], { formulaIn: 0 }), agency, false, 'staff.xlsx');
    expect(formula.body.problems.items).toEqual([
      expect.objectContaining({ line: 2, field: 'phone', code: 'formula' }),
    ]);
    const big = Buffer.concat([staffCsv([row]), Buffer.alloc(600 * 1024, 0x20)]);
    expectProblem(await upload(hrFinance, big, agency), 413);
    expect(expectProblem(await upload(hrFinance, Buffer.from(''), agency), 422)).toEqual(
      expect.objectContaining({ code: 'empty' }),
    );
  });

  it('reads XLSX like CSV', async () => {
    const agency = await freshAgency();
    const rows = [
      staffRow({ agency_code: agency, joined_service_on: '2015-03-02' }),
      staffRow({ agency_code: agency }),
    ];
    const preview = await upload(hrFinance, await staffXlsx(rows), agency, false, 'staff.xlsx');
    expect(preview.body.counts).toEqual(expect.objectContaining({ create: 2, problems: 0 }));
    await apply(hrFinance, preview.body.id);
    expect(await person(rows[0].registration_number!)).toEqual(
      expect.objectContaining({ family_name: 'Батболд', given_name: 'Сарангэрэл' }),
    );
    const again = await upload(hrFinance, staffCsv(rows), agency);
    expect(again.body.counts).toEqual(expect.objectContaining({ unchanged: 2, create: 0, update: 0 }));
  });

  it('asks for a new preview when the staff records changed since this one', async () => {
    const agency = await freshAgency();
    const row = staffRow({ agency_code: agency });
    await apply(hrFinance, (await upload(hrFinance, staffCsv([row]), agency)).body.id);
    const stale = await upload(hrFinance, staffCsv([{ ...row, phone: '+97699000001' }]), agency);
    const other = await upload(hrFinance, staffCsv([{ ...row, phone: '+97699000002' }]), agency);
    await apply(hrFinance, other.body.id);
    const refused = expectProblem(await apply(hrFinance, stale.body.id), 409);
    expect(refused.detail).toMatch(/changed since this preview/);
    expect((await person(row.registration_number!)).phone).toBe('+97699000002');
  });

  it('refuses people who may not import, and agencies and imports outside the officer’s subtree', async () => {
    const agency = await freshAgency();
    const file = staffCsv([staffRow({ agency_code: agency })]);
    expectProblem(await upload(learner, file, agency), 403);
    expectProblem(await upload(hrJustice, file, agency), 403);
    const anonymous = await t
      .http()
      .post('/api/v1/staff-imports')
      .field('agency', agency)
      .attach('file', file, 'staff.csv');
    expectProblem(anonymous, 401);
    // A learner's large file is refused on its headers: the server answers before the body is sent.
    const early = await answerBeforeBody(t, {
      method: 'POST',
      path: '/api/v1/staff-imports',
      headers: { 'content-type': 'multipart/form-data; boundary=----x', ...bearer(learner) },
      declaredBytes: 60 * 1000 * 1000,
    });
    expectProblem(early, 403);
    const mine = await upload(hrFinance, file, agency);
    expectProblem(await t.http().get(`/api/v1/staff-imports/${mine.body.id}`).set(bearer(hrJustice)), 404);
    expectProblem(await apply(hrJustice, mine.body.id), 404);
    const list = await t.http().get('/api/v1/staff-imports').set(bearer(hrJustice));
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(mine.body.id);
    expect((await t.http().get(`/api/v1/staff-imports/${mine.body.id}`).set(bearer(admin))).status).toBe(200);
  });
});

// Figures from HR records: data quality per agency (own, rolled up, on the HR dashboard, and as
// aggregates only in open data), and the headcount of a past day from the position history — a
// mover in the old agency before the move date and in the new one from it, a leaver until the day
// they left — which the daily history keeps consistent when a change is dated back.
import { randomUUID } from 'node:crypto';
import { MetricsService } from '@chadavkhi/accountability';
import { UsersService } from '@chadavkhi/identity';
import { agencyByCode, createUser, TestUser } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { untilQueuesDrained } from '../support/queues-drained';
import { startTestApp, TestApp } from '../support/test-app';
import { signInPage } from '../support/web';

describe('figures from HR records', () => {
  let t: TestApp;
  let admin: TestUser;
  let adminToken: string;

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: true, OUTBOX_POLL_MS: 100 });
    admin = await createUser(t.db, { roles: ['admin'], agency: 'government' });
    adminToken = await tokenFor(t, admin.email);
  });
  afterAll(() => t.close());

  /** A department under `parentCode` (no people yet); its id. */
  async function department(code: string, parentCode: string): Promise<string> {
    const parent = await agencyByCode(t.db, parentCode);
    const id = randomUUID();
    await t.db.query(
      `INSERT INTO agencies (id, code, kind, name_mn, name_en, parent_id, path) VALUES ($1, $2, 'department', $2, $2, $3, $4::uuid[])`,
      [id, code, parent.id, [...parent.path, id]],
    );
    return id;
  }

  const metrics = (agencyId: string, query = '', token = adminToken) =>
    t.http().get(`/api/v1/agencies/${agencyId}/metrics${query}`).set(bearer(token));

  describe('data quality', () => {
    let dq: string;
    let parent: string;

    beforeAll(async () => {
      parent = await department('dq-parent', 'government');
      dq = await department('dq-dept', 'dq-parent');
      // Ten people: five with a registration number, all with a supervisor, nine with an e-mail.
      const people = await Promise.all(Array.from({ length: 10 }, () => createUser(t.db, { agency: 'dq-dept' })));
      // The supervisor and a few more people at the top, so the government's own remainder is large.
      const boss = await createUser(t.db, { agency: 'government' });
      await Promise.all(Array.from({ length: 5 }, () => createUser(t.db, { agency: 'government' })));
      for (const [i, p] of people.entries())
        await t.db.query(
          `UPDATE users SET supervisor_id = $2, registration_number = $3, email = CASE WHEN $4 THEN NULL ELSE email END WHERE id = $1`,
          [p.id, boss.id, i < 5 ? `УБ9906151${i}` : null, i === 9],
        );
      // A leaver with every item counts nowhere.
      const leaver = await createUser(t.db, { agency: 'dq-dept' });
      await t.db.query(`UPDATE users SET is_active = false, registration_number = 'УБ99061599' WHERE id = $1`, [
        leaver.id,
      ]);
      await t.app.get(MetricsService).recomputeAll();
    });

    it('counts the share of active people with a registration number, position, supervisor and e-mail, own and rolled up', async () => {
      const own = await metrics(dq);
      expect(own.status).toBe(200);
      expect(own.body.figures.headcount).toBe(10);
      expect(own.body.figures.dataQuality).toEqual({
        registrationNumber: { people: 5, share: 0.5 },
        position: { people: 10, share: 1 },
        supervisor: { people: 10, share: 1 },
        email: { people: 9, share: 0.9 },
      });
      // Rolled up: the parent's figures are the department's; the government's hold the supervisor too.
      const up = await metrics(parent);
      expect(up.body.figures.dataQuality).toEqual(own.body.figures.dataQuality);
      expect(up.body.subAgencies[0].figures.dataQuality.registrationNumber.people).toBe(5);
      const top = (await metrics((await agencyByCode(t.db, 'government')).id)).body.figures;
      expect(top.headcount).toBe(17);
      expect(top.dataQuality.supervisor).toEqual({ people: 10, share: 0.588 });
    });

    it('shows it on the HR dashboard, in Mongolian and English', async () => {
      const page = await signInPage(t, admin.email);
      const en = await page.get(`/hr/agencies/${dq}?lang=en`);
      expect(en.status).toBe(200);
      expect(en.text).toContain('Data quality');
      expect(en.text).toMatch(/Registration number<\/th><td class="num">5<\/td><td class="num">50%/);
      const mn = await page.get(`/hr/agencies/${dq}?lang=mn`);
      expect(mn.text).toContain('Мэдээллийн чанар');
    });

    it('publishes shares only, blank where those with or without an item are 1–4 people', async () => {
      const json = await t.http().get('/api/v1/open-data/agency-metrics.json');
      expect(json.body.schema.columns).toEqual(
        expect.arrayContaining(['registration_number_share', 'position_share', 'supervisor_share', 'e_mail_share']),
      );
      const row = json.body.rows.find((r: { agency_code: string }) => r.agency_code === 'dq-dept');
      expect(row).toEqual(
        expect.objectContaining({
          headcount: 10,
          registration_number_share: 0.5,
          position_share: 1,
          supervisor_share: 1,
          // One person has no e-mail: a share would single them out as a group of one.
          e_mail_share: null,
        }),
      );
      // No counts of people with an item are published, only shares; and none leaks a registration number.
      expect(Object.keys(row).some((k) => /^with_/.test(k))).toBe(false);
      expect(JSON.stringify(json.body)).not.toMatch(/УБ\d/);
      // No published share, anywhere, implies 1–4 people with or without the item.
      for (const r of json.body.rows as Record<string, number | null>[])
        for (const c of ['registration_number_share', 'position_share', 'supervisor_share', 'e_mail_share']) {
          if (r[c] === null) continue;
          const has = Math.round(r[c]! * r.headcount!);
          for (const n of [has, r.headcount! - has]) expect(n === 0 || n >= 5).toBe(true);
        }
    });
  });

  describe('headcount on a past day', () => {
    let parent: string;
    let from: string;
    let to: string;
    let mover: TestUser;

    beforeAll(async () => {
      parent = await department('past-parent', 'government');
      from = await department('past-from', 'past-parent');
      to = await department('past-to', 'past-parent');
      const stayer = await createUser(t.db, { agency: 'past-from' });
      mover = await createUser(t.db, { agency: 'past-from' });
      const leaver = await createUser(t.db, { agency: 'past-from' });
      // Backdated history, as HR records give it: all three in past-from since 2025-01-01; the
      // leaver left on 2025-03-01.
      await t.db.query(`UPDATE user_placements SET valid_from = '2025-01-01' WHERE user_id = ANY($1::uuid[])`, [
        [stayer.id, mover.id, leaver.id],
      ]);
      await t.db.query(`UPDATE user_placements SET valid_to = '2025-03-01' WHERE user_id = $1`, [leaver.id]);
      await t.db.query(`UPDATE users SET is_active = false, left_on = '2025-03-01' WHERE id = $1`, [leaver.id]);
      // The history as the daily snapshot wrote it before the move was known: three in past-from.
      for (const day of ['2025-05-31', '2025-06-01', '2025-06-02'])
        await t.db.query(
          `INSERT INTO agency_metrics_history (agency_id, day, headcount, enrolled, assigned, completed, overdue, certified_people, valid_certificates, learning_minutes)
           SELECT id, $2::date, CASE WHEN id = $3 THEN 0 ELSE 2 END, 0, 0, 0, 0, 0, 0, 0 FROM unnest($1::uuid[]) AS id`,
          [[parent, from, to], day, to],
        );
      // The move HR records date back: past-to from 2025-06-01, through the one path every move takes.
      const users = t.app.get(UsersService);
      await t.db.transaction((m) => users.place(m, mover.id, { agencyId: to }, '2025-06-01'));
      await untilQueuesDrained(t, ['metrics']);
    });

    const on = async (agencyId: string, day: string) => (await metrics(agencyId, `?on=${day}`)).body.headcountOn;

    it('counts a mover in the old agency before the move date and in the new one from it', async () => {
      expect(await on(from, '2025-05-31')).toEqual({ on: '2025-05-31', headcount: 2, ownHeadcount: 2 });
      expect(await on(to, '2025-05-31')).toEqual({ on: '2025-05-31', headcount: 0, ownHeadcount: 0 });
      expect(await on(from, '2025-06-01')).toEqual({ on: '2025-06-01', headcount: 1, ownHeadcount: 1 });
      expect(await on(to, '2025-06-01')).toEqual({ on: '2025-06-01', headcount: 1, ownHeadcount: 1 });
      // Over the subtree the parent keeps both; none of them is its own.
      expect(await on(parent, '2025-06-01')).toEqual({ on: '2025-06-01', headcount: 2, ownHeadcount: 0 });
      const body = (await metrics(parent, '?on=2025-05-31')).body;
      expect(
        Object.fromEntries(
          body.subAgencies.map((s: { code: string; headcountOn: { headcount: number } }) => [
            s.code,
            s.headcountOn.headcount,
          ]),
        ),
      ).toEqual({ 'past-from': 2, 'past-to': 0 });
    });

    it('counts a leaver until the day they left, and nobody before they joined', async () => {
      expect((await on(from, '2025-02-28')).headcount).toBe(3);
      expect((await on(from, '2025-03-01')).headcount).toBe(2);
      expect((await on(from, '2024-12-31')).headcount).toBe(0);
    });

    it('agrees with the live figures today, and the daily snapshot records the same', async () => {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ulaanbaatar' }).format(new Date());
      await t.app.get(MetricsService).snapshot();
      for (const id of [parent, from, to]) {
        const body = (await metrics(id, `?on=${today}`)).body;
        expect(body.headcountOn.headcount).toBe(body.figures.headcount);
        const [row] = await t.db.query(
          `SELECT headcount FROM agency_metrics_history WHERE agency_id = $1 AND day = $2::date`,
          [id, today],
        );
        expect(row.headcount).toBe(body.headcountOn.headcount);
      }
    });

    it('restates the daily history from a move dated back, so it says what ?on= says', async () => {
      const rows: { agency_id: string; day: string; headcount: number }[] = await t.db.query(
        `SELECT agency_id, to_char(day, 'YYYY-MM-DD') AS day, headcount FROM agency_metrics_history
          WHERE agency_id = ANY($1::uuid[]) AND day BETWEEN '2025-05-31' AND '2025-06-02'`,
        [[parent, from, to]],
      );
      expect(rows).toHaveLength(9);
      for (const r of rows) expect(r.headcount).toBe((await on(r.agency_id, r.day)).headcount);
      // The day before the move was already right and stays as it was.
      expect(rows.find((r) => r.agency_id === from && r.day === '2025-05-31')!.headcount).toBe(2);
      expect(rows.find((r) => r.agency_id === to && r.day === '2025-06-02')!.headcount).toBe(1);
    });

    it('refuses a day that is not one or is in the future, and another subtree', async () => {
      expectProblem(await metrics(from, '?on=2025-02-30'), 422);
      expectProblem(await metrics(from, '?on=2999-01-01'), 422);
      const bad = await metrics(from, '?on=yesterday');
      expect([400, 422]).toContain(bad.status);
      expect(bad.headers['content-type']).toMatch(/problem\+json/);
      const hrHealth = await tokenFor(
        t,
        (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-health' })).email,
      );
      expectProblem(await metrics(from, '?on=2025-06-01', hrHealth), 403);
      const learner = await tokenFor(t, (await createUser(t.db, { agency: 'past-from' })).email);
      expectProblem(await metrics(from, '?on=2025-06-01', learner), 403);
    });
  });
});

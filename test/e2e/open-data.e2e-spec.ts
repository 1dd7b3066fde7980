// Open data against differencing: on a real tree and real figures, no difference of published
// headcounts singles out 1–4 people (the probe's tree among them), and an average score appears
// only once five people stand behind it — in the open data and in the HR history alike.
import { randomUUID } from 'node:crypto';
import { MetricsService } from '@chadavkhi/accountability';
import { courseBody } from '../support/courses';
import { agencyByCode, createUser } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

interface Row {
  agency_code: string;
  headcount: number;
  average_final_score: number | null;
  completion_rate: number | null;
  enrolled: number | null;
}

describe('open data against differencing', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    // People at the top of the tree, so the government's own remainder is large whatever each test adds.
    await Promise.all(Array.from({ length: 10 }, () => createUser(t.db, { agency: 'government' })));
  });
  afterAll(() => t.close());

  /** A department under `parentCode` with `people` learners of its own. */
  async function department(code: string, parentCode: string, people: number) {
    const parent = await agencyByCode(t.db, parentCode);
    const id = randomUUID();
    await t.db.query(
      `INSERT INTO agencies (id, code, kind, name_mn, name_en, parent_id, path) VALUES ($1, $2, 'department', $2, $2, $3, $4::uuid[])`,
      [id, code, parent.id, [...parent.path, id]],
    );
    return Promise.all(Array.from({ length: people }, () => createUser(t.db, { agency: code })));
  }

  async function openData(): Promise<Row[]> {
    await t.app.get(MetricsService).recomputeAll();
    const json = await t.http().get('/api/v1/open-data/agency-metrics.json');
    expect(json.status).toBe(200);
    return json.body.rows;
  }

  it("publishes no pair or parent-minus-children difference of 1–4 people, on the probe's tree among the rest", async () => {
    // probe-parent 17 = 2 of its own + probe-sibling 9 + probe-child (1 of its own + probe-grandchild 5).
    await department('probe-parent', 'government', 2);
    await department('probe-sibling', 'probe-parent', 9);
    await department('probe-child', 'probe-parent', 1);
    await department('probe-grandchild', 'probe-child', 5);
    const rows = await openData();
    const byCode = new Map(rows.map((r) => [r.agency_code, r]));
    expect(byCode.get('probe-parent')?.headcount).toBe(17);
    // Before: parent 17, sibling 9 and grandchild 5 were all published, and 17 − 9 − 5 = 3.
    expect(['probe-sibling', 'probe-grandchild'].every((c) => byCode.has(c))).toBe(false);

    const tree: { code: string; path: string[] }[] = await t.db.query(
      `SELECT a.code, array(SELECT p.code FROM unnest(a.path) WITH ORDINALITY u(id, i) JOIN agencies p ON p.id = u.id ORDER BY i) AS path FROM agencies a`,
    );
    const ancestors = new Map(tree.map((a) => [a.code, a.path.slice(0, -1)]));
    const published = rows.map((r) => r.agency_code);
    const below = (d: string, a: string) => ancestors.get(d)!.includes(a);
    const differences: { what: string; people: number }[] = [];
    for (const a of published) {
      const under = published.filter((d) => below(d, a));
      for (const d of under)
        differences.push({ what: `${a} − ${d}`, people: byCode.get(a)!.headcount - byCode.get(d)!.headcount });
      const nearest = under.filter((d) => !under.some((m) => below(d, m)));
      const children = under.filter((d) => ancestors.get(d)!.at(-1) === a);
      for (const [what, set] of [
        ['nearest published', nearest],
        ['published children', children],
      ] as const) {
        differences.push({
          what: `${a} − its ${what}`,
          people: byCode.get(a)!.headcount - set.reduce((sum, d) => sum + byCode.get(d)!.headcount, 0),
        });
      }
    }
    expect(differences.length).toBeGreaterThan(rows.length);
    expect(differences.filter((d) => d.people > 0 && d.people < 5)).toEqual([]);
  });

  it('shows an average score only once five people stand behind it, live and in the history', async () => {
    const people = await department('score-group', 'government', 5);
    const admin = await tokenFor(t, (await createUser(t.db, { roles: ['admin'], agency: 'ministry-health' })).email);
    const trainer = await tokenFor(
      t,
      (await createUser(t.db, { roles: ['trainer'], agency: 'ministry-health' })).email,
    );
    const course = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody())).body;
    expect((await t.http().post(`/api/v1/courses/${course.id}/publish`).set(bearer(trainer))).status).toBe(201);
    const [{ version }] = await t.db.query(`SELECT id AS version FROM course_versions WHERE course_id = $1`, [
      course.id,
    ]);
    const group = await agencyByCode(t.db, 'score-group');
    let n = 0;
    const certify = async (userId: string, score: number) => {
      const [{ id }] = await t.db.query(
        `INSERT INTO enrollments (user_id, course_id, course_version_id, status, progress_percent, completed_at) VALUES ($1, $2, $3, 'completed', 100, now()) RETURNING id`,
        [userId, course.id, version],
      );
      await t.db.query(
        `INSERT INTO certificates (code, enrollment_id, user_id, agency_id, course_id, course_version_id, holder_name, course_title, score, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'Тест', 'Тест', $7, now())`,
        [`SCRE-GRP0-000${n++}`, id, userId, group.id, course.id, version, score],
      );
    };
    const history = async () => {
      await t.app.get(MetricsService).snapshot();
      return (
        await t.http().get(`/api/v1/agencies/${group.id}/metrics/history?days=2`).set(bearer(admin))
      ).body.days.at(-1);
    };

    // One person of five certified with 80: a published average of 80 would be that person's score.
    await certify(people[0].id, 80);
    const one = (await openData()).find((r) => r.agency_code === 'score-group')!;
    expect(one.headcount).toBe(5);
    expect(one.average_final_score).toBeNull();
    expect(one.enrolled).toBeNull(); // one person's enrolments, and the completion rate they make
    expect(one.completion_rate).toBeNull();
    const page = await t.http().get('/open-data?lang=en').set('accept', 'text/html');
    expect(page.text).toMatch(/A blank cell \(— on this page\) is a figure withheld/);
    expect((await history()).averageFinalScore).toBeNull();

    for (const [i, score] of [70, 90, 60, 100].entries()) await certify(people[i + 1].id, score);
    const five = (await openData()).find((r) => r.agency_code === 'score-group')!;
    expect(five.average_final_score).toBe(80);
    expect(five.completion_rate).toBe(1);
    expect((await history()).averageFinalScore).toBe(80);
  });
});

// Seeds a government-sized data set for bench/accountability.bench.ts with set-based SQL: a real
// agency tree (ministries → departments → divisions → sections; aimags → soums and governors'
// offices; the capital → districts → khoroos), civil servants spread over it, bench courses building
// competencies of the imported framework, assignments reaching people through assignment_users,
// enrolments (self-chosen and assigned, in progress and completed, some overdue), certificates for
// a share of completions, and a year of daily history. Everything runs on one session so its
// settings (synchronous_commit, session_replication_role) end with it; nothing is left disabled.
import { randomUUID } from 'node:crypto';
import { Presets, SingleBar } from 'cli-progress';
import { DataSource, QueryRunner } from 'typeorm';

export interface SeedSize {
  agencies: number;
  users: number;
  enrolments: number;
}

export interface SeedResult {
  agencies: number;
  maxDepth: number;
  users: number;
  courses: number;
  assignments: number;
  assignmentUsers: number;
  enrolments: number;
  completed: number;
  overdue: number;
  certificates: number;
  historyRows: number;
  seconds: number;
}

const TODAY = `(now() AT TIME ZONE 'Asia/Ulaanbaatar')::date`;
const END_OF = (day: string) => `((${day} + 1)::timestamp AT TIME ZONE 'Asia/Ulaanbaatar')`;
const BENCH_EMAIL = `'acc-%@bench.chadavkhi.mn'`;

/** Progress as a bar on a terminal, as lines otherwise (CI logs, redirected output). */
class Progress {
  private bar?: SingleBar;
  private last = performance.now();
  private readonly started = performance.now();
  constructor(private readonly total: number) {
    if (process.stdout.isTTY) {
      this.bar = new SingleBar(
        { format: 'seeding [{bar}] {percentage}% {step}', hideCursor: true },
        Presets.shades_classic,
      );
      this.bar.start(total, 0, { step: '' });
    }
  }
  update(done: number, step: string): void {
    if (this.bar) return this.bar.update(done, { step });
    const now = performance.now();
    const pct = Math.floor((done / this.total) * 100);
    console.log(
      `  seeding ${String(pct).padStart(3)}% after ${((now - this.started) / 1000).toFixed(0).padStart(3)} s: ${step} (${((now - this.last) / 1000).toFixed(1)} s)`,
    );
    this.last = now;
  }
  stop(): void {
    this.bar?.stop();
  }
}

interface AgencyNode {
  id: string;
  code: string;
  kind: string;
  parent_id: string | null;
  depth: number;
  root_kind: string;
  name_mn: string;
  name_en: string;
}

interface Template {
  suffix: string;
  kind: string;
  mn: string;
  en: string;
}

const MINISTRY_DEPARTMENTS: Template[] = [
  {
    suffix: 'strategy',
    kind: 'department',
    mn: 'Стратеги, төлөвлөлтийн газар',
    en: 'Department of Strategic Policy and Planning',
  },
  {
    suffix: 'administration',
    kind: 'department',
    mn: 'Төрийн захиргааны удирдлагын газар',
    en: 'Department of Public Administration and Management',
  },
  {
    suffix: 'monitoring',
    kind: 'department',
    mn: 'Хяналт-шинжилгээ, үнэлгээ, дотоод аудитын газар',
    en: 'Department of Monitoring, Evaluation and Internal Audit',
  },
];
const GOVERNOR_OFFICE: Template = {
  suffix: 'governors-office',
  kind: 'department',
  mn: 'Засаг даргын Тамгын газар',
  en: "Governor's Office",
};
const OFFICE_DIVISIONS: Template[] = [
  {
    suffix: 'development',
    kind: 'department',
    mn: 'Хөгжлийн бодлого, төлөвлөлтийн хэлтэс',
    en: 'Development Policy and Planning Division',
  },
  { suffix: 'finance', kind: 'department', mn: 'Санхүү, төрийн сангийн хэлтэс', en: 'Finance and Treasury Division' },
];
const KHOROOS: Template[] = [1, 2].map((n) => ({
  suffix: `khoroo-${n}`,
  kind: 'district',
  mn: `${n}-р хороо`,
  en: `Khoroo ${n}`,
}));
const DIVISIONS: Template[] = [
  { suffix: 'policy', kind: 'department', mn: 'Бодлогын хэлтэс', en: 'Policy Division' },
  { suffix: 'implementation', kind: 'department', mn: 'Хэрэгжилтийг зохицуулах хэлтэс', en: 'Implementation Division' },
];
const SECTIONS: Template[] = [
  { suffix: 'section', kind: 'department', mn: 'Мэргэжилтнүүдийн тасаг', en: 'Specialists Section' },
  { suffix: 'registry', kind: 'department', mn: 'Бүртгэл, мэдээллийн тасаг', en: 'Registry and Information Section' },
];

/** Adds agencies round by round (one child per parent per round) until the tree has `target` agencies. */
async function seedAgencies(q: QueryRunner, target: number): Promise<void> {
  const nodes: AgencyNode[] = await q.query(
    `SELECT a.id, a.code, a.kind, a.parent_id, cardinality(a.path) AS depth, COALESCE(r.kind, a.kind) AS root_kind, a.name_mn, a.name_en
       FROM agencies a LEFT JOIN agencies r ON r.id = a.path[2] ORDER BY a.path`,
  );
  let budget = target - nodes.length;
  const underMinistry = (n: AgencyNode) => n.root_kind === 'ministry';
  const rounds: { parents: () => AgencyNode[]; template: (i: number) => Template }[] = [
    ...MINISTRY_DEPARTMENTS.map((t) => ({
      parents: () => nodes.filter((n) => n.kind === 'ministry'),
      template: () => t,
    })),
    { parents: () => nodes.filter((n) => n.kind === 'aimag'), template: () => GOVERNOR_OFFICE },
    ...OFFICE_DIVISIONS.map((t) => ({
      parents: () => nodes.filter((n) => n.code.endsWith(GOVERNOR_OFFICE.suffix)),
      template: () => t,
    })),
    ...KHOROOS.map((t) => ({
      parents: () => nodes.filter((n) => n.kind === 'district' && n.depth === 3),
      template: () => t,
    })),
    // Deeper levels under the ministries: a division in each department, a section in each division, then more.
    ...[0, 1].flatMap((k) => [
      {
        parents: () => nodes.filter((n) => underMinistry(n) && n.depth === 3 && n.kind === 'department'),
        template: () => DIVISIONS[k],
      },
      {
        parents: () => nodes.filter((n) => underMinistry(n) && n.depth === 4 && n.code.endsWith(DIVISIONS[0].suffix)),
        template: () => SECTIONS[k],
      },
    ]),
  ];
  for (const round of rounds) {
    if (budget <= 0) break;
    const fresh: AgencyNode[] = [];
    for (const parent of round.parents()) {
      if (budget <= 0) break;
      const t = round.template(fresh.length);
      const long = `${parent.code}-${t.suffix}`;
      const code =
        long.length <= 80
          ? long
          : `${parent.code.slice(0, 56).replace(/-+$/, '')}-${nodes.length + fresh.length}-${t.suffix}`;
      if (nodes.some((n) => n.code === code)) continue;
      fresh.push({
        id: randomUUID(),
        code,
        kind: t.kind,
        parent_id: parent.id,
        depth: parent.depth + 1,
        root_kind: parent.root_kind,
        name_mn: `${parent.name_mn}, ${t.mn}`,
        name_en: `${t.en}, ${parent.name_en}`,
      });
      budget--;
    }
    if (!fresh.length) continue;
    const col = <K extends keyof AgencyNode>(k: K) => fresh.map((n) => n[k]);
    await q.query(
      `INSERT INTO agencies (id, code, kind, name_mn, name_en, parent_id, path)
       SELECT u.id, u.code, u.kind, u.name_mn, u.name_en, u.parent_id, p.path || u.id
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[]) AS u(id, code, kind, name_mn, name_en, parent_id)
         JOIN agencies p ON p.id = u.parent_id`,
      [col('id'), col('code'), col('kind'), col('name_mn'), col('name_en'), col('parent_id')],
    );
    nodes.push(...fresh);
  }
}

const COURSE_TOPICS: [string, string][] = [
  ['Төрийн албаны тухай хууль', 'The Law on Public Service'],
  ['Төсвийн төлөвлөлт ба гүйцэтгэл', 'Budget planning and execution'],
  ['Шилэн дансны мэдээлэл', 'Publishing on the Glass Account'],
  ['Хөрөнгө, орлогын мэдүүлэг', 'Asset and income declarations'],
  ['Хувийн мэдээлэл хамгаалах', 'Protecting personal data'],
  ['Иргэдийн өргөдөл, гомдлыг шийдвэрлэх', "Handling citizens' petitions and complaints"],
  ['Цахим засаглал ба E-Mongolia', 'E-government and E-Mongolia'],
  ['Бодлогын шинжилгээ', 'Policy analysis'],
  ['Хяналт-шинжилгээ, үнэлгээ', 'Monitoring and evaluation'],
  ['Дотоод аудит', 'Internal audit'],
  ['Албан хэрэг хөтлөлт, архив', 'Records management and archives'],
  ['Хүний нөөцийн удирдлага', 'Human resource management'],
  ['Манлайлал ба багийн удирдлага', 'Leadership and team management'],
  ['Эрсдэлийн удирдлага', 'Risk management'],
  ['Авлигаас урьдчилан сэргийлэх', 'Preventing corruption'],
  ['Жендэрийн тэгш байдал', 'Gender equality in public service'],
  ['Гамшгийн эрсдэлийг бууруулах', 'Disaster risk reduction'],
  ['Мэдээллийн аюулгүй байдал', 'Information security'],
  ['Харилцаа ба илтгэх ур чадвар', 'Communication and presentation skills'],
  ['Орон нутгийн хөгжлийн сан', 'The Local Development Fund'],
];

/** Courses to `target` in all (the imported ones count), each building 1–3 competencies of the framework. */
async function seedCourses(q: QueryRunner, target: number): Promise<void> {
  const [{ n }] = await q.query(`SELECT count(*)::int AS n FROM courses`);
  const codes: string[] = (await q.query(`SELECT code FROM competencies ORDER BY position, code`)).map(
    (r: { code: string }) => r.code,
  );
  const fresh = Array.from({ length: Math.max(0, target - n) }, (_, i) => {
    const [mn, en] = COURSE_TOPICS[i % COURSE_TOPICS.length];
    const advanced = i >= COURSE_TOPICS.length;
    const comps = Array.from({ length: 1 + (i % 3) }, (_, j) => codes[(i * 5 + j * 7) % codes.length]).filter(
      (c, j, all) => all.indexOf(c) === j,
    );
    return {
      code: `bench-course-${i + 1}`,
      title: advanced ? `${mn} (ахисан түвшин)` : mn,
      titleEn: advanced ? `${en} (advanced)` : en,
      minutes: 30 + ((i * 37) % 8) * 30,
      validity: i % 3 === 0 ? null : 12 * (1 + (i % 3)),
      finalQuiz: i % 10 < 7,
      competencies: comps.map((c, j) => `${c}:${1 + ((i + j) % 3)}`).join(','),
    };
  });
  if (!fresh.length) return;
  const col = <K extends keyof (typeof fresh)[0]>(k: K) => fresh.map((c) => c[k]);
  await q.query(
    `WITH u AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::boolean[], $7::text[]) AS u(code, title, title_en, minutes, validity, final_quiz, comps)),
          c AS (INSERT INTO courses (code, owner_id, draft, draft_hash, current_version)
                SELECT u.code, (SELECT id FROM users WHERE email = 'trainer@demo.chadavkhi.mn'), jsonb_build_object('title', u.title, 'modules', '[]'::jsonb), md5(u.code), 1 FROM u
                RETURNING id, code)
     INSERT INTO course_versions (course_id, version, title, title_en, summary, summary_en, language, estimated_minutes, validity_months, competency_codes, modules, content_hash,
                                  module_count, lesson_count, has_final_quiz, published_at)
     SELECT c.id, 1, u.title, u.title_en, 'Бенчмаркийн сургалт', 'A bench course', 'mn', u.minutes, u.validity,
            ARRAY(SELECT split_part(x, ':', 1) FROM unnest(string_to_array(u.comps, ',')) x), '[]', md5(u.code), 4, 12, u.final_quiz, now() - interval '3 years'
       FROM c JOIN u ON u.code = c.code`,
    [col('code'), col('title'), col('titleEn'), col('minutes'), col('validity'), col('finalQuiz'), col('competencies')],
  );
  await q.query(
    `UPDATE courses c SET current_version_id = v.id FROM course_versions v WHERE v.course_id = c.id AND c.code LIKE 'bench-course-%' AND c.current_version_id IS NULL`,
  );
  await q.query(
    `INSERT INTO course_competencies (course_id, competency_code, level)
     SELECT c.id, split_part(x, ':', 1), split_part(x, ':', 2)::smallint
       FROM unnest($1::text[], $2::text[]) AS u(code, comps) JOIN courses c ON c.code = u.code CROSS JOIN LATERAL unnest(string_to_array(u.comps, ',')) x`,
    [col('code'), col('competencies')],
  );
}

const FATHERS = [
  'Батбаяр',
  'Должин',
  'Ганболд',
  'Цэрэндорж',
  'Дашдорж',
  'Мөнхбат',
  'Сүхбаатар',
  'Энхтайван',
  'Жаргал',
  'Пүрэв',
  'Очир',
  'Нямдорж',
];
const GIVEN = [
  'Оюунчимэг',
  'Тэмүүлэн',
  'Номин',
  'Билгүүн',
  'Энхжаргал',
  'Бат-Эрдэнэ',
  'Сарантуяа',
  'Ариунаа',
  'Төгөлдөр',
  'Мөнх-Оргил',
  'Солонго',
  'Ганзориг',
  'Хулан',
  'Анар',
];
/** Positions by how common they are among civil servants (the rest once each). */
const POSITION_WEIGHTS: Record<string, number> = {
  specialist: 14,
  'senior-specialist': 8,
  clerk: 4,
  accountant: 4,
  teacher: 6,
  doctor: 3,
  nurse: 4,
  'social-worker': 2,
  'head-of-division': 3,
  'police-officer': 4,
  'tax-inspector': 2,
  'customs-inspector': 2,
  'state-inspector': 2,
  'it-specialist': 2,
  'hr-officer': 2,
  'legal-adviser': 2,
  driver: 2,
  'emergency-officer': 2,
};

async function seedUsers(q: QueryRunner, count: number): Promise<void> {
  const [{ hash }] = await q.query(`SELECT password_hash AS hash FROM users WHERE email = 'learner@demo.chadavkhi.mn'`);
  const positions: { id: string; code: string }[] = await q.query(`SELECT id, code FROM positions ORDER BY code`);
  const pool = positions.flatMap((p) => Array<string>(POSITION_WEIGHTS[p.code] ?? 1).fill(p.id));
  // Headcount weights by the kind of unit; every agency gets people, large general departments most.
  await q.query(
    `CREATE TEMP TABLE seed_agency_share AS
     SELECT id, hi - lag(hi, 1, 0) OVER (ORDER BY id) AS people, lag(hi, 1, 0) OVER (ORDER BY id) AS lo
       FROM (SELECT id, round($1::int * sum(w) OVER (ORDER BY id) / sum(w) OVER ())::int AS hi
               FROM (SELECT id, (CASE WHEN kind = 'government' THEN 60 WHEN kind = 'ministry' THEN 180
                                      WHEN kind = 'agency' AND cardinality(path) = 2 THEN 1500 WHEN kind = 'agency' THEN 2200
                                      WHEN kind = 'aimag' THEN 250 WHEN kind = 'capital' THEN 400 WHEN kind = 'soum' THEN 90
                                      WHEN kind = 'district' AND cardinality(path) = 3 THEN 500 WHEN kind = 'district' THEN 60
                                      WHEN cardinality(path) = 3 THEN 220 WHEN cardinality(path) = 4 THEN 120 ELSE 70 END) * (0.6 + 0.8 * random()) AS w
                       FROM agencies) w) c`,
    [count],
  );
  await q.query(
    `INSERT INTO users (email, name, password_hash, roles, agency_id, position_id, staff_number, locale, is_active, created_at, updated_at, agency_since, position_since)
     SELECT 'acc-' || g || '@bench.chadavkhi.mn', ($3::text[])[1 + g % cardinality($3::text[])] || 'ын ' || ($4::text[])[1 + (g / 7) % cardinality($4::text[])],
            $1, '{learner}', s.id, ($2::uuid[])[1 + floor(random() * cardinality($2::uuid[]))::int], 'B-' || lpad(g::text, 7, '0'),
            CASE WHEN g % 9 = 0 THEN 'en' ELSE 'mn' END, random() > 0.02, t.created, t.created,
            t.agency_since, t.agency_since + floor(random() * ((${TODAY}) - t.agency_since + 1))::int
       FROM seed_agency_share s CROSS JOIN LATERAL generate_series(s.lo + 1, s.lo + s.people) g
      -- Half the people moved agency some time after they were hired; g keeps the random draws per row.
      CROSS JOIN LATERAL (SELECT c AS created, LEAST(${TODAY}, (c AT TIME ZONE 'Asia/Ulaanbaatar')::date + floor(random() * 400 * (g % 2))::int) AS agency_since
                            FROM (SELECT now() - (random() * interval '3650 days') - interval '1 day' * (g % 1) AS c) x) t`,
    [hash, pool, FATHERS, GIVEN],
  );
  await q.query(
    `CREATE TEMP TABLE seed_users AS
     SELECT id, row_number() OVER (ORDER BY id) AS n, agency_id, position_id, agency_since, position_since, is_active FROM users WHERE email LIKE ${BENCH_EMAIL}`,
  );
  await q.query(`CREATE INDEX ON seed_users (n)`);
  await q.query(`ANALYZE seed_users`);
}

/** Mandatory training: agency-wide rounds, by position (after appointment), for new staff (after joining), and named people. */
async function seedAssignments(q: QueryRunner): Promise<void> {
  await q.query(
    `CREATE TEMP TABLE seed_courses AS
     SELECT row_number() OVER (ORDER BY c.code) - 1 AS k, c.id AS course_id, c.code, v.id AS version_id, v.estimated_minutes, v.validity_months, v.has_final_quiz, v.title, v.title_en
       FROM courses c JOIN course_versions v ON v.id = c.current_version_id`,
  );
  const by = `(SELECT id FROM users WHERE email = 'hr@demo.chadavkhi.mn')`;
  const fp = `'bench-' || gen_random_uuid()`;
  await q.query(
    `INSERT INTO assignments (course_id, created_by, scope_agency_id, target_kind, due_kind, due_date, fingerprint, created_at, renew_yearly)
     SELECT x.course_id, ${by}, x.id, 'agency', 'date', x.due, ${fp}, LEAST(now(), (x.due - 30 - floor(random() * 120)::int)::timestamptz), random() < 0.3
       FROM (SELECT c.course_id, a.id, ${TODAY} + (-150 + floor(random() * 270))::int AS due
               FROM agencies a CROSS JOIN LATERAL (VALUES (0), (1)) AS r(i)
               JOIN seed_courses c ON c.code = CASE WHEN r.i = 0 THEN 'civil-service-ethics' ELSE 'access-to-information' END
              WHERE cardinality(a.path) = 2 AND (r.i = 0 OR a.kind IN ('ministry', 'aimag'))) x`,
  );
  await q.query(
    `INSERT INTO assignments (course_id, created_by, scope_agency_id, target_kind, position_id, due_kind, due_days, fingerprint, created_at)
     SELECT c.course_id, ${by}, a.id, 'position', p.id, r.kind, r.days, ${fp}, now() - interval '300 days' * random()
       FROM agencies a
       JOIN (VALUES ('accountant', 'public-procurement-basics', 'after_appointment', 180), ('head-of-division', 'public-procurement-basics', 'after_appointment', 120),
                    ('hr-officer', 'civil-service-ethics', 'after_appointment', 90), ('specialist', 'bench-course-1', 'after_joining', 365)) AS r(position, course, kind, days) ON true
       JOIN positions p ON p.code = r.position JOIN seed_courses c ON c.code = r.course
      WHERE cardinality(a.path) = 2`,
  );
  await q.query(
    `INSERT INTO assignments (course_id, created_by, scope_agency_id, target_kind, user_ids, due_kind, due_date, fingerprint, created_at)
     SELECT c.course_id, ${by}, a.id, 'users', x.ids, 'date', ${TODAY} + (10 + floor(random() * 120))::int, ${fp}, now() - interval '90 days' * random()
       FROM (SELECT id, path FROM agencies ORDER BY md5(id::text) LIMIT 40) a
       JOIN seed_courses c ON c.k = 3 + abs(hashtext(a.id::text)) % 20
      CROSS JOIN LATERAL (SELECT array_agg(u.id) AS ids FROM (SELECT id FROM seed_users WHERE agency_id = a.id ORDER BY n LIMIT 25) u) x
      WHERE x.ids IS NOT NULL`,
  );
  // Whom each reaches, with the due day it had when it reached them (as AssignmentReachService.reach sets it).
  await q.query(
    `CREATE TEMP TABLE seed_targets AS
     SELECT a.id AS assignment_id, u.id AS user_id, u.n, a.course_id, a.created_at,
            CASE WHEN a.due_kind = 'date' THEN a.due_date
                 ELSE GREATEST(CASE a.due_kind WHEN 'after_appointment' THEN u.position_since ELSE u.agency_since END, (a.created_at AT TIME ZONE 'Asia/Ulaanbaatar')::date) + a.due_days END AS due_on
       FROM assignments a JOIN agencies ag ON ag.path @> ARRAY[a.scope_agency_id] JOIN seed_users u ON u.agency_id = ag.id AND u.is_active
      WHERE a.fingerprint LIKE 'bench-%' AND (a.position_id IS NULL OR u.position_id = a.position_id) AND (a.user_ids IS NULL OR u.id = ANY(a.user_ids))`,
  );
  await q.query(`CREATE INDEX ON seed_targets (n)`);
  await q.query(`ANALYZE seed_targets`);
}

/** One chunk of people's enrolments: every course assigned to them, and a random run of self-chosen ones. */
const ENROL_CHUNK = `
  INSERT INTO enrollments (user_id, course_id, course_version_id, status, source, due_at, progress_percent, enrolled_at, last_activity_at, completed_at)
  SELECT x.user_id, c.course_id, c.version_id, CASE WHEN x.done THEN 'completed' ELSE 'in_progress' END, x.source,
         CASE WHEN x.due_on IS NOT NULL THEN ${END_OF('x.due_on')} END,
         CASE WHEN x.done THEN 100 ELSE floor(x.r2 * 95)::int END, x.enrolled_at,
         x.enrolled_at + (now() - x.enrolled_at) * x.r2,
         CASE WHEN x.done THEN x.enrolled_at + (LEAST(now(), COALESCE(${END_OF('x.due_on')}, now())) - x.enrolled_at) * (0.2 + 0.8 * x.r2) END
    FROM (SELECT t.user_id, t.course_id, 'assigned' AS source, t.due_on, t.enrolled_at, random() AS r2,
                 random() < CASE WHEN t.due_on < ${TODAY} THEN 0.72 ELSE 0.35 END AS done
            FROM (SELECT t.user_id, t.course_id, min(t.due_on) AS due_on, min(t.created_at) AS enrolled_at
                    FROM seed_targets t WHERE t.n BETWEEN $1 AND $2 GROUP BY 1, 2) t
          UNION ALL
          SELECT s.id, c.course_id, 'self', NULL, now() - interval '900 days' * random(), random(), random() < 0.45
            FROM (SELECT id, floor(random() * ($3::float8 * 2 + 1))::int AS k, floor(random() * $4::int)::int AS o FROM seed_users WHERE n BETWEEN $1 AND $2) s
           CROSS JOIN LATERAL generate_series(0, LEAST(s.k, $4) - 1) j
            JOIN seed_courses c ON c.k = (s.o + j) % $4
           WHERE NOT EXISTS (SELECT 1 FROM seed_targets t WHERE t.n BETWEEN $1 AND $2 AND t.user_id = s.id AND t.course_id = c.course_id)) x
    JOIN seed_courses c ON c.course_id = x.course_id`;

/** A unique certificate code per number: an odd multiplier is a bijection mod 2^60, written in Crockford base 32. */
const CODE_OF = (n: string) => {
  const x = `((${n} * 25214903917 + 11) & 1152921504606846975)`;
  const digit = (i: number) => `substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((${x} >> ${5 * i}) & 31)::int + 1, 1)`;
  const group = (g: number) => [0, 1, 2, 3].map((i) => digit(g * 4 + i)).join(' || ');
  return `${group(0)} || '-' || ${group(1)} || '-' || ${group(2)}`;
};

/**
 * Runs `load` with the tables' secondary indexes (those that back no constraint) dropped, and
 * builds them again afterwards from their own definitions, even when loading fails: one sorted
 * build instead of millions of scattered inserts. Primary keys and unique constraints stay.
 */
async function withoutSecondaryIndexes(
  q: QueryRunner,
  tables: string[],
  load: () => Promise<void>,
  step: (what: string) => void,
): Promise<void> {
  const indexes: { indexname: string; indexdef: string }[] = await q.query(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`,
    [tables],
  );
  for (const { indexname } of indexes) await q.query(`DROP INDEX ${JSON.stringify(indexname)}`);
  try {
    await load();
  } finally {
    for (const { indexdef } of indexes) await q.query(indexdef);
    step(`${indexes.length} indexes built again`);
  }
}

export async function seed(db: DataSource, size: SeedSize, log: (line: string) => void): Promise<SeedResult> {
  const started = performance.now();
  const q = db.createQueryRunner();
  await q.connect();
  try {
    await q.query(`SELECT setseed(0.42)`);
    await q.query(`SET synchronous_commit = off`);
    // Row estimates for generated rows are wild; JIT compiling each statement (where the server has JIT) costs a second apiece.
    await q.query(`SET jit = off`);
    await q.query(`SET work_mem = '64MB'`);
    await q.query(`SET maintenance_work_mem = '256MB'`);
    // Foreign keys are checked by construction here; skipping their per-row triggers for this session only halves the time.
    const replica = await q.query(`SET session_replication_role = replica`).then(
      () => true,
      () => false,
    );
    const chunks = 20;
    const progress = new Progress(9 + chunks);
    let step = 0;
    const next = (what: string) => progress.update(++step, what);

    await seedAgencies(q, size.agencies);
    next('agency tree');
    await seedCourses(q, 40);
    next('courses');
    await withoutSecondaryIndexes(
      q,
      ['users', 'enrollments', 'assignment_users', 'certificates'],
      async () => {
        await seedUsers(q, size.users);
        next(`${size.users} civil servants`);
        await seedAssignments(q);
        next('assignments');
        const [{ targeted }] = await q.query(
          `SELECT count(*)::int AS targeted FROM (SELECT DISTINCT user_id, course_id FROM seed_targets) t`,
        );
        const [{ courses }] = await q.query(`SELECT count(*)::int AS courses FROM seed_courses`);
        const [{ users }] = await q.query(`SELECT count(*)::int AS users FROM seed_users`);
        // Self-chosen courses per person, corrected after each chunk for those that were assigned anyway.
        let selfPerUser = Math.max(0, (size.enrolments - targeted) / Math.max(1, users));
        const per = Math.ceil(users / chunks);
        let inserted = 0;
        let asked = 0;
        for (let i = 0; i < chunks; i++) {
          asked += selfPerUser * (Math.min(users, (i + 1) * per) - i * per);
          inserted +=
            (await q.query(ENROL_CHUNK, [i * per + 1, (i + 1) * per, selfPerUser, courses], true)).affected ?? 0;
          const left = users - (i + 1) * per;
          if (left > 0) {
            const [{ t }] = await q.query(
              `SELECT count(*)::int AS t FROM (SELECT DISTINCT user_id, course_id FROM seed_targets WHERE n > $1) x`,
              [(i + 1) * per],
            );
            const selfDone = inserted - (targeted - t);
            const ratio = asked > 0 ? Math.min(1, Math.max(0.5, selfDone / asked)) : 1;
            selfPerUser = Math.max(0, (size.enrolments - inserted - t) / left / ratio);
          }
          next(`enrolments for people ${Math.min(users, (i + 1) * per)}/${users}`);
        }
        await q.query(
          `INSERT INTO assignment_users (assignment_id, user_id, enrollment_id, due_on, cycle, created_at)
         SELECT t.assignment_id, t.user_id, e.id, t.due_on, 1, t.created_at
           FROM seed_targets t JOIN enrollments e ON e.user_id = t.user_id AND e.course_id = t.course_id AND e.renewal = 0`,
        );
        next('assignment_users');
        const [{ base }] = await q.query(`SELECT count(*)::bigint AS base FROM certificates`);
        await q.query(
          `INSERT INTO certificates (code, enrollment_id, user_id, agency_id, course_id, course_version_id, holder_name, course_title, course_title_en, score, issued_at, expires_at,
                                   revoked_at, revocation_reason, announced_at, created_at)
         SELECT ${CODE_OF('(e.n + $1::bigint)')}, e.id, e.user_id, u.agency_id, e.course_id, e.course_version_id, u.name, c.title, c.title_en,
                CASE WHEN c.has_final_quiz THEN round((60 + 40 * random())::numeric, 2) END, e.completed_at + interval '3 minutes',
                e.completed_at + make_interval(months => c.validity_months),
                CASE WHEN e.revoke THEN LEAST(now(), e.completed_at + interval '40 days') END, CASE WHEN e.revoke THEN 'Шалгалтын зөрчил' END,
                e.completed_at + interval '4 minutes', e.completed_at + interval '3 minutes'
           FROM (SELECT e.*, row_number() OVER () AS n, random() < 0.01 AS revoke FROM enrollments e JOIN seed_users su ON su.id = e.user_id
                  WHERE e.status = 'completed' AND random() < 0.7) e
           JOIN users u ON u.id = e.user_id JOIN seed_courses c ON c.course_id = e.course_id`,
          [base],
        );
        next('certificates');
      },
      next,
    );
    if (replica) await q.query(`SET session_replication_role = DEFAULT`);
    // A steady state, as autovacuum would leave it: statistics for the planner, a visibility map for index-only scans.
    for (const table of [
      'agencies',
      'users',
      'courses',
      'course_versions',
      'course_competencies',
      'enrollments',
      'assignments',
      'assignment_users',
      'certificates',
    ])
      await q.query(`VACUUM (ANALYZE) ${table}`);
    next('VACUUM ANALYZE');
    await q.query(`CHECKPOINT`).catch(() => undefined);
    next('checkpoint');
    progress.stop();
    const [r] = await q.query(
      `SELECT (SELECT count(*)::int FROM agencies) AS agencies, (SELECT max(cardinality(path))::int FROM agencies) AS "maxDepth",
              (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM courses) AS courses,
              (SELECT count(*)::int FROM assignments) AS assignments, (SELECT count(*)::int FROM assignment_users) AS "assignmentUsers",
              (SELECT count(*)::int FROM enrollments) AS enrolments, (SELECT count(*)::int FROM enrollments WHERE status = 'completed') AS completed,
              (SELECT count(*)::int FROM assignment_users au JOIN enrollments e ON e.id = au.enrollment_id WHERE e.status <> 'completed' AND au.due_on < ${TODAY}) AS overdue,
              (SELECT count(*)::int FROM certificates) AS certificates`,
    );
    log(
      `seeded in ${((performance.now() - started) / 1000).toFixed(1)} s${replica ? '' : ' (foreign-key triggers were on: not a superuser)'}`,
    );
    return { ...r, historyRows: 0, seconds: (performance.now() - started) / 1000 };
  } finally {
    await q.release();
  }
}

/** `days` of daily figures behind the charts, drawn back from today's; today's row is what snapshot() writes. */
export async function seedHistory(db: DataSource, days: number): Promise<number> {
  const cols = [
    'headcount',
    'enrolled',
    'assigned',
    'assigned_completed',
    'completed',
    'overdue',
    'certified_people',
    'valid_certificates',
    'learning_minutes',
    'required_competencies',
    'covered_competencies',
  ];
  await db.query(
    `INSERT INTO agency_metrics_history (agency_id, day, ${cols.join(', ')}, average_final_score)
     SELECT m.agency_id, ${TODAY} - d, ${cols.map((c) => `round(m.${c} * (1 - d / ($1::int * 1.6)))`).join(', ')}, m.average_final_score
       FROM agency_metrics m CROSS JOIN generate_series(0, $1::int - 1) d
     ON CONFLICT (agency_id, day) DO NOTHING`,
    [days],
  );
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM agency_metrics_history`);
  return n;
}

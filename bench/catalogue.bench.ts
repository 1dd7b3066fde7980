// The catalogue (GET /api/v1/courses) and a course page (GET /api/v1/courses/:id) with 1,000
// published courses, against a bare route returning a same-sized JSON body.
import { SingleBar, Presets } from 'cli-progress';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@chadavkhi/identity';
import { CoursesService } from '@chadavkhi/learning';
import { compare, login, requestCpuMeter, startApp, startBaseline } from './bench-support';

const COURSES = 1000;

async function seed(courses: CoursesService, db: DataSource, trainer: AuthUser) {
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM course_versions`);
  if (n >= COURSES) return;
  const bar = new SingleBar({ format: 'seeding courses [{bar}] {value}/{total}' }, Presets.shades_classic);
  bar.start(COURSES, 0);
  for (let i = 0; i < COURSES; i++) {
    const modules = Array.from({ length: 3 }, (_, m) => ({
      title: `Бүлэг ${m + 1}`,
      lessons: Array.from({ length: 4 }, (_, l) => ({
        title: `Хичээл ${m + 1}.${l + 1}`,
        body: `## Хичээл ${l + 1}\n\nТөрийн албан хаагчийн **ёс зүй**, ил тод байдал ба хариуцлага. `.repeat(20),
      })),
    }));
    const draft = await courses.create(trainer, {
      title: `Сургалт №${i + 1}: төрийн үйлчилгээ`,
      titleEn: `Course ${i + 1}: public service`,
      summary: 'Төрийн албан хаагчдад зориулсан чадавхи бэхжүүлэх сургалт.',
      language: i % 4 === 0 ? 'en' : 'mn',
      estimatedMinutes: 30 + (i % 90),
      competencyCodes: ['public-service'],
      modules,
    });
    await courses.publish(trainer, draft.id, null);
    bar.increment();
  }
  bar.stop();
  // As autovacuum would have by the time anyone reads a catalogue this size: every publish updated
  // its course's row, and a freshly seeded table's dead rows and missing statistics are no one's catalogue.
  await db.query('VACUUM ANALYZE courses, course_versions');
}

async function main() {
  const { app, url } = await startApp();
  const db = app.get(DataSource);
  const [trainer] = await db.query(`SELECT id, email, roles FROM users WHERE email = 'trainer@demo.chadavkhi.mn'`);
  await seed(app.get(CoursesService), db, trainer);
  const token = await login(url, 'learner@demo.chadavkhi.mn');
  const headers = { authorization: `Bearer ${token}` };
  const list = (await (await fetch(`${url}/api/v1/courses?limit=20`, { headers })).json()) as {
    items: { id: string }[];
    total: number;
  };
  if (list.total < COURSES) throw new Error(`expected ${COURSES} courses, found ${list.total}`);
  const { server, target } = await startBaseline(list);
  const meter = await requestCpuMeter(db);
  await compare(
    `Catalogue with ${list.total} published courses`,
    target,
    [
      { name: 'GET /api/v1/courses?limit=20', url: `${url}/api/v1/courses?limit=20`, headers },
      { name: 'GET /api/v1/courses?q=public&page=3', url: `${url}/api/v1/courses?q=public&page=3&limit=20`, headers },
      { name: 'GET /api/v1/courses/:id', url: `${url}/api/v1/courses/${list.items[7].id}`, headers },
    ],
    meter,
  );
  await server.close();
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

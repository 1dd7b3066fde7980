// One owner per table (issue 16): only the lib that owns a table writes it, every table the
// migrations create has an owner, and docs/architecture.md states the same owners.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableOwners } from '../../libs/platform/src/database/table-owners';
import {
  CodeScan,
  codeFiles,
  entityTables,
  migrationsDir,
  root,
  scanCode,
  scanMigrations,
  scanSource,
  sqlWritesIn,
  TableAccess,
} from './table-access';
import { allowedWrites } from './table-ownership.allow';

const owners: Record<string, string> = tableOwners;
const code = scanCode();
const migrations = scanMigrations();
// A trigger writes on behalf of the lib that owns the table it fires on.
const writes: TableAccess[] = [
  ...code.writes,
  ...migrations.triggerWrites.map((w) => ({ ...w, writer: w.onTable ? (owners[w.onTable] ?? w.writer) : w.writer })),
];
const foreign = writes.filter((w) => owners[w.table] !== w.writer);
const covered = (w: TableAccess) => allowedWrites.some((a) => a.file === w.file && a.table === w.table);
const describeWrite = (w: TableAccess) =>
  `${w.file}:${w.line} — ${w.writer} writes ${w.table} (${owners[w.table] ? `owned by ${owners[w.table]}` : 'a table with no owner'}) by ${w.how}`;

describe('one owner per table', () => {
  it('names an owner for every table and view the migrations create, and nothing they do not', () => {
    const created = new Set(migrations.created.map((c) => c.name));
    expect(migrations.created.filter((c) => !(c.name in owners)).map((c) => `${c.file} creates ${c.name}`)).toEqual([]);
    expect(Object.keys(owners).filter((t) => !created.has(t))).toEqual([]);
  });

  it('lets no lib or app write a table another lib owns, beyond the shrinking allow-list', () => {
    expect(foreign.filter((w) => !covered(w)).map(describeWrite)).toEqual([]);
  });

  it('keeps no allow-list entry that no write needs any more', () => {
    const stale = allowedWrites.filter((a) => !foreign.some((w) => w.file === a.file && w.table === a.table));
    expect(stale.map((a) => `${a.file} no longer writes ${a.table}: remove it from table-ownership.allow.ts`)).toEqual(
      [],
    );
  });

  it('states in docs/architecture.md the same owner for every table, and every allowed violation', () => {
    const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
    const section = doc.split(/^## /m).find((s) => s.startsWith('Tables and their owners'))!;
    expect(section).toBeDefined();
    const stated: Record<string, string> = {};
    for (const row of section.matchAll(/^\| `([a-z]+)` \| (.+) \|$/gm)) {
      for (const table of row[2].matchAll(/`([a-z_]+)`/g)) stated[table[1]] = row[1];
    }
    expect(stated).toEqual(owners);
    const violations = doc.split(/^## /m).find((s) => s.startsWith('Known violations'))!;
    expect(
      allowedWrites
        .filter((a) => !violations.includes(a.file) || !violations.includes(`\`${a.table}\``))
        .map((a) => `${a.file} ${a.table}`),
    ).toEqual([]);
  });
});

describe('the write finder', () => {
  it('reads the SQL forms that change rows, and not the ones that only lock or read', () => {
    expect(
      sqlWritesIn(`INSERT INTO enrollments (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET status = excluded.status`),
    ).toEqual([{ table: 'enrollments', how: 'INSERT' }]);
    expect(
      sqlWritesIn(
        `WITH m AS (UPDATE enrollments e SET status = 'x' FROM users u WHERE u.id = e.user_id RETURNING e.id) DELETE FROM ONLY public.users WHERE id = $1`,
      ),
    ).toEqual([
      { table: 'enrollments', how: 'UPDATE' },
      { table: 'users', how: 'DELETE' },
    ]);
    expect(sqlWritesIn(`TRUNCATE TABLE users, "positions"`)).toEqual([
      { table: 'users', how: 'TRUNCATE' },
      { table: 'positions', how: 'TRUNCATE' },
    ]);
    expect(sqlWritesIn(`SELECT * FROM enrollments WHERE id = $1 FOR UPDATE SKIP LOCKED`)).toEqual([]);
    expect(sqlWritesIn(`SELECT id FROM users FOR NO KEY UPDATE`)).toEqual([]);
    expect(sqlWritesIn('Trainers may update the course and insert into a module.')).toEqual([]);
  });

  it('attributes TypeORM writes through entities to the lib whose folder holds the file', () => {
    const entities = entityTables(codeFiles());
    const scan: CodeScan = { writes: [], reads: [] };
    const file = 'libs/knowledge/src/example/example.service.ts';
    scanSource(
      file,
      entities,
      scan,
      `
      class Example {
        get enrollments() { return this.dataSource.getRepository(Enrollment); }
        async run(manager, id) {
          await manager.insert(Enrollment, { id });
          await manager.getRepository(Course).save({ id });
          const repo = manager.getRepository(User);
          await repo.update({ id }, { name: 'x' });
          await this.enrollments.delete({ id });
          await manager.createQueryBuilder().insert().into(Agency).values({ id }).execute();
          await manager.createQueryBuilder().delete().from(Position).where('id = :id', { id }).execute();
          await manager.query(\`UPDATE certificates SET revoked_at = now() WHERE id = \${'$1'}\`, [id]);
          await manager.getRepository(Course).findOneBy({ id });
          await manager.createQueryBuilder().select().from(Position, 'p').getMany();
          await this.index.upsert([{ id }]);
        }
      }
      function other(manager) {
        const repo = manager.getRepository(KnowledgeDocument);
        return repo.save({});
      }`,
    );
    expect(scan.writes.map((w) => [w.writer, w.table])).toEqual([
      ['knowledge', 'enrollments'],
      ['knowledge', 'courses'],
      ['knowledge', 'users'],
      ['knowledge', 'enrollments'],
      ['knowledge', 'agencies'],
      ['knowledge', 'positions'],
      ['knowledge', 'certificates'],
      ['knowledge', 'knowledge_documents'],
    ]);
  });

  it('finds what a trigger in the migrations writes until a later migration drops it, and not what a down() puts back', () => {
    const createTrigger = `
      await q.query(\`CREATE FUNCTION track() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO outbox_events (type) VALUES ('x'); RETURN NEW; END $$\`);
      await q.query(\`CREATE TRIGGER users_track BEFORE UPDATE OF agency_id ON users FOR EACH ROW EXECUTE FUNCTION track()\`);`;
    const first = {
      file: `${migrationsDir}/1-first.ts`,
      text: `class First { async up(q) { ${createTrigger} } async down(q) { await q.query(\`DROP FUNCTION track() CASCADE\`); } }`,
    };
    const drop = {
      file: `${migrationsDir}/2-drop.ts`,
      text: `class Drop { async up(q) { await q.query(\`DROP TRIGGER users_track ON users\`); await q.query(\`DROP FUNCTION track()\`); } async down(q) { ${createTrigger} } }`,
    };
    expect(scanMigrations([first]).triggerWrites.map((w) => [w.writer, w.table])).toEqual([
      ['trigger on users', 'outbox_events'],
    ]);
    expect(scanMigrations([first, drop]).triggerWrites).toEqual([]);
    expect(migrations.triggerWrites).toEqual([]); // users_track_moves is gone: identity's UsersService.place emits user.moved
  });
});

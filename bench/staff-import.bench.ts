// Staff import of a generated 200,000-person file (BENCH_STAFF_PEOPLE), through StaffImportsService
// as the web page and the CLI use it: the preview (read in a worker thread, plan, keep the file),
// the apply (read and plan again under the lock, write), and a re-import of the unchanged file
// (preview and apply: 0 changes). Each is timed with performance.now() and set against a bare
// PostgreSQL COPY of the same file into a table of the same columns, measured in the same run
// (median of three). Peak memory is the process's resident set (the reading thread included),
// sampled every 50 ms. Targets from issue 17: preview < 60 s, apply < 120 s, re-import < 30 s with
// 0 changes, peak < 1 GiB.
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { StaffImportsService, STAFF_COLUMNS } from '@chadavkhi/identity';
import { machineNote, median, startApp } from './bench-support';

const PEOPLE = Number(process.env.BENCH_STAFF_PEOPLE ?? 200_000);
const LETTERS = 'АБВГДЕЖЗИКЛМНОӨПРСТУҮФХЦЧШЭЮЯ';
const FAMILY = ['Батболд', 'Дорж', 'Гантулга', 'Мөнхбат', 'Цэрэндорж', 'Эрдэнэбат', 'Сүхбаатар', 'Ганболд'];
const GIVEN = ['Сарангэрэл', 'Тэмүүлэн', 'Хулан', 'Билгүүн', 'Номин', 'Ариунаа', 'Батбаяр', 'Оюунчимэг'];

/** The i-th person's registration number: distinct for every i below 30² × 10⁶ (letters, then a date and two digits). */
function regnum(i: number): string {
  const serial = i % 100;
  const day = 1 + (Math.floor(i / 100) % 28);
  const month = 1 + (Math.floor(i / 2800) % 12);
  const year = 60 + (Math.floor(i / 33_600) % 40);
  const letters = Math.floor(i / 1_344_000);
  return (
    LETTERS[Math.floor(letters / LETTERS.length) % LETTERS.length] +
    LETTERS[letters % LETTERS.length] +
    String(year).padStart(2, '0') +
    String(month).padStart(2, '0') +
    String(day).padStart(2, '0') +
    String(serial).padStart(2, '0')
  );
}

function staffFile(agencies: string[], positions: string[]): Buffer {
  const lines = [STAFF_COLUMNS.join(',')];
  for (let i = 0; i < PEOPLE; i++) {
    // One person in ten heads a team of the next nine, in the same agency.
    const head = i - (i % 10);
    const agency = agencies[Math.floor(i / 10) % agencies.length];
    const row: Record<string, string> = {
      registration_number: regnum(i),
      family_name: FAMILY[i % FAMILY.length],
      given_name: GIVEN[Math.floor(i / 8) % GIVEN.length],
      email: `staff-${i}@bench.gov.mn`,
      phone: i % 3 ? '' : `+9769${String(1_000_000 + i).slice(-7)}`,
      staff_number: `B-${i}`,
      agency_code: agency,
      position_code: positions[i % positions.length],
      supervisor_registration_number: i === head ? '' : regnum(head),
      joined_service_on: `20${String(10 + (i % 14)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
      position_since: '',
    };
    lines.push(STAFF_COLUMNS.map((c) => row[c] ?? '').join(','));
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

function memorySampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return {
    reset: () => (peak = process.memoryUsage().rss),
    peak: () => peak,
    stop: () => clearInterval(timer),
  };
}

/** Prints how long each step of a preview or an apply took (BENCH_STAFF_STEPS=1). */
function steps(label: string) {
  if (!process.env.BENCH_STAFF_STEPS) return undefined;
  let last = performance.now();
  let current = 'start';
  return (step: string, detail?: string) => {
    const now = performance.now();
    const m = process.memoryUsage();
    const mib = (n: number) => (n / 1048576).toFixed(0);
    console.log(
      `    ${label} ${current}: ${((now - last) / 1000).toFixed(2)} s (rss ${mib(m.rss)} MiB, heap ${mib(m.heapUsed)}, external ${mib(m.external)})`,
    );
    last = now;
    current = detail ? `${step} (${detail})` : step;
  };
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

async function main() {
  const { app } = await startApp();
  const db = app.get(DataSource);
  const imports = app.get(StaffImportsService);
  const memory = memorySampler();
  try {
    const agencies = (
      await db.query(
        `SELECT a.code FROM agencies a JOIN agencies r ON r.code = 'government' AND a.path @> ARRAY[r.id] WHERE a.id <> r.id ORDER BY a.code`,
      )
    ).map((r: { code: string }) => r.code);
    const positions = (await db.query(`SELECT code FROM positions ORDER BY code`)).map((r: { code: string }) => r.code);
    const file = staffFile(agencies, positions);
    console.log(
      `${PEOPLE} people over ${agencies.length} agencies, ${(file.length / 1048576).toFixed(1)} MiB of CSV; ${machineNote()}`,
    );

    // The baseline: PostgreSQL reading the same file into a table of the same columns, nothing else.
    const dir = mkdtempSync(join(tmpdir(), 'staff-bench-'));
    chmodSync(dir, 0o755);
    const path = join(dir, 'staff.csv');
    writeFileSync(path, file);
    chmodSync(path, 0o644);
    await db.query(`CREATE UNLOGGED TABLE bench_staff_copy (${STAFF_COLUMNS.map((c) => `${c} text`).join(', ')})`);
    const copies: number[] = [];
    for (let i = 0; i < 3; i++) {
      await db.query(`TRUNCATE bench_staff_copy`);
      copies.push(
        (await timed(() => db.query(`COPY bench_staff_copy FROM '${path}' WITH (FORMAT csv, HEADER true)`))).ms,
      );
    }
    rmSync(dir, { recursive: true, force: true });
    const copyMs = median(copies);

    const root = 'government';
    memory.reset();
    const preview = await timed(() =>
      imports.preview(
        'cli',
        { bytes: file, fileName: 'staff.csv' },
        { agency: root, fullSync: false },
        null,
        steps('preview'),
      ),
    );
    const previewPeak = memory.peak();
    if (preview.value.counts.problems)
      throw new Error(`the generated file has problems: ${JSON.stringify(preview.value.problems.items.slice(0, 3))}`);
    memory.reset();
    const apply = await timed(() => imports.apply('cli', preview.value.id, null, { invite: false }, steps('apply')));
    const applyPeak = memory.peak();
    memory.reset();
    const again = await timed(async () => {
      const p = await imports.preview(
        'cli',
        { bytes: file, fileName: 'staff.csv' },
        { agency: root, fullSync: false },
        null,
        steps('re-import'),
      );
      const a = await imports.apply('cli', p.id, null);
      return { preview: p, applied: a };
    });
    const againPeak = memory.peak();
    const changed = Object.entries(again.value.applied.applied)
      .filter(([k]) => k !== 'unchanged')
      .reduce((n, [, v]) => n + v, 0);

    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const mib = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MiB`;
    console.log(`\nStaff import of ${PEOPLE} people — one run each; bare COPY median of 3: ${s(copyMs)}`);
    console.log(
      `  preview          ${s(preview.ms).padStart(8)}  ${(preview.ms / copyMs).toFixed(1).padStart(6)}× COPY  peak ${mib(previewPeak)}  (target < 60 s)`,
    );
    console.log(
      `  apply            ${s(apply.ms).padStart(8)}  ${(apply.ms / copyMs).toFixed(1).padStart(6)}× COPY  peak ${mib(applyPeak)}  (target < 120 s; ${apply.value.applied.create} created)`,
    );
    console.log(
      `  re-import        ${s(again.ms).padStart(8)}  ${(again.ms / copyMs).toFixed(1).padStart(6)}× COPY  peak ${mib(againPeak)}  (target < 30 s; ${changed} changes, ${again.value.applied.applied.unchanged} unchanged)`,
    );
    const failures = [
      preview.ms > 60_000 && 'preview over 60 s',
      apply.ms > 120_000 && 'apply over 120 s',
      again.ms > 30_000 && 're-import over 30 s',
      changed !== 0 && `re-import changed ${changed}`,
      Math.max(previewPeak, applyPeak, againPeak) > 1024 ** 3 && 'peak memory over 1 GiB',
    ].filter(Boolean);
    if (failures.length) console.log(`  MISSED: ${failures.join(', ')}`);
  } finally {
    memory.stop();
    await app.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

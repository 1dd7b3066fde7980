// Loads content/ into the database. Idempotent: a second run reports everything unchanged.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { SingleBar, Presets } from 'cli-progress';
import { DataSource } from 'typeorm';
import { parse } from 'yaml';
import { flattenAgencies, IdentityContentService, ImportCounts } from '@chadavkhi/identity';
import { CourseContentService, CourseSource } from '@chadavkhi/learning';
import { KnowledgeContentService, knowledgeFileNames, KnowledgeSource } from '@chadavkhi/knowledge';
import { AccountabilityContentService, competencyFramework, demoAssignments } from '@chadavkhi/accountability';

const describe = (what: string, c: ImportCounts) =>
  `${what}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`;

async function readYaml(dir: string, file: string): Promise<unknown> {
  const path = join(dir, file);
  try {
    return parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** Each folder of content/courses: its course.yaml and the Markdown files it names. */
async function readCourses(dir: string): Promise<CourseSource[]> {
  const root = join(dir, 'courses');
  if (!existsSync(root)) return [];
  const folders = (await readdir(root, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return Promise.all(
    folders.map(async (folder) => {
      const names = await readdir(join(root, folder));
      const files: Record<string, string> = {};
      for (const name of names.filter((n) => n.endsWith('.md')))
        files[name] = await readFile(join(root, folder, name), 'utf8');
      const quizYaml = names.includes('quiz.yaml') ? await readYaml(root, join(folder, 'quiz.yaml')) : undefined;
      return { folder, yaml: await readYaml(root, join(folder, 'course.yaml')), files, quizYaml };
    }),
  );
}

/** content/knowledge/*.md, in name order (an empty list when the folder does not exist). */
async function readKnowledge(dir: string): Promise<KnowledgeSource[]> {
  const root = join(dir, 'knowledge');
  if (!existsSync(root)) return [];
  const files = knowledgeFileNames(await readdir(root));
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(join(root, file), 'utf8') })));
}

/** Every lib's part in one transaction, through the lib's own content service: all of content/ or none of it. */
export async function importContent(
  app: INestApplicationContext,
  options: { dir: string; demo: boolean; progress: boolean },
  log: (line: string) => void,
): Promise<void> {
  const agencies = await readYaml(options.dir, 'agencies.yaml');
  const positions = await readYaml(options.dir, 'positions.yaml');
  const demoUsers = options.demo ? await readYaml(options.dir, 'demo/users.yaml') : undefined;
  const assignments =
    options.demo && existsSync(join(options.dir, 'demo/assignments.yaml'))
      ? demoAssignments(await readYaml(options.dir, 'demo/assignments.yaml'))
      : undefined;
  const courses = await readCourses(options.dir);
  const knowledge = await readKnowledge(options.dir);
  const competencies = existsSync(join(options.dir, 'competencies.yaml'))
    ? competencyFramework(await readYaml(options.dir, 'competencies.yaml'), positions, courses)
    : undefined;
  const total = flattenAgencies(agencies).length;
  const bar = options.progress
    ? new SingleBar({ format: 'Agencies  [{bar}] {value}/{total}', hideCursor: true }, Presets.shades_classic)
    : undefined;
  const identity = app.get(IdentityContentService);
  const accountability = app.get(AccountabilityContentService);
  await app.get(DataSource).transaction(async (manager) => {
    bar?.start(total, 0);
    const agencyCounts = await identity.importAgencies(manager, agencies, () => bar?.increment());
    bar?.stop();
    log(describe('Agencies', agencyCounts));
    log(describe('Positions', await identity.importPositions(manager, positions)));
    if (demoUsers) log(describe('Demo users', await identity.importDemoUsers(manager, demoUsers)));
    const results = await app.get(CourseContentService).importCourses(manager, courses);
    for (const r of results)
      log(
        `Course ${r.code}: ${r.outcome === 'unchanged' ? `unchanged (v${r.version})` : r.outcome === 'created' ? `created, published v${r.version}` : `changed, published v${r.version}`}`,
      );
    if (competencies) {
      const counts = await accountability.importCompetencies(manager, competencies);
      log(
        `${describe('Competencies', counts.competencies)}; ${counts.positionRequirements} position requirements, ${counts.courseLevels} course levels`,
      );
    }
    if (assignments) {
      const counts = await accountability.importDemoAssignments(manager, assignments);
      log(`Demo assignments: ${counts.created} created, ${counts.unchanged} unchanged`);
    }
    const documents = await app.get(KnowledgeContentService).importKnowledge(manager, knowledge);
    const count = (outcome: string) => documents.filter((d) => d.outcome === outcome).length;
    log(
      `Knowledge documents: ${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged`,
    );
  });
}

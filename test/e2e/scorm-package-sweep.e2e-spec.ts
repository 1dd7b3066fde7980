// The daily SCORM clean-up (issue 21): a package no draft and no published version refers to is
// deleted with the files only it used, through the real queue, in bounded batches; a package a
// published version or a draft refers to stays, a file another package shares stays, a package younger
// than a day stays, a second run changes nothing, and a cleaned-up package can be imported again.
// The same round forgets applied commits' ids past their window: a recent commit sent again is still
// answered the same (online and through /sync), an old one sent again changes nothing.
import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import {
  COMMIT_KEPT_DAYS,
  SCORM_PACKAGE_SWEEP,
  ScormCommitSweepService,
  ScormPackageSweepService,
} from '@chadavkhi/learning';
import { createUser } from '../support/factories';
import { courseBody } from '../support/courses';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { scorm12Package, scorm2004Package } from '../support/scorm-packages';
import { playableScorm12 } from '../support/scorm-playable';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

const DAY = 24 * 60 * 60 * 1000;

describe('SCORM package clean-up', () => {
  let t: TestApp;
  let trainer: string;

  const newCourse = async () =>
    (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody())).body as {
      id: string;
      draft: { modules: { id: string }[] };
    };
  const addPackage = async (courseId: string, moduleId: string, zip: Buffer) =>
    (
      await t
        .http()
        .post(`/api/v1/courses/${courseId}/modules/${moduleId}/scorm-packages`)
        .set(bearer(trainer))
        .attach('file', zip, 'package.zip')
        .expect(201)
    ).body as { lessonId: string; package: { sha256: string; newlyStored: boolean } };
  const deleteLesson = (courseId: string, lessonId: string) =>
    t.http().delete(`/api/v1/courses/${courseId}/lessons/${lessonId}`).set(bearer(trainer)).expect(200);
  const packagesStored = async (): Promise<string[]> =>
    (await t.db.query(`SELECT sha256 FROM scorm_packages ORDER BY sha256`)).map((r: { sha256: string }) => r.sha256);
  const filesOf = async (sha256: string): Promise<string[]> =>
    (await t.db.query(`SELECT file_sha256 FROM scorm_package_files WHERE package_sha256 = $1`, [sha256])).map(
      (r: { file_sha256: string }) => r.file_sha256,
    );
  const filesStored = async (sha256s: string[]): Promise<number> =>
    (await t.db.query(`SELECT count(*)::int AS n FROM scorm_files WHERE sha256 = ANY($1)`, [sha256s]))[0].n;

  /** The daily job, through the real queue, as of a moment; its outcome. */
  async function sweepJob(asOf: Date): Promise<{ packages: number; files: number; bytes: number; commits: number }> {
    const queue = t.app.get<Queue>(getQueueToken('learning'));
    const job = await queue.add(SCORM_PACKAGE_SWEEP, { asOf: asOf.toISOString() });
    await until(async () => ((await job.isCompleted()) ? true : undefined), 20000);
    return (await queue.getJob(job.id!))!.returnvalue;
  }

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: true, OUTBOX_POLL_MS: 100 });
    trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
  });
  afterAll(() => t.close());

  it('deletes unreferenced packages and the files only they used, keeps what is referred to or shared', async () => {
    // Published, then removed from the draft: the version still refers to it.
    const published = await newCourse();
    const a = await addPackage(published.id, published.draft.modules[0].id, scorm12Package({ marker: 'A' }));
    await t.http().post(`/api/v1/courses/${published.id}/publish`).set(bearer(trainer)).expect(201);
    await deleteLesson(published.id, a.lessonId);
    // In a draft only.
    const drafted = await newCourse();
    const e = await addPackage(drafted.id, drafted.draft.modules[0].id, scorm12Package({ marker: 'E' }));
    // Imported, then its lesson deleted before any publish: nothing refers to them.
    const abandoned = await newCourse();
    const c = await addPackage(abandoned.id, abandoned.draft.modules[0].id, scorm2004Package());
    const dZip = scorm12Package({ marker: 'D' }); // kept: a zip made again has other timestamps, so another hash
    const d = await addPackage(abandoned.id, abandoned.draft.modules[1].id, dZip);
    await deleteLesson(abandoned.id, c.lessonId);
    await deleteLesson(abandoned.id, d.lessonId);

    const [aFiles, cFiles, dFiles, eFiles] = await Promise.all([a, c, d, e].map((p) => filesOf(p.package.sha256)));
    const shared = new Set([...aFiles, ...eFiles]);
    const onlyC = cFiles.filter((f) => !shared.has(f));
    const onlyD = dFiles.filter((f) => !shared.has(f));
    // The 1.2 packages share the manifest and script with D; the 2004 one shares the script's bytes.
    expect(onlyD).toHaveLength(1);
    expect(onlyC.length).toBe(cFiles.length - 1);
    const before = await packagesStored();

    // Within a day of their import they stay.
    expect(await sweepJob(new Date())).toEqual({ packages: 0, files: 0, bytes: 0, commits: 0 });
    expect(await packagesStored()).toEqual(before);

    // A day on, in batches of one: C and D go, with their own files.
    const later = new Date(Date.now() + 2 * DAY);
    const swept = await t.app.get(ScormPackageSweepService).sweep(later, 1);
    expect(swept).toEqual(expect.objectContaining({ packages: 2, files: onlyC.length + onlyD.length }));
    expect(swept.bytes).toBeGreaterThan(0);
    expect(await packagesStored()).toEqual(before.filter((s) => s !== c.package.sha256 && s !== d.package.sha256));
    expect(await filesStored([...onlyC, ...onlyD])).toBe(0);
    expect(await filesStored([...shared])).toBe(shared.size);

    // Again, through the queue: nothing more to do.
    expect(await sweepJob(later)).toEqual({ packages: 0, files: 0, bytes: 0, commits: 0 });

    // The published lesson still opens its package; a cleaned-up package imports again, whole.
    const again = await addPackage(abandoned.id, abandoned.draft.modules[0].id, dZip);
    expect(again.package).toEqual(expect.objectContaining({ sha256: d.package.sha256, newlyStored: true }));
    expect(await filesStored(dFiles)).toBe(dFiles.length);
  });

  it(`forgets commit ids after ${COMMIT_KEPT_DAYS} days, in bounded batches; a recent commit sent again is answered the same, an old one changes nothing`, async () => {
    const learner = await tokenFor(t, (await createUser(t.db, { roles: ['learner'] })).email);
    const course = await newCourse();
    const { lessonId } = await addPackage(course.id, course.draft.modules[0].id, playableScorm12());
    await t.http().post(`/api/v1/courses/${course.id}/publish`).set(bearer(trainer)).expect(201);
    const enrollmentId = (
      await t.http().post(`/api/v1/courses/${course.id}/enrollments`).set(bearer(learner)).expect(201)
    ).body.id as string;
    const url = `/api/v1/enrollments/${enrollmentId}/lessons/${lessonId}/scorm/ethics`;
    const sessionId = randomUUID();
    const commit = (sequence: number) => ({
      commitId: randomUUID(),
      sessionId,
      sequence,
      baseRevision: 0,
      lessonStatus: 'incomplete',
      location: `page${sequence}`,
    });
    const send = (c: ReturnType<typeof commit>) => t.http().put(url).set(bearer(learner)).send(c);
    // Through /sync the item's id is the commit's id.
    const synced = async ({ commitId, ...c }: ReturnType<typeof commit>) =>
      (
        await t
          .http()
          .post('/api/v1/sync')
          .set(bearer(learner))
          .send({
            items: [
              {
                id: commitId,
                type: 'scorm.committed',
                enrollmentId,
                lessonId,
                scoId: 'ethics',
                occurredAt: new Date().toISOString(),
                commit: c,
              },
            ],
          })
          .expect(200)
      ).body.items[0].status as string;
    const old = [commit(1), commit(2), commit(3)];
    for (const c of old) await send(c).expect(200);
    const recent = commit(4);
    const answer = (await send(recent).expect(200)).body;
    await t.db.query(
      `UPDATE scorm_commits SET created_at = now() - make_interval(days => $2::int) WHERE commit_id = ANY($1::uuid[])`,
      [old.map((c) => c.commitId), COMMIT_KEPT_DAYS + 1],
    );
    const kept = async () =>
      (await t.db.query(`SELECT commit_id FROM scorm_commits WHERE enrollment_id = $1`, [enrollmentId])).map(
        (r: { commit_id: string }) => r.commit_id,
      );

    // In batches of one, every old id goes; the recent one stays. Then the daily job finds nothing more.
    expect(await t.app.get(ScormCommitSweepService).sweep(new Date(), 1)).toBe(3);
    expect(await kept()).toEqual([recent.commitId]);
    expect(await sweepJob(new Date())).toEqual({ packages: 0, files: 0, bytes: 0, commits: 0 });

    // The recent commit sent again: the same answer online, a duplicate through /sync.
    expect((await send(recent).expect(200)).body).toEqual(answer);
    expect(await synced(recent)).toBe('duplicate');
    // An old one sent again is not applied twice: older than what its SCO holds, it is stale.
    expect(expectProblem(await send(old[2]), 409).type).toMatch(/scorm-commit-stale$/);
    expect(await synced(old[0])).toBe('refused');
    const [state] = await t.db.query(`SELECT location, revision FROM scorm_tracking WHERE enrollment_id = $1`, [
      enrollmentId,
    ]);
    expect(state).toEqual({ location: 'page4', revision: 4 });
    expect(await kept()).toEqual([recent.commitId]);

    // Past the window, the recent one goes too.
    const later = new Date(Date.now() + (COMMIT_KEPT_DAYS + 1) * 24 * 60 * 60 * 1000);
    expect((await sweepJob(later)).commits).toBe(1);
    expect(await kept()).toEqual([]);
  });
});

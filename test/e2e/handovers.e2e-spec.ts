// Nothing orphaned (issue 17 §5): a leaver's documents, comments waiting for an answer, courses and
// upcoming sessions go to their supervisor through the real queues, listed on the handover page and
// in its PDF; a person with no supervisor and nobody else in their position leaves items orphaned,
// counted in the agency's figures until HR picks a successor; a mover hands over too; the event run
// twice moves nothing twice; and who may see or change a handover.
import { randomBytes } from 'node:crypto';
import { CommentsService, DocumentReviewService } from '@chadavkhi/knowledge';
import { SessionsService } from '@chadavkhi/learning';
import { AuthUser, UsersService } from '@chadavkhi/identity';
import { actorOf, agencyByCode, createDocument, createUser, publishedCourse, TestUser } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { pdfParse } from '../support/pdf';
import { untilQueuesDrained } from '../support/queues-drained';
import { startTestApp, TestApp } from '../support/test-app';
import { signInPage } from '../support/web';

const HANDOVER_QUEUES = ['knowledge-handovers', 'learning-handovers', 'search-index'] as const;
const day = 86_400_000;

describe('handovers', () => {
  let t: TestApp;
  let admin: string;
  let hrFinance: string;
  let hrArkhangai: string;
  let financeId: string;
  let reviewer: AuthUser;

  const drained = () => untilQueuesDrained(t, HANDOVER_QUEUES, 60000);
  const api = () => t.http();
  const handoverOf = async (userId: string) =>
    (await t.db.query(`SELECT id, successor_id, reason FROM handovers WHERE from_user_id = $1 ORDER BY created_at`, [
      userId,
    ])) as { id: string; successor_id: string | null; reason: string }[];
  const ownerOf = async (documentId: string) =>
    (await t.db.query(`SELECT owner_id FROM knowledge_documents WHERE id = $1`, [documentId]))[0].owner_id as string;
  const orphanedInFinance = async () => {
    const response = await api().get(`/api/v1/agencies/${financeId}/metrics`).set(bearer(hrFinance));
    expect(response.status).toBe(200);
    return response.body.figures.orphanedItems as number;
  };

  /** A person who stewards one of everything: a stale public document with a comment waiting, a course, a session to come. */
  async function steward(options: { supervisorId?: string; position?: string; name: string }) {
    const user = await createUser(t.db, {
      roles: ['trainer', 'learner'],
      agency: 'ministry-finance',
      position: options.position,
      name: options.name,
    });
    if (options.supervisorId)
      await t.db.query(`UPDATE users SET supervisor_id = $2 WHERE id = $1`, [user.id, options.supervisorId]);
    const actor = await actorOf(t, user.id);
    const suffix = randomBytes(3).toString('hex');
    const review = t.app.get(DocumentReviewService);
    const document = await createDocument(t, actor, { title: `Төсвийн гарын авлага ${suffix}`, visibility: 'public' });
    await review.submit(actor, document.id);
    await review.approve(reviewer, document.id, document.version, undefined, null);
    const submitted = await createDocument(t, actor, { title: `Хянуулах журам ${suffix}` });
    await review.submit(actor, submitted.id);
    await t.db.query(`UPDATE knowledge_documents SET review_by = now()::date - 30 WHERE id = $1`, [document.id]);
    const comment = await t.app
      .get(CommentsService)
      .create(null, document.id, { name: 'Иргэн Бат', body: 'Энэ заалтыг тайлбарлана уу?' }, '10.9.0.1');
    const { courseId } = await publishedCourse(t, actor, {
      title: `Өгөөжийн сургалт ${suffix}`,
      titleEn: `Returns course ${suffix}`,
    });
    const session = await t.app.get(SessionsService).schedule(
      actor,
      {
        courseId,
        agencyId: financeId,
        place: 'Сангийн яам, 3 давхар',
        startsAt: new Date(Date.now() + 7 * day).toISOString(),
        endsAt: new Date(Date.now() + 7 * day + 3 * 3600_000).toISOString(),
        capacity: 12,
      } as never,
      null,
    );
    return {
      user,
      documentId: document.id,
      submittedId: submitted.id,
      commentId: comment.id,
      courseId,
      sessionId: session.id,
      suffix,
    };
  }

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: true, OUTBOX_POLL_MS: 100 });
    admin = await tokenFor(t, (await createUser(t.db, { roles: ['admin'] })).email);
    hrFinance = await tokenFor(
      t,
      (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' })).email,
    );
    hrArkhangai = await tokenFor(
      t,
      (await createUser(t.db, { roles: ['hr_officer'], agency: 'aimag-arkhangai' })).email,
    );
    financeId = (await agencyByCode(t.db, 'ministry-finance')).id;
    reviewer = await actorOf(t, (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' })).id);
  }, 120000);

  afterAll(async () => {
    await t?.close();
  });

  describe('a leaver with a supervisor', () => {
    let supervisor: TestUser;
    let items: Awaited<ReturnType<typeof steward>>;
    let handoverId: string;

    beforeAll(async () => {
      supervisor = await createUser(t.db, { roles: ['learner'], agency: 'ministry-finance', name: 'Дарга Болд' });
      items = await steward({ supervisorId: supervisor.id, name: 'Гарах Сарнай' });
      const left = await api().post(`/api/v1/users/${items.user.id}/deactivate`).set(bearer(admin));
      expect(left.status).toBe(200);
      await drained();
      [{ id: handoverId }] = await handoverOf(items.user.id);
    }, 120000);

    it('hands every item to the supervisor', async () => {
      expect(await handoverOf(items.user.id)).toEqual([
        { id: handoverId, successor_id: supervisor.id, reason: 'left' },
      ]);
      expect(await ownerOf(items.documentId)).toBe(supervisor.id);
      const [course] = await t.db.query(`SELECT owner_id FROM courses WHERE id = $1`, [items.courseId]);
      expect(course.owner_id).toBe(supervisor.id);
      const [session] = await t.db.query(`SELECT trainer_id FROM training_sessions WHERE id = $1`, [items.sessionId]);
      expect(session.trainer_id).toBe(supervisor.id);
    });

    it('lists each item with its state for the successor, in the API', async () => {
      const token = await tokenFor(t, supervisor.email);
      const response = await api().get(`/api/v1/handovers/${handoverId}`).set(bearer(token));
      expect(response.status).toBe(200);
      const report = response.body;
      expect(report.handover).toMatchObject({
        from: { id: items.user.id, name: 'Гарах Сарнай' },
        successor: { id: supervisor.id },
        reason: 'left',
        successorChosenByHr: false,
      });
      expect(report.documents).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: items.documentId, status: 'published', stale: true, orphaned: false }),
          expect.objectContaining({ id: items.submittedId, status: 'in_review', stale: false }),
        ]),
      );
      expect(report.reviews).toEqual([expect.objectContaining({ id: items.submittedId, status: 'in_review' })]);
      expect(report.comments).toEqual([
        expect.objectContaining({ id: items.commentId, answered: false, overdue: false, dueAt: expect.any(String) }),
      ]);
      expect(report.courses).toEqual([expect.objectContaining({ courseId: items.courseId, state: 'published' })]);
      expect(report.sessions).toEqual([
        expect.objectContaining({ id: items.sessionId, capacity: 12, seated: 0, waiting: 0, cancelled: false }),
      ]);
      expect(report.counts).toEqual({ items: 6, orphaned: 0 });
      const mine = await api().get('/api/v1/me/handovers').set(bearer(token));
      expect(mine.body).toEqual([expect.objectContaining({ id: handoverId, items: 6 })]);
      const [submitted] = await t.db.query(`SELECT owner_id, submitted_by FROM knowledge_documents WHERE id = $1`, [
        items.submittedId,
      ]);
      expect(submitted).toEqual({ owner_id: supervisor.id, submitted_by: supervisor.id });
    });

    it('shows the successor the handover page in both languages, and a link on their home page', async () => {
      const page = await signInPage(t, supervisor.email);
      const home = await page.get('/?lang=en');
      expect(home.text).toContain('You received 6 items from Гарах Сарнай');
      expect(home.text).toContain(`/handovers/${handoverId}`);
      const en = await page.get(`/handovers/${handoverId}?lang=en`);
      expect(en.status).toBe(200);
      expect(en.text).toContain('Handover from Гарах Сарнай');
      expect(en.text).toContain(`Төсвийн гарын авлага ${items.suffix}`);
      expect(en.text).toContain('Stale: review was due');
      expect(en.text).toContain('Answer due');
      expect(en.text).toContain(`Returns course ${items.suffix}`);
      expect(en.text).toContain('0 of 12 seats taken; 0 waiting');
      expect(en.text).not.toContain('Choose a successor');
      const mn = await page.get(`/handovers/${handoverId}?lang=mn`);
      expect(mn.text).toContain('Гарах Сарнай-ийн хүлээлгэн өгөх зүйлс');
      expect(mn.text).toContain('Хуучирсан');
      expect(mn.text).toContain(`Өгөөжийн сургалт ${items.suffix}`);
    });

    it('prints the same as a PDF whose Cyrillic text reads back', async () => {
      const page = await signInPage(t, supervisor.email);
      const response = await t
        .http()
        .get(`/handovers/${handoverId}/handover.pdf?lang=mn`)
        .set('cookie', page.cookie)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      const { text } = await pdfParse(response.body as Buffer);
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('Гарах Сарнай');
      expect(flat).toContain(`Төсвийн гарын авлага ${items.suffix}`);
      expect(flat).toContain(`Өгөөжийн сургалт ${items.suffix}`);
      expect(flat).toContain('Хуучирсан');
      expect(flat).toContain('Сангийн яам, 3 давхар');
    });

    it('moves nothing twice when the event is processed again', async () => {
      const before = await t.db.query(
        `SELECT kind, item_id, to_user_id, handed_at, handover_version FROM knowledge_handover_items WHERE handover_id = $1
         UNION ALL
         SELECT kind, item_id, to_user_id, handed_at, handover_version FROM learning_handover_items WHERE handover_id = $1
         ORDER BY kind, item_id`,
        [handoverId],
      );
      const reindexBefore = await t.db.query(
        `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'knowledge.document.changed' AND payload->>'documentId' = $1`,
        [items.documentId],
      );
      // The same event again, as a relay retry or a duplicate delivery would bring it.
      await t.db.query(
        `INSERT INTO outbox_events (type, payload) SELECT type, payload FROM outbox_events
          WHERE type = 'handover.opened' AND payload->>'handoverId' = $1`,
        [handoverId],
      );
      await drained();
      const after = await t.db.query(
        `SELECT kind, item_id, to_user_id, handed_at, handover_version FROM knowledge_handover_items WHERE handover_id = $1
         UNION ALL
         SELECT kind, item_id, to_user_id, handed_at, handover_version FROM learning_handover_items WHERE handover_id = $1
         ORDER BY kind, item_id`,
        [handoverId],
      );
      expect(after).toHaveLength(6);
      expect(after).toEqual(before);
      const reindexAfter = await t.db.query(
        `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'knowledge.document.changed' AND payload->>'documentId' = $1`,
        [items.documentId],
      );
      expect(reindexAfter).toEqual(reindexBefore);
    });

    it('is not shown to a learner it is not about', async () => {
      const other = await createUser(t.db, { roles: ['learner'], agency: 'ministry-finance' });
      const token = await tokenFor(t, other.email);
      expect((await api().get(`/api/v1/handovers/${handoverId}`).set(bearer(token))).status).toBe(404);
      expect((await api().get('/api/v1/me/handovers').set(bearer(token))).body).toEqual([]);
      const page = await signInPage(t, other.email);
      expect((await page.get(`/handovers/${handoverId}`)).status).toBe(404);
      expect((await page.get(`/handovers/${handoverId}/handover.pdf`)).status).toBe(404);
    });
  });

  describe('a leaver nobody can take over from', () => {
    let items: Awaited<ReturnType<typeof steward>>;
    let handoverId: string;
    let successor: TestUser;

    beforeAll(async () => {
      // Nobody else holds this position in the agency, and there is no supervisor.
      items = await steward({ position: 'state-secretary', name: 'Ганц Нарантуяа' });
      successor = await createUser(t.db, { roles: ['learner'], agency: 'ministry-finance', name: 'Шинэ Эзэн' });
      expect((await api().post(`/api/v1/users/${items.user.id}/deactivate`).set(bearer(admin))).status).toBe(200);
      await drained();
      [{ id: handoverId }] = await handoverOf(items.user.id);
    }, 120000);

    it('leaves the items with them and counts them as orphaned in the agency figures', async () => {
      expect((await handoverOf(items.user.id))[0].successor_id).toBeNull();
      expect(await ownerOf(items.documentId)).toBe(items.user.id);
      expect(await orphanedInFinance()).toBe(6);
      const report = (await api().get(`/api/v1/handovers/${handoverId}`).set(bearer(hrFinance))).body;
      expect(report.counts).toEqual({ items: 6, orphaned: 6 });
      expect(report.handover.mayChooseSuccessor).toBe(true);
    });

    it('shows the orphaned count and the waiting handover on the HR dashboard', async () => {
      const hr = await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' });
      const page = await signInPage(t, hr.email);
      const dashboard = await page.get(`/hr/agencies/${financeId}?lang=en`);
      expect(dashboard.status).toBe(200);
      expect(dashboard.text).toMatch(/id="figure-orphaned"[\s\S]*?figure-value">(<a [^>]*>)?6</);
      expect(dashboard.text).toContain(`/handovers/${handoverId}`);
    });

    it('refuses the choice to HR of another subtree, and to a successor who is not active', async () => {
      const elsewhere = await api()
        .put(`/api/v1/handovers/${handoverId}/successor`)
        .set(bearer(hrArkhangai))
        .send({ successorId: successor.id });
      expect(elsewhere.status).toBe(404);
      const inactive = await api()
        .put(`/api/v1/handovers/${handoverId}/successor`)
        .set(bearer(hrFinance))
        .send({ successorId: items.user.id });
      expect(inactive.status).toBe(422);
      const malformed = await api()
        .put(`/api/v1/handovers/${handoverId}/successor`)
        .set(bearer(hrFinance))
        .send({ successorId: 'nobody' });
      expect(malformed.status).toBe(400);
      expect(malformed.headers['content-type']).toContain('application/problem+json');
      await drained();
      expect((await handoverOf(items.user.id))[0].successor_id).toBeNull();
      expect(await orphanedInFinance()).toBe(6);
    });

    it('hands the items over once HR picks a successor, and the orphaned count goes to 0', async () => {
      const hr = await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' });
      const page = await signInPage(t, hr.email);
      const shown = await page.get(`/handovers/${handoverId}?lang=en`);
      expect(shown.text).toContain('Choose a successor');
      const chosen = await page.post(`/handovers/${handoverId}/successor`, { successorId: successor.id });
      expect(chosen.status).toBe(303);
      await drained();
      expect((await handoverOf(items.user.id))[0].successor_id).toBe(successor.id);
      expect(await ownerOf(items.documentId)).toBe(successor.id);
      const [session] = await t.db.query(`SELECT trainer_id FROM training_sessions WHERE id = $1`, [items.sessionId]);
      expect(session.trainer_id).toBe(successor.id);
      expect(await orphanedInFinance()).toBe(0);
      const audit = await t.db.query(
        `SELECT action FROM audit_log_entries WHERE action = 'handover.successor.set' AND target_id = $1`,
        [handoverId],
      );
      expect(audit).toHaveLength(1);
      const token = await tokenFor(t, successor.email);
      const report = (await api().get(`/api/v1/handovers/${handoverId}`).set(bearer(token))).body;
      expect(report.counts).toEqual({ items: 6, orphaned: 0 });
      expect(report.handover.successorChosenByHr).toBe(true);
    });
  });

  describe('a mover', () => {
    it('hands over to the next holder of their position when they move to another agency; coming back opens no handover', async () => {
      // No supervisor: the next holder of the same position in the agency they left takes over.
      const items = await steward({ position: 'head-of-division', name: 'Шилжих Тэмүүлэн' });
      const nextHolder = await createUser(t.db, {
        roles: ['learner'],
        agency: 'ministry-finance',
        position: 'head-of-division',
      });
      const users = t.app.get(UsersService);
      const arkhangai = await agencyByCode(t.db, 'aimag-arkhangai');
      await t.db.transaction((manager) => users.place(manager, items.user.id, { agencyId: arkhangai.id }));
      await drained();
      const [handover] = await handoverOf(items.user.id);
      expect(handover).toMatchObject({ reason: 'moved', successor_id: nextHolder.id });
      expect(await ownerOf(items.documentId)).toBe(nextHolder.id);
      const [course] = await t.db.query(`SELECT owner_id FROM courses WHERE id = $1`, [items.courseId]);
      expect(course.owner_id).toBe(nextHolder.id);

      // Deactivated and reactivated: the reactivation hands nothing over.
      await t.db.transaction((manager) => users.place(manager, items.user.id, { isActive: false }));
      await t.db.transaction((manager) => users.place(manager, items.user.id, { isActive: true }));
      await drained();
      expect((await handoverOf(items.user.id)).map((h) => h.reason)).toEqual(['moved', 'left']);
    });
  });
});

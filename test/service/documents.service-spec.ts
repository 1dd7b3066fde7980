// Knowledge's document workflow, called on KnowledgeDocumentsService, DocumentReviewService and
// DocumentVersionsService: draft → in review → published by a reviewer of the owning agency (never
// by the one who submitted it), readers kept on the published version, the reviewed version only,
// and every content change kept as a version.
import { ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '@chadavkhi/identity';
import { DocumentReviewService, DocumentVersionsService, KnowledgeDocumentsService } from '@chadavkhi/knowledge';
import { createDocument, createPerson } from '../support/factories';
import { ServiceContext, startServiceContext } from '../support/service-context';

describe('the knowledge document workflow', () => {
  let s: ServiceContext;
  let documents: KnowledgeDocumentsService;
  let review: DocumentReviewService;
  let versions: DocumentVersionsService;
  let author: AuthUser; // learner at the tax department
  let colleague: AuthUser; // learner in the same agency
  let subAgencyUser: AuthUser; // learner at a sub-agency of the tax department
  let ministryUser: AuthUser; // learner at the tax department's parent ministry: outside its subtree
  let taxHr: AuthUser; // a reviewer of the tax department
  let ministryHr: AuthUser; // a reviewer above it
  let otherHr: AuthUser; // hr_officer of an unrelated agency

  beforeAll(async () => {
    s = await startServiceContext(['knowledge']);
    documents = s.get(KnowledgeDocumentsService);
    review = s.get(DocumentReviewService);
    versions = s.get(DocumentVersionsService);
    [author, colleague, subAgencyUser, ministryUser, taxHr, ministryHr, otherHr] = await Promise.all([
      createPerson(s, { agency: 'tax-general-department' }),
      createPerson(s, { agency: 'tax-general-department' }),
      createPerson(s, { agency: 'tax-audit-department' }),
      createPerson(s, { agency: 'ministry-finance' }),
      createPerson(s, { roles: ['hr_officer'], agency: 'tax-general-department' }),
      createPerson(s, { roles: ['hr_officer'], agency: 'ministry-finance' }),
      createPerson(s, { roles: ['hr_officer'], agency: 'civil-service-council' }),
    ]);
  });
  afterAll(() => s.close());

  const changedEvents = async (id: string) =>
    (
      await s.db.query(
        `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'knowledge.document.changed' AND payload->>'documentId' = $1`,
        [id],
      )
    )[0].n;

  it('keeps a draft to its editors, and answers everyone else as if it did not exist', async () => {
    const doc = await createDocument(s, author, { visibility: 'agency' });
    expect(doc).toEqual(
      expect.objectContaining({
        status: 'draft',
        version: 1,
        editor: expect.objectContaining({
          currentVersion: 1,
          publishedVersion: null,
          requiresApproval: true,
          canReview: false,
        }),
      }),
    );
    expect(await changedEvents(doc.id)).toBe(1);
    expect((await documents.get(taxHr, doc.id)).editor!.canReview).toBe(true);
    expect((await documents.get(ministryHr, doc.id)).editor!.canReview).toBe(true);
    for (const caller of [colleague, subAgencyUser, ministryUser, otherHr, null])
      await expect(documents.get(caller, doc.id)).rejects.toThrow(NotFoundException);
    await expect(documents.update(ministryUser, doc.id, { title: 'Hijacked title' })).rejects.toThrow(
      NotFoundException,
    );
  });

  it('needs approval by a reviewer of the owning agency — not the author, an outsider, or whoever submitted it', async () => {
    const doc = await createDocument(s, author, { visibility: 'agency' });
    await expect(review.publish(author, doc.id, null)).rejects.toThrow(ForbiddenException);
    await expect(documents.update(author, doc.id, { requiresApproval: false })).rejects.toThrow(ForbiddenException);
    expect((await review.submit(author, doc.id)).status).toBe('in_review');
    await expect(review.submit(author, doc.id)).rejects.toThrow(ConflictException);
    await expect(review.approve(author, doc.id, 1, undefined, null)).rejects.toThrow(ForbiddenException);
    await expect(review.approve(otherHr, doc.id, 1, undefined, null)).rejects.toThrow(NotFoundException);

    const approved = await review.approve(taxHr, doc.id, 1, 'OK', null);
    expect(approved).toEqual(
      expect.objectContaining({ status: 'published', editor: expect.objectContaining({ publishedVersion: 1 }) }),
    );
    expect(await changedEvents(doc.id)).toBe(3); // created, submitted, approved
    const audit = await s.db.query(`SELECT action FROM audit_log_entries WHERE target_id = $1`, [doc.id]);
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['knowledge.publish']);

    // An agency document reaches the owning agency's subtree: a colleague and a sub-agency, not the parent ministry.
    const read = await documents.get(colleague, doc.id);
    expect(read).toEqual(expect.objectContaining({ id: doc.id, version: 1 }));
    expect(read.editor).toBeUndefined();
    expect((await documents.get(subAgencyUser, doc.id)).version).toBe(1);
    for (const caller of [ministryUser, null])
      await expect(documents.get(caller, doc.id)).rejects.toThrow(NotFoundException);
    await expect(documents.update(colleague, doc.id, { title: 'Not mine' })).rejects.toThrow(ForbiddenException);

    // A reviewer who submitted a version may not approve it themself.
    const own = await createDocument(s, taxHr);
    await review.submit(taxHr, own.id);
    await expect(review.approve(taxHr, own.id, 1, undefined, null)).rejects.toThrow(ForbiddenException);
    expect((await review.approve(ministryHr, own.id, 1, undefined, null)).status).toBe('published');
  });

  it('keeps readers on the published version while an edit waits; rejection sends it back; archiving withdraws it', async () => {
    const doc = await createDocument(s, author, { visibility: 'public', title: 'Анхны гарчиг' });
    await review.submit(author, doc.id);
    await review.approve(taxHr, doc.id, 1, undefined, null);
    const edited = await documents.update(author, doc.id, { title: 'Шинэчилсэн гарчиг', note: 'title' });
    expect(edited).toEqual(
      expect.objectContaining({
        title: 'Шинэчилсэн гарчиг',
        version: 2,
        status: 'published',
        editor: expect.objectContaining({ publishedVersion: 1, hasUnpublishedChanges: true }),
      }),
    );
    expect(await documents.get(null, doc.id)).toEqual(expect.objectContaining({ title: 'Анхны гарчиг', version: 1 }));
    await review.submit(author, doc.id);
    const rejected = await review.reject(taxHr, doc.id, 'Гарчгийг тодруул', null);
    expect(rejected).toEqual(
      expect.objectContaining({
        status: 'published',
        editor: expect.objectContaining({ reviewNote: 'Гарчгийг тодруул', publishedVersion: 1 }),
      }),
    );
    await expect(review.reject(taxHr, doc.id, undefined, null)).rejects.toThrow(ConflictException);
    expect((await documents.get(null, doc.id)).title).toBe('Анхны гарчиг');

    // A reviewer's own edit of a published document publishes at once.
    const byReviewer = await documents.update(taxHr, doc.id, { summary: 'Шинэ хураангуй' });
    expect(byReviewer.editor).toEqual(expect.objectContaining({ currentVersion: 3, publishedVersion: 3 }));
    expect(await documents.get(null, doc.id)).toEqual(
      expect.objectContaining({ title: 'Шинэчилсэн гарчиг', summary: 'Шинэ хураангуй', version: 3 }),
    );
    expect((await review.archive(taxHr, doc.id, null)).status).toBe('archived');
    await expect(review.archive(taxHr, doc.id, null)).rejects.toThrow(ConflictException);
    await expect(documents.get(null, doc.id)).rejects.toThrow(NotFoundException);
  });

  it('approves only the version the reviewer names; an edit during review withdraws the request', async () => {
    const doc = await createDocument(s, author, { visibility: 'public', body: 'Хянуулсан агуулга.' });
    await review.submit(author, doc.id);
    const edited = await documents.update(author, doc.id, { body: 'Хянагдаагүй агуулга.' });
    expect(edited).toEqual(expect.objectContaining({ status: 'draft', version: 2 }));
    await expect(review.approve(taxHr, doc.id, 1, undefined, null)).rejects.toMatchObject({
      response: expect.objectContaining({ slug: 'not-in-review' }),
    });
    await expect(documents.get(null, doc.id)).rejects.toThrow(NotFoundException);

    await review.submit(author, doc.id);
    await expect(review.approve(taxHr, doc.id, 1, undefined, null)).rejects.toMatchObject({
      response: expect.objectContaining({ slug: 'review-version-changed', currentVersion: 2 }),
    });
    await expect(documents.get(null, doc.id)).rejects.toThrow(NotFoundException);
    await review.approve(taxHr, doc.id, 2, undefined, null);
    expect(await documents.get(null, doc.id)).toEqual(
      expect.objectContaining({ version: 2, body: 'Хянагдаагүй агуулга.' }),
    );

    // On a published document too: readers keep the published version.
    await documents.update(author, doc.id, { body: 'Гурав дахь хувилбар.' });
    await review.submit(author, doc.id);
    const during = await documents.update(author, doc.id, { body: 'Дөрөв дэх хувилбар.' });
    expect(during).toEqual(
      expect.objectContaining({
        status: 'published',
        version: 4,
        editor: expect.objectContaining({ publishedVersion: 2 }),
      }),
    );
    await expect(review.approve(taxHr, doc.id, 3, undefined, null)).rejects.toThrow(ConflictException);
    expect(await documents.get(null, doc.id)).toEqual(
      expect.objectContaining({ version: 2, body: 'Хянагдаагүй агуулга.' }),
    );
  });

  it('publishes directly where no approval is needed, keeps every version, and restores one as a new version', async () => {
    await expect(createDocument(s, author, { requiresApproval: false })).rejects.toThrow(ForbiddenException);
    const doc = await createDocument(s, taxHr, {
      requiresApproval: false,
      body: 'Нэгдүгээр хувилбар.\n',
      tags: ['audit', 'татвар'],
    });
    expect((await review.publish(taxHr, doc.id, null)).status).toBe('published');
    await expect(review.publish(taxHr, doc.id, null)).rejects.toThrow(ConflictException);
    await documents.update(taxHr, doc.id, { body: 'Хоёрдугаар хувилбар.\n', tags: ['audit'] });
    expect((await documents.update(taxHr, doc.id, { body: 'Хоёрдугаар хувилбар.\n' })).version).toBe(2); // nothing changed

    expect((await versions.list(taxHr, doc.id)).map((v) => [v.version, v.published])).toEqual([
      [2, true],
      [1, false],
    ]);
    const diff = await versions.compare(taxHr, doc.id, 1, 2);
    expect(diff).toEqual(
      expect.objectContaining({
        from: 1,
        to: 2,
        fields: [{ field: 'tags', from: ['audit', 'татвар'], to: ['audit'] }],
      }),
    );
    expect(diff.bodyPatch).toContain('-Нэгдүгээр хувилбар.');
    expect(diff.bodyPatch).toContain('+Хоёрдугаар хувилбар.');

    const restored = await versions.restore(taxHr, doc.id, 1);
    expect(restored).toEqual(
      expect.objectContaining({ version: 3, body: 'Нэгдүгээр хувилбар.\n', tags: ['audit', 'татвар'] }),
    );
    expect((await versions.list(taxHr, doc.id))[0]).toEqual(
      expect.objectContaining({ version: 3, note: 'Restored version 1' }),
    );
    await expect(versions.compare(taxHr, doc.id, 1, 9)).rejects.toThrow(NotFoundException);
    await expect(versions.list(colleague, doc.id)).rejects.toThrow(ForbiddenException); // a reader, not an editor
  });
});

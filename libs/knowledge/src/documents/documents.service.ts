// Writing and reading knowledge documents: every content change is a new version, in one
// transaction with the event that re-indexes the document. Readers get the published version, or
// 404 when they may not see it (never 403, which would confirm that it exists).
import { ForbiddenException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, hasRole } from '@chadavkhi/identity';
import { addOutboxEvent, Page, page, validateInput } from '@chadavkhi/platform';
import { AttachmentsRepository } from '../attachments/attachments.repository';
import { inVersion } from '../attachments/knowledge-attachment.entity';
import {
  AccessFacts,
  Caller,
  canEdit,
  canReadPublished,
  isReadable,
  isReviewer,
  mayApproveSubmission,
  mayPublishDirectly,
} from './document-access';
import { accessFacts, AgencyRef, contentHash, DocumentsRepository, snapshotOf } from './documents.repository';
import { CreateDocumentDto, UpdateDocumentDto } from './dto/document.dto';
import { AttachmentView, documentSummary, DocumentSummaryView, documentView, DocumentView } from './dto/document.view';
import { ListDocumentsQuery } from './dto/list-documents.query';
import { DocumentSnapshot } from './knowledge-document-version.entity';
import { KnowledgeDocument } from './knowledge-document.entity';

const NOT_FOUND = 'No knowledge document has this id.';

export interface LoadedDocument {
  doc: KnowledgeDocument;
  owner: AgencyRef;
  facts: AccessFacts;
}

@Injectable()
export class KnowledgeDocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: DocumentsRepository,
    private readonly attachments: AttachmentsRepository,
  ) {}

  async create(actor: AuthUser, input: CreateDocumentDto): Promise<DocumentView> {
    const dto = await validateInput(CreateDocumentDto, input);
    return this.dataSource.transaction(async (manager) => {
      const owner = await this.documents.agency(manager, dto.ownerAgencyId ?? actor.agencyId);
      if (!owner) throw new UnprocessableEntityException('ownerAgencyId names no agency.');
      const reviewer = isReviewer(actor, { ownerAgencyPath: owner.path });
      if (owner.id !== actor.agencyId && !reviewer)
        throw new ForbiddenException('You can create documents for your own agency, or for an agency you review.');
      if (dto.requiresApproval === false && !reviewer)
        throw new ForbiddenException('Only a reviewer of the owning agency can publish without approval.');
      const saved = await this.documents.insert(manager, {
        slug: null,
        title: dto.title,
        summary: dto.summary ?? '',
        body: dto.body,
        type: dto.type,
        tags: dto.tags ?? [],
        language: dto.language,
        visibility: dto.visibility,
        ownerAgencyId: owner.id,
        authorId: actor.id,
        ownerId: actor.id,
        status: 'draft',
        requiresApproval: dto.requiresApproval ?? true,
        currentVersion: 1,
        publishedVersion: null,
        publishedAt: null,
        reviewBy: dto.reviewBy ?? null,
      });
      await this.documents.insertVersion(manager, saved.id, 1, snapshotOf(saved), actor.id, 'Created');
      await this.documents.touch(manager, saved.id);
      await addOutboxEvent(manager, 'knowledge.document.changed', { documentId: saved.id });
      return this.viewFor(manager, actor, { doc: saved, owner, facts: accessFacts(saved, owner) });
    });
  }

  /** Content changes make a new version; a published document that needs no approval (or edited by a reviewer) publishes it at once. */
  async update(actor: AuthUser, id: string, input: UpdateDocumentDto): Promise<DocumentView> {
    const dto = await validateInput(UpdateDocumentDto, input);
    return this.dataSource.transaction(async (manager) => {
      const loaded = await this.editable(manager, actor, id);
      const { doc } = loaded;
      if (
        dto.requiresApproval !== undefined &&
        dto.requiresApproval !== doc.requiresApproval &&
        !isReviewer(actor, loaded.facts)
      ) {
        throw new ForbiddenException(
          'Only a reviewer of the owning agency can change whether publishing needs approval.',
        );
      }
      if (dto.ownerAgencyId !== undefined && dto.ownerAgencyId !== doc.ownerAgencyId) {
        throw new UnprocessableEntityException('The owning agency cannot be changed here.');
      }
      const before = snapshotOf(doc);
      const next: DocumentSnapshot = {
        title: dto.title ?? before.title,
        summary: dto.summary ?? before.summary,
        body: dto.body ?? before.body,
        type: dto.type ?? before.type,
        tags: dto.tags ?? before.tags,
        language: dto.language ?? before.language,
        visibility: dto.visibility ?? before.visibility,
      };
      const changes: Partial<KnowledgeDocument> = {};
      if (dto.reviewBy !== undefined) changes.reviewBy = dto.reviewBy;
      if (dto.requiresApproval !== undefined) changes.requiresApproval = dto.requiresApproval;
      if (contentHash(next) !== contentHash(before)) {
        Object.assign(
          changes,
          next,
          await this.nextVersion(
            manager,
            actor,
            loaded,
            next,
            dto.note ?? null,
            changes.requiresApproval ?? doc.requiresApproval,
          ),
        );
      }
      if (!Object.keys(changes).length) return this.viewFor(manager, actor, loaded);
      await this.documents.update(manager, id, changes);
      await this.documents.dropUnreachableAttachments(manager, id);
      await this.documents.touch(manager, id);
      await addOutboxEvent(manager, 'knowledge.document.changed', { documentId: id });
      return this.viewFor(manager, actor, await this.load(manager, id));
    });
  }

  /**
   * Attachments are part of a version: adding, replacing or removing one makes a new version of the
   * locked document (same content), published or not by the same rules as an edit. Returns it.
   */
  async versionForAttachments(
    manager: EntityManager,
    actor: AuthUser,
    loaded: LoadedDocument,
    note: string,
  ): Promise<{ version: number; publishedVersion: number | null }> {
    const changes = await this.nextVersion(
      manager,
      actor,
      loaded,
      snapshotOf(loaded.doc),
      note,
      loaded.doc.requiresApproval,
    );
    await this.documents.update(manager, loaded.doc.id, changes);
    return {
      version: changes.currentVersion!,
      publishedVersion: changes.publishedVersion ?? loaded.doc.publishedVersion,
    };
  }

  /**
   * A new working version: published at once when the document is published and needs no approval
   * (or a reviewer made it). A change while the document waits for review withdraws the request, so
   * an approval can only ever publish the content the reviewer saw; the author asks again.
   */
  private async nextVersion(
    manager: EntityManager,
    actor: AuthUser,
    loaded: LoadedDocument,
    snapshot: DocumentSnapshot,
    note: string | null,
    requiresApproval: boolean,
  ): Promise<Partial<KnowledgeDocument>> {
    const { doc } = loaded;
    const version = doc.currentVersion + 1;
    await this.documents.insertVersion(manager, doc.id, version, snapshot, actor.id, note);
    const changes: Partial<KnowledgeDocument> = { currentVersion: version };
    if (doc.status === 'in_review')
      Object.assign(changes, { status: doc.publishedVersion ? 'published' : 'draft', submittedBy: null });
    else if (doc.status === 'published' && mayPublishDirectly(isReviewer(actor, loaded.facts), { requiresApproval }))
      Object.assign(changes, { publishedVersion: version, reviewedBy: actor.id });
    return changes;
  }

  /** A document as the caller may see it: editors the working copy, readers the published version. */
  async get(caller: Caller, id: string): Promise<DocumentView> {
    const manager = this.dataSource.manager;
    const loaded = await this.readable(manager, caller, id);
    return this.viewFor(manager, caller, loaded);
  }

  /** Documents you author or own (scope=mine), or of the agencies you review (scope=review). */
  async list(actor: AuthUser, query: ListDocumentsQuery): Promise<Page<DocumentSummaryView>> {
    let whose: { withinAgencyId?: string; authorOrOwnerId?: string } = { authorOrOwnerId: actor.id };
    if (query.scope === 'review') {
      if (!hasRole(actor, 'admin') && !hasRole(actor, 'hr_officer'))
        throw new ForbiddenException('Reviewing needs the hr_officer or admin role.');
      whose = hasRole(actor, 'admin') ? {} : { withinAgencyId: actor.agencyId };
    }
    const [rows, total] = await this.documents.page({
      ...whose,
      status: query.status,
      stale: query.stale,
      offset: query.offset,
      limit: query.limit,
    });
    return page(rows.map(documentSummary), total, query);
  }

  // ---- for the rest of the lib ----

  async load(manager: EntityManager, id: string): Promise<LoadedDocument> {
    const doc = await this.documents.find(manager, id);
    if (!doc) throw new NotFoundException(NOT_FOUND);
    const owner = (await this.documents.agency(manager, doc.ownerAgencyId))!;
    return { doc, owner, facts: accessFacts(doc, owner) };
  }

  /** The document locked for a change when the caller may edit it; 404 if they may not even read it, 403 if they only read it. */
  async editable(manager: EntityManager, actor: AuthUser, id: string): Promise<LoadedDocument> {
    const loaded = await this.load(manager, id);
    if (canEdit(actor, loaded.facts)) return loaded;
    if (await this.readerCanSee(manager, actor, loaded))
      throw new ForbiddenException(
        'Only the author, the owner or a reviewer of the owning agency can change this document.',
      );
    throw new NotFoundException(NOT_FOUND);
  }

  /** The document when the caller may read it (as an editor or a reader); 404 otherwise. */
  async readable(manager: EntityManager, caller: Caller, id: string): Promise<LoadedDocument & { editor: boolean }> {
    const loaded = await this.load(manager, id);
    if (canEdit(caller, loaded.facts)) return { ...loaded, editor: true };
    if (await this.readerCanSee(manager, caller, loaded)) return { ...loaded, editor: false };
    throw new NotFoundException(NOT_FOUND);
  }

  /** The published content (what readers, the search index and comments go by). */
  async publishedSnapshot(manager: EntityManager, doc: KnowledgeDocument): Promise<DocumentSnapshot | null> {
    if (!isReadable(doc)) return null;
    if (doc.publishedVersion === doc.currentVersion) return snapshotOf(doc);
    return (await this.documents.version(manager, doc.id, doc.publishedVersion!))?.snapshot ?? null;
  }

  private async readerCanSee(manager: EntityManager, caller: Caller, loaded: LoadedDocument): Promise<boolean> {
    const published = await this.publishedSnapshot(manager, loaded.doc);
    return !!published && canReadPublished(caller, published.visibility, loaded.doc.ownerAgencyId);
  }

  async viewFor(manager: EntityManager, caller: Caller, loaded: LoadedDocument): Promise<DocumentView> {
    const { doc, owner, facts } = loaded;
    const editor = canEdit(caller, facts);
    const shown = editor
      ? { version: doc.currentVersion, snapshot: snapshotOf(doc) }
      : { version: doc.publishedVersion!, snapshot: (await this.publishedSnapshot(manager, doc))! };
    const attachments = await this.attachments.ofDocument(manager, doc.id);
    const views: AttachmentView[] = attachments
      .filter((a) => inVersion(a, shown.version))
      .map((a) => ({
        id: a.id,
        filename: a.filename,
        mediaType: a.mediaType,
        size: a.size,
        sha256: a.sha256,
        textStatus: a.textStatus,
        url: `/api/v1/knowledge/documents/${doc.id}/attachments/${a.id}`,
        createdAt: new Date(a.createdAt).toISOString(),
      }));
    return documentView(
      doc,
      owner,
      shown,
      views,
      editor
        ? { canReview: isReviewer(caller, facts), approves: !!caller && mayApproveSubmission(caller, doc.submittedBy) }
        : null,
    );
  }
}

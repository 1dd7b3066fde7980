// Governance: draft → in review → published (approved by a reviewer of the owning agency), direct
// publishing where no approval is needed, and archiving. A reviewer may not approve a version they
// submitted themselves (administrators excepted), so approval always means a second pair of eyes,
// and names the version they read: any change since (content or attachments) withdrew the request.
import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '@chadavkhi/identity';
import { addOutboxEvent, recordAudit, validateInput } from '@chadavkhi/platform';
import { isReviewer, mayApproveSubmission, mayPublishDirectly } from './document-access';
import { DocumentsRepository } from './documents.repository';
import { KnowledgeDocumentsService, LoadedDocument } from './documents.service';
import { ReviewDecisionDto } from './dto/document.dto';
import { DocumentView } from './dto/document.view';
import { KnowledgeDocument } from './knowledge-document.entity';

@Injectable()
export class DocumentReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: DocumentsRepository,
    private readonly service: KnowledgeDocumentsService,
  ) {}

  /** The author asks for the working copy to be published. */
  submit(actor: AuthUser, id: string): Promise<DocumentView> {
    return this.change(actor, id, async ({ doc }) => {
      if (doc.status === 'in_review') throw new ConflictException('This document is already waiting for review.');
      if (doc.status === 'published' && doc.publishedVersion === doc.currentVersion)
        throw new ConflictException(`Version ${doc.currentVersion} is already published.`);
      return { status: 'in_review', submittedBy: actor.id, reviewNote: null };
    });
  }

  /** Publishes the working copy directly: allowed when no approval is needed, or for a reviewer. */
  publish(actor: AuthUser, id: string, ip: string | null): Promise<DocumentView> {
    return this.change(
      actor,
      id,
      async (loaded) => {
        const { doc } = loaded;
        if (!mayPublishDirectly(isReviewer(actor, loaded.facts), doc))
          throw new ForbiddenException('This document needs approval: submit it for review (POST …/submit).');
        if (doc.status === 'published' && doc.publishedVersion === doc.currentVersion)
          throw new ConflictException(`Version ${doc.currentVersion} is already published.`);
        return this.published(actor, doc, null);
      },
      ip,
    );
  }

  /** Publishes the version the reviewer read, and only that one: if the document changed since, the approval is refused. */
  async approve(
    actor: AuthUser,
    id: string,
    version: number,
    note: string | undefined,
    ip: string | null,
  ): Promise<DocumentView> {
    await validateInput(ReviewDecisionDto, { note });
    return this.change(
      actor,
      id,
      async (loaded) => {
        this.assertReviewer(actor, loaded);
        const { doc } = loaded;
        if (doc.status !== 'in_review')
          throw new ConflictException({
            message:
              'Only a document waiting for review can be approved. If it was edited after it was sent for review, it went back to its author.',
            slug: 'not-in-review',
          });
        if (version !== doc.currentVersion) {
          throw new ConflictException({
            message: `You approved version ${version}, but version ${doc.currentVersion} is the one waiting for review. Read it before approving.`,
            slug: 'review-version-changed',
            currentVersion: doc.currentVersion,
          });
        }
        if (!mayApproveSubmission(actor, doc.submittedBy))
          throw new ForbiddenException('You submitted this version; another reviewer must approve it.');
        return this.published(actor, doc, note ?? null);
      },
      ip,
    );
  }

  /** Sends the document back to its author; readers keep seeing the version published before, if any. */
  async reject(actor: AuthUser, id: string, note: string | undefined, ip: string | null): Promise<DocumentView> {
    await validateInput(ReviewDecisionDto, { note });
    return this.change(
      actor,
      id,
      async (loaded) => {
        this.assertReviewer(actor, loaded);
        if (loaded.doc.status !== 'in_review')
          throw new ConflictException('Only a document waiting for review can be sent back.');
        return {
          status: loaded.doc.publishedVersion ? 'published' : 'draft',
          reviewedBy: actor.id,
          reviewNote: note ?? null,
        };
      },
      ip,
    );
  }

  /** Withdraws the document from readers and from search; publishing again brings it back. */
  archive(actor: AuthUser, id: string, ip: string | null): Promise<DocumentView> {
    return this.change(
      actor,
      id,
      async ({ doc }) => {
        if (doc.status === 'archived') throw new ConflictException('This document is already archived.');
        return { status: 'archived' };
      },
      ip,
    );
  }

  private published(actor: AuthUser, doc: KnowledgeDocument, note: string | null): Partial<KnowledgeDocument> {
    return {
      status: 'published',
      publishedVersion: doc.currentVersion,
      publishedAt: doc.publishedAt ?? new Date(),
      reviewedBy: actor.id,
      reviewNote: note,
    };
  }

  private assertReviewer(actor: AuthUser, loaded: LoadedDocument): void {
    if (!isReviewer(actor, loaded.facts))
      throw new ForbiddenException(
        'Only a reviewer of the owning agency (its hr_officer, or an administrator) can decide on this document.',
      );
  }

  private change(
    actor: AuthUser,
    id: string,
    decide: (loaded: LoadedDocument) => Promise<Partial<KnowledgeDocument>>,
    ip: string | null = null,
  ): Promise<DocumentView> {
    return this.dataSource.transaction(async (manager) => {
      const loaded = await this.service.editable(manager, actor, id);
      const changes = await decide(loaded);
      await this.documents.update(manager, id, changes);
      await this.documents.dropUnreachableAttachments(manager, id);
      await this.documents.touch(manager, id);
      await addOutboxEvent(manager, 'knowledge.document.changed', { documentId: id });
      if (changes.status && changes.status !== 'in_review') {
        await recordAudit(
          manager,
          { id: actor.id, email: actor.email, ip },
          `knowledge.${changes.status === 'archived' ? 'archive' : changes.status === 'published' ? 'publish' : 'reject'}`,
          { type: 'knowledge_document', id },
          { version: loaded.doc.currentVersion },
        );
      }
      return this.service.viewFor(manager, actor, await this.service.load(manager, id));
    });
  }
}

// Knowledge documents from content/knowledge/*.md, published as they are (the files were reviewed as
// diffs); re-importing changes nothing unless a file changed, and a changed body or title is a new version.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { addOutboxEvent } from '@chadavkhi/platform';
import { CommentsRepository } from '../comments/comments.repository';
import { contentHash, DocumentsRepository, snapshotOf } from '../documents/documents.repository';
import { KnowledgeImportResult, KnowledgeSource, parseKnowledgeFile } from './knowledge-content';

@Injectable()
export class KnowledgeContentService {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly comments: CommentsRepository,
  ) {}

  /** Imports every file in the caller's transaction; an invalid file fails the whole import, naming it. */
  async importKnowledge(
    manager: EntityManager,
    sources: KnowledgeSource[],
    onStep: () => void = () => undefined,
  ): Promise<KnowledgeImportResult[]> {
    const parsed = sources.map(parseKnowledgeFile);
    const results: KnowledgeImportResult[] = [];
    for (const file of parsed) {
      const agency = await this.documents.agencyByCode(manager, file.agencyCode);
      if (!agency)
        throw new Error(
          `content/knowledge/${file.slug}.md: agency "${file.agencyCode}" is not in content/agencies.yaml`,
        );
      const existing = await this.documents.findBySlugForUpdate(manager, file.slug);
      const governance = { ownerAgencyId: agency.id, reviewBy: file.reviewBy, publishedAt: file.publishedAt };
      if (!existing) {
        const id = await this.documents.insertId(manager, {
          slug: file.slug,
          ...file.snapshot,
          ...governance,
          authorId: null,
          ownerId: null,
          status: 'published',
          requiresApproval: true,
          currentVersion: 1,
          publishedVersion: 1,
        });
        await this.documents.insertVersion(manager, id, 1, file.snapshot, null, 'Imported from content/knowledge');
        await this.documents.touch(manager, id);
        await addOutboxEvent(manager, 'knowledge.document.changed', { documentId: id });
        results.push({ slug: file.slug, outcome: 'created', version: 1 });
      } else {
        const contentChanged = contentHash(snapshotOf(existing)) !== contentHash(file.snapshot);
        const governanceChanged =
          existing.ownerAgencyId !== agency.id ||
          existing.reviewBy !== file.reviewBy ||
          existing.publishedAt?.getTime() !== file.publishedAt.getTime() ||
          existing.status !== 'published' ||
          existing.publishedVersion !== existing.currentVersion;
        if (!contentChanged && !governanceChanged) {
          results.push({ slug: file.slug, outcome: 'unchanged', version: existing.currentVersion });
        } else {
          const version = contentChanged ? existing.currentVersion + 1 : existing.currentVersion;
          if (contentChanged)
            await this.documents.insertVersion(
              manager,
              existing.id,
              version,
              file.snapshot,
              null,
              'Imported from content/knowledge',
            );
          await this.documents.update(manager, existing.id, {
            ...(contentChanged ? file.snapshot : {}),
            ...governance,
            status: 'published',
            currentVersion: version,
            publishedVersion: version,
          });
          if (existing.ownerAgencyId !== agency.id) await this.comments.reassignOpen(manager, existing.id, agency.id);
          await this.documents.touch(manager, existing.id);
          await addOutboxEvent(manager, 'knowledge.document.changed', { documentId: existing.id });
          results.push({ slug: file.slug, outcome: 'updated', version });
        }
      }
      onStep();
    }
    return results;
  }
}

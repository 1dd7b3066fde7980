// A document's history for its editors: list, compare two versions, and restore an old one (which
// makes a new version with the old content, so history is never rewritten).
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createPatch } from 'diff';
import { DataSource } from 'typeorm';
import { AuthUser } from '@chadavkhi/identity';
import { COMPARED_FIELDS, DocumentVersionDiff, VersionSummary } from './dto/document-version.view';
import { UpdateDocumentDto } from './dto/document.dto';
import { DocumentView } from './dto/document.view';
import { DocumentsRepository } from './documents.repository';
import { KnowledgeDocumentsService } from './documents.service';
import { DocumentSnapshot } from './knowledge-document-version.entity';

export function diffSnapshots(from: number, a: DocumentSnapshot, to: number, b: DocumentSnapshot): DocumentVersionDiff {
  return {
    from,
    to,
    fields: COMPARED_FIELDS.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((field) => ({
      field,
      from: a[field],
      to: b[field],
    })),
    bodyPatch: a.body === b.body ? null : createPatch('body.md', a.body, b.body, `v${from}`, `v${to}`),
  };
}

@Injectable()
export class DocumentVersionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: DocumentsRepository,
    private readonly service: KnowledgeDocumentsService,
  ) {}

  async list(actor: AuthUser, id: string): Promise<VersionSummary[]> {
    const manager = this.dataSource.manager;
    const { doc } = await this.service.editable(manager, actor, id);
    const rows = await this.documents.versions(manager, id);
    return rows.map((v) => ({
      version: v.version,
      title: v.snapshot.title,
      authorId: v.authorId,
      note: v.note,
      createdAt: new Date(v.createdAt).toISOString(),
      published: v.version === doc.publishedVersion,
    }));
  }

  async compare(actor: AuthUser, id: string, from: number, to: number): Promise<DocumentVersionDiff> {
    const manager = this.dataSource.manager;
    await this.service.editable(manager, actor, id);
    const [a, b] = await Promise.all([from, to].map((n) => this.documents.version(manager, id, n)));
    if (!a || !b) throw new NotFoundException(`This document has no version ${!a ? from : to}.`);
    return diffSnapshots(from, a.snapshot, to, b.snapshot);
  }

  /** The old content as a new version, through the same path (and approval rules) as any edit. */
  async restore(actor: AuthUser, id: string, version: number): Promise<DocumentView> {
    await this.service.editable(this.dataSource.manager, actor, id);
    const old = await this.documents.version(this.dataSource.manager, id, version);
    if (!old) throw new NotFoundException(`This document has no version ${version}.`);
    const { title, summary, body, type, tags, language, visibility } = old.snapshot;
    const dto: UpdateDocumentDto = {
      title,
      summary,
      body,
      type,
      tags,
      language,
      visibility,
      note: `Restored version ${version}`,
    };
    return this.service.update(actor, id, dto);
  }
}

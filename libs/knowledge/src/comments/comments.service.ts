// Public comments on public documents — and on other libs' published subjects, such as an agency's
// capacity-building plan (createOn) — each with a response deadline in working days; the owning
// agency's hr_officers (or a document's author or owner from that agency) answer them, and every
// agency's open and overdue counts are public.
import {
  ConflictException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  NotFoundException,
  OnModuleDestroy,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, scopeCovers, staffScopeOf } from '@chadavkhi/identity';
import { AppConfig, FailureLimiter, Page, page, validateInput } from '@chadavkhi/platform';
import { Caller, isReviewer } from '../documents/document-access';
import { DocumentsRepository } from '../documents/documents.repository';
import { KnowledgeDocumentsService } from '../documents/documents.service';
import { CommentsRepository } from './comments.repository';
import { AgencyCommentsQuery, CreateCommentDto, RespondDto } from './dto/comment.dto';
import { AgencyCommentCountsView, AgencyCommentView, CommentView } from './dto/comment.view';
import { CommentSubjectKind, KnowledgeComment } from './knowledge-comment.entity';
import { plainText } from './plain-text';
import { addWorkingDays } from './working-days';

export class TooManyCommentsException extends HttpException {
  constructor(retryAfterSeconds: number) {
    super(
      {
        message: `Too many comments from your address. Wait ${Math.ceil(retryAfterSeconds / 60)} minutes and try again.`,
        retryAfterSeconds,
        slug: 'too-many-comments',
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** A subject other than a document, checked as published and public by the lib that owns it. */
export interface CommentSubject {
  kind: Exclude<CommentSubjectKind, 'document'>;
  id: string;
  /** The agency that must answer: its HR officers (or an administrator) do. */
  ownerAgencyId: string;
  title: string;
}

const view = (c: KnowledgeComment): CommentView => ({
  id: c.id,
  subjectKind: c.subjectKind,
  subjectId: c.subjectId,
  documentId: c.documentId,
  name: c.name,
  body: c.body,
  createdAt: new Date(c.createdAt).toISOString(),
  dueAt: new Date(c.dueAt).toISOString(),
  overdue: !c.respondedAt && new Date(c.dueAt).getTime() < Date.now(),
  response: c.response,
  respondedAt: c.respondedAt ? new Date(c.respondedAt).toISOString() : null,
});

@Injectable()
export class CommentsService implements OnModuleDestroy {
  private readonly perAddress: FailureLimiter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: DocumentsRepository,
    private readonly comments: CommentsRepository,
    private readonly service: KnowledgeDocumentsService,
    private readonly config: AppConfig,
  ) {
    // Counts comments (not failures) per address and hour, shared by every API process through Redis.
    this.perAddress = new FailureLimiter(
      config,
      `${config.REDIS_PREFIX}:knowledge-comments:ip`,
      config.KNOWLEDGE_COMMENTS_PER_HOUR,
      3600,
    );
  }

  /** Checks the comment's rules itself, whoever sends it (the API or the document's page). */
  async create(caller: Caller, documentId: string, input: CreateCommentDto, ip: string): Promise<CommentView> {
    const dto = await validateInput(CreateCommentDto, input);
    const manager = this.dataSource.manager;
    const loaded = await this.service.readable(manager, caller, documentId);
    const published = await this.service.publishedSnapshot(manager, loaded.doc);
    if (!published || published.visibility !== 'public') {
      if (!published && !loaded.editor) throw new NotFoundException('No knowledge document has this id.');
      throw new ForbiddenException('Comments are open on published public documents only.');
    }
    return this.record(caller, dto, ip, {
      subjectKind: 'document',
      subjectId: documentId,
      documentId,
      ownerAgencyId: loaded.doc.ownerAgencyId,
    });
  }

  /**
   * A comment on another lib's subject (an agency's published plan): that lib has checked the subject
   * is published and public; the same rules, limits and deadline as a document's comment apply.
   */
  async createOn(subject: CommentSubject, caller: Caller, input: CreateCommentDto, ip: string): Promise<CommentView> {
    const dto = await validateInput(CreateCommentDto, input);
    return this.record(caller, dto, ip, {
      subjectKind: subject.kind,
      subjectId: subject.id,
      subjectTitle: subject.title.slice(0, 300),
      documentId: null,
      ownerAgencyId: subject.ownerAgencyId,
    });
  }

  /** A subject's comments with their answers, oldest first; e-mails are never shown. */
  async forSubject(
    kind: CommentSubject['kind'],
    subjectId: string,
    query: { offset: number; limit: number; page: number },
  ): Promise<Page<CommentView>> {
    const [rows, total] = await this.comments.pageOfSubject(kind, subjectId, query.offset, query.limit);
    return page(rows.map(view), total, query);
  }

  private async record(
    caller: Caller,
    dto: CreateCommentDto,
    ip: string,
    about: Pick<KnowledgeComment, 'subjectKind' | 'subjectId' | 'documentId' | 'ownerAgencyId'> & {
      subjectTitle?: string;
    },
  ): Promise<CommentView> {
    const body = plainText(dto.body);
    const name = plainText(dto.name);
    if (!body || !name) throw new UnprocessableEntityException('The comment needs a name and some text.');
    // Counted before saving, in one step, so comments sent at the same moment cannot all slip under the limit.
    const wait = await this.perAddress.take(ip);
    if (wait) throw new TooManyCommentsException(wait);
    const now = new Date();
    try {
      return view(
        await this.comments.insert(this.dataSource.manager, {
          ...about,
          name,
          email: dto.email ?? null,
          body,
          userId: caller?.id ?? null,
          dueAt: addWorkingDays(now, this.config.KNOWLEDGE_COMMENT_RESPONSE_DAYS),
        }),
      );
    } catch (error) {
      await this.perAddress.refund(ip);
      throw error;
    }
  }

  /** The comments of a document its reader can see, with responses; emails are never shown. */
  async forDocument(
    caller: Caller,
    documentId: string,
    query: { offset: number; limit: number; page: number },
  ): Promise<Page<CommentView>> {
    await this.service.readable(this.dataSource.manager, caller, documentId);
    const [rows, total] = await this.comments.pageOfDocument(documentId, query.offset, query.limit);
    return page(rows.map(view), total, query);
  }

  async respond(actor: AuthUser, commentId: string, answer: string): Promise<CommentView> {
    const { response } = await validateInput(RespondDto, { response: answer });
    return this.dataSource.transaction(async (manager) => {
      const comment = await this.comments.findForUpdate(manager, commentId);
      if (!comment) throw new NotFoundException('No comment has this id.');
      const agency = (await this.documents.agency(manager, comment.ownerAgencyId))!;
      if (comment.documentId) {
        const loaded = await this.service.readable(manager, actor, comment.documentId).catch(() => null);
        if (!loaded) throw new NotFoundException('No comment has this id.');
        const authorFromAgency =
          (actor.id === loaded.doc.authorId || actor.id === loaded.doc.ownerId) &&
          actor.agencyPath.includes(comment.ownerAgencyId);
        if (!isReviewer(actor, { ownerAgencyPath: agency.path }) && !authorFromAgency) {
          throw new ForbiddenException(
            "Only the owning agency's hr_officer, or the document's author from that agency, can answer this comment.",
          );
        }
      } else if (!scopeCovers(staffScopeOf(actor), agency.path)) {
        // A plan's comment: the owning agency answers through its HR officers (or an administrator).
        throw new ForbiddenException("Only the owning agency's hr_officer can answer this comment.");
      }
      if (comment.respondedAt) throw new ConflictException('This comment has already been answered.');
      const text = plainText(response);
      if (!text) throw new UnprocessableEntityException('The response needs some text.');
      const respondedAt = new Date();
      await this.comments.saveResponse(manager, commentId, { response: text, respondedBy: actor.id, respondedAt });
      return view({ ...comment, response: text, respondedBy: actor.id, respondedAt });
    });
  }

  /** Comments on the documents of an agency (and its sub-agencies) that the caller covers as hr_officer or admin. */
  async forAgency(actor: AuthUser, query: AgencyCommentsQuery): Promise<Page<AgencyCommentView>> {
    const scope = staffScopeOf(actor);
    if (scope.kind === 'none') throw new ForbiddenException('Answering comments needs the hr_officer or admin role.');
    const rootId = query.agencyId ?? actor.agencyId;
    const root = await this.documents.agency(this.dataSource.manager, rootId);
    if (!root || !scopeCovers(scope, root.path))
      throw new ForbiddenException('That agency is outside the agencies you cover.');
    const { comments, total } = await this.comments.pageForAgencySubtree(
      root.id,
      query.state,
      query.offset,
      query.limit,
    );
    return page(
      comments.map((c) => ({
        ...view(c),
        email: c.email,
        documentTitle: c.documentTitle,
        ownerAgencyId: c.ownerAgencyId,
      })),
      total,
      query,
    );
  }

  /** Open and overdue comment counts per agency: published, so anyone can see who answers late. */
  overdueCounts(): Promise<AgencyCommentCountsView[]> {
    return this.comments.countsPerAgency();
  }

  onModuleDestroy(): void {
    this.perAddress.close();
  }
}

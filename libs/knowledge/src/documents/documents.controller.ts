import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiOperation,
  ApiParam,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser } from '@chadavkhi/identity';
import { Public } from '@chadavkhi/platform';
import { WORKFLOW_STEPS } from './document-access';
import { DocumentReviewService } from './document-review.service';
import { DocumentVersionsService } from './document-versions.service';
import { KnowledgeDocumentsService } from './documents.service';
import { CompareVersionsQuery } from './dto/compare-versions.query';
import { ApproveDocumentDto, CreateDocumentDto, ReviewDecisionDto, UpdateDocumentDto } from './dto/document.dto';
import { DocumentVersionDiff, VersionSummary } from './dto/document-version.view';
import { DocumentPageView, DocumentView } from './dto/document.view';
import { ListDocumentsQuery } from './dto/list-documents.query';

const NOT_FOUND = 'No such document, or one you may not see';
const NOT_EDITOR = 'You can read the document but not edit it';

const id = new ParseUUIDPipe();

@ApiTags('knowledge')
@ApiBearerAuth()
@Controller('knowledge/documents')
export class DocumentsController {
  constructor(
    private readonly documents: KnowledgeDocumentsService,
    private readonly review: DocumentReviewService,
    private readonly versions: DocumentVersionsService,
  ) {}

  @ApiOperation({ summary: 'Create a document as a draft' })
  @Post()
  @ApiCreatedResponse({ type: DocumentView, description: 'The new draft (version 1)' })
  @ApiForbiddenResponse({
    description:
      'ownerAgencyId is an agency you do not review, or requiresApproval is off and you are not its reviewer',
  })
  @ApiUnprocessableEntityResponse({ description: 'ownerAgencyId names no agency' })
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateDocumentDto) {
    return this.documents.create(actor, dto);
  }

  @ApiOperation({ summary: 'List documents I author, own or review' })
  @Get()
  @ApiOkResponse({
    type: DocumentPageView,
    description: 'Documents you author or own (scope=mine) or review (scope=review)',
  })
  @ApiForbiddenResponse({ description: 'scope=review without the hr_officer or admin role' })
  list(@CurrentUser() actor: AuthUser, @Query() query: ListDocumentsQuery) {
    return this.documents.list(actor, query);
  }

  @ApiOperation({ summary: 'Read a document or its working copy' })
  @Get(':id')
  @Public()
  @ApiOkResponse({
    type: DocumentView,
    description:
      'Readers get the published version; editors the working copy with `editor` details, among them ' +
      `\`editor.steps\`: the workflow steps the caller may take now, each one of ${WORKFLOW_STEPS.join(', ')} ` +
      '(the POST sub-resources of the same names)',
  })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  get(@CurrentUser() caller: AuthUser | undefined, @Param('id', id) documentId: string) {
    return this.documents.get(caller ?? null, documentId);
  }

  @ApiOperation({ summary: 'Edit the working copy of a document' })
  @Patch(':id')
  @ApiOkResponse({
    type: DocumentView,
    description:
      'The working copy; a new version when the content changed (which withdraws a pending review request: send it again)',
  })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiForbiddenResponse({ description: NOT_EDITOR })
  @ApiUnprocessableEntityResponse({ description: 'ownerAgencyId differs: the owning agency is not changed here' })
  update(@CurrentUser() actor: AuthUser, @Param('id', id) documentId: string, @Body() dto: UpdateDocumentDto) {
    return this.documents.update(actor, documentId, dto);
  }

  @ApiOperation({ summary: 'Submit the working copy for review' })
  @Post(':id/submit')
  @ApiCreatedResponse({ type: DocumentView, description: 'The document, now in review' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiForbiddenResponse({ description: NOT_EDITOR })
  @ApiConflictResponse({ description: 'Already in review, or nothing unpublished' })
  submit(@CurrentUser() actor: AuthUser, @Param('id', id) documentId: string) {
    return this.review.submit(actor, documentId);
  }

  @ApiOperation({ summary: 'Publish the working copy directly' })
  @Post(':id/publish')
  @ApiCreatedResponse({ type: DocumentView, description: 'The document, its working copy now published' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiForbiddenResponse({ description: 'The document needs approval and you are not its reviewer' })
  @ApiConflictResponse({ description: 'The working copy is already published' })
  publish(@CurrentUser() actor: AuthUser, @Param('id', id) documentId: string, @Req() request: FastifyRequest) {
    return this.review.publish(actor, documentId, request.ip);
  }

  @ApiOperation({ summary: 'Approve and publish the version under review' })
  @Post(':id/approve')
  @ApiCreatedResponse({ type: DocumentView, description: 'The document, the approved version now published' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiForbiddenResponse({ description: 'Not a reviewer of the owning agency, or approving your own submission' })
  @ApiConflictResponse({
    description:
      'Not waiting for review, or the version waiting is not the one you name (it changed since you read it)',
  })
  approve(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) documentId: string,
    @Body() dto: ApproveDocumentDto,
    @Req() request: FastifyRequest,
  ) {
    return this.review.approve(actor, documentId, dto.version, dto.note, request.ip);
  }

  @ApiOperation({ summary: 'Send the document back to its author' })
  @Post(':id/reject')
  @ApiCreatedResponse({
    type: DocumentView,
    description: 'The document sent back with the note (draft, or published if an earlier version is)',
  })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiForbiddenResponse({ description: 'Not a reviewer of the owning agency' })
  @ApiConflictResponse({ description: 'The document is not waiting for review' })
  reject(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) documentId: string,
    @Body() dto: ReviewDecisionDto,
    @Req() request: FastifyRequest,
  ) {
    return this.review.reject(actor, documentId, dto.note, request.ip);
  }

  @ApiOperation({ summary: 'Archive a document, hiding it from readers' })
  @Post(':id/archive')
  @ApiCreatedResponse({ type: DocumentView, description: 'The document, archived' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiForbiddenResponse({ description: NOT_EDITOR })
  @ApiConflictResponse({ description: 'Already archived' })
  archive(@CurrentUser() actor: AuthUser, @Param('id', id) documentId: string, @Req() request: FastifyRequest) {
    return this.review.archive(actor, documentId, request.ip);
  }

  @ApiOperation({ summary: 'List the versions of a document' })
  @Get(':id/versions')
  @ApiOkResponse({ type: [VersionSummary], description: 'Every version, newest first' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiForbiddenResponse({ description: NOT_EDITOR })
  versionList(@CurrentUser() actor: AuthUser, @Param('id', id) documentId: string) {
    return this.versions.list(actor, documentId);
  }

  @ApiOperation({ summary: 'Compare two versions of a document' })
  @Get(':id/versions/compare')
  @ApiOkResponse({ type: DocumentVersionDiff, description: 'Changed fields and a unified diff of the body' })
  @ApiNotFoundResponse({ description: 'No such document (or one you may not see), or no such version' })
  @ApiForbiddenResponse({ description: NOT_EDITOR })
  compare(@CurrentUser() actor: AuthUser, @Param('id', id) documentId: string, @Query() query: CompareVersionsQuery) {
    return this.versions.compare(actor, documentId, query.from, query.to);
  }

  @ApiOperation({ summary: 'Restore an old version as a new one' })
  @Post(':id/versions/:version/restore')
  @ApiParam({ name: 'version', type: 'integer', description: 'The version whose content to bring back' })
  @ApiCreatedResponse({ type: DocumentView, description: 'A new version holding the old content' })
  @ApiNotFoundResponse({ description: 'No such document (or one you may not see), or no such version' })
  @ApiForbiddenResponse({ description: NOT_EDITOR })
  restore(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) documentId: string,
    @Param('version', ParseIntPipe) version: number,
  ) {
    return this.versions.restore(actor, documentId, version);
  }
}

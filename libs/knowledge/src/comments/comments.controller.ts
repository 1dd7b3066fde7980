import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiOperation,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { PageQuery, Public } from '@chadavkhi/platform';
import { CommentsService } from './comments.service';
import { AgencyCommentsQuery, CreateCommentDto, RespondDto } from './dto/comment.dto';
import { AgencyCommentCountsView, AgencyCommentPageView, CommentPageView, CommentView } from './dto/comment.view';

const id = new ParseUUIDPipe();

@ApiTags('knowledge')
@ApiBearerAuth()
@Controller('knowledge')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @ApiOperation({ summary: 'Comment on a published public document' })
  @Post('documents/:id/comments')
  @Public()
  @ApiCreatedResponse({ type: CommentView, description: 'The comment with its response deadline' })
  @ApiNotFoundResponse({ description: 'No such document, or not one you may see' })
  @ApiForbiddenResponse({ description: 'The document is not published, or not public: comments are closed' })
  @ApiUnprocessableEntityResponse({ description: 'The name or the text is empty once markup is removed' })
  @ApiTooManyRequestsResponse({ description: 'Too many comments from this address this hour' })
  create(
    @CurrentUser() caller: AuthUser | undefined,
    @Param('id', id) documentId: string,
    @Body() dto: CreateCommentDto,
    @Req() request: FastifyRequest,
  ) {
    return this.comments.create(caller ?? null, documentId, dto, request.ip);
  }

  @ApiOperation({ summary: "List a document's comments and responses" })
  @Get('documents/:id/comments')
  @Public()
  @ApiOkResponse({ type: CommentPageView, description: 'Comments and responses, oldest first' })
  @ApiNotFoundResponse({ description: 'No such document, or not one you may see' })
  list(@CurrentUser() caller: AuthUser | undefined, @Param('id', id) documentId: string, @Query() query: PageQuery) {
    return this.comments.forDocument(caller ?? null, documentId, query);
  }

  @ApiOperation({ summary: "List comments on my agencies' documents" })
  @Get('comments')
  @Roles('hr_officer', 'admin')
  @ApiOkResponse({
    type: AgencyCommentPageView,
    description: "Your agencies' comments by deadline (state=open|overdue|answered|all)",
  })
  @ApiForbiddenResponse({ description: 'agencyId is outside the agencies you cover' })
  agencyComments(@CurrentUser() actor: AuthUser, @Query() query: AgencyCommentsQuery) {
    return this.comments.forAgency(actor, query);
  }

  @ApiOperation({ summary: 'Count open, overdue and answered comments per agency' })
  @Get('comments/overdue-counts')
  @Public()
  @ApiOkResponse({
    type: [AgencyCommentCountsView],
    description: 'Open, overdue and answered comments per agency, most overdue first',
  })
  overdueCounts() {
    return this.comments.overdueCounts();
  }

  @ApiOperation({ summary: 'Answer a comment' })
  @Post('comments/:commentId/response')
  @ApiCreatedResponse({ type: CommentView, description: 'The answered comment' })
  @ApiNotFoundResponse({ description: 'No such comment, or one on a document you may not see' })
  @ApiForbiddenResponse({
    description: "Neither an hr_officer over the owning agency nor the document's author or owner from it",
  })
  @ApiConflictResponse({ description: 'The comment has already been answered' })
  @ApiUnprocessableEntityResponse({ description: 'The response is empty once markup is removed' })
  respond(@CurrentUser() actor: AuthUser, @Param('commentId', id) commentId: string, @Body() dto: RespondDto) {
    return this.comments.respond(actor, commentId, dto.response);
  }
}

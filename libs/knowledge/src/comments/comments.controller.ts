import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiOperation,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { PageQuery, Public } from '@chadavkhi/platform';
import { CommentsService } from './comments.service';
import { AgencyCommentsQuery, CreateCommentDto, RespondDto } from './dto/comment.dto';

const id = new ParseUUIDPipe();

@ApiTags('knowledge')
@ApiBearerAuth()
@Controller('knowledge')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @ApiOperation({ summary: 'Comment on a published public document' })
  @Post('documents/:id/comments')
  @Public()
  @ApiCreatedResponse({ description: 'The comment with its response deadline' })
  @ApiNotFoundResponse({ description: 'No such document, or not one you may see' })
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
  @ApiOkResponse({ description: 'Comments and responses, oldest first' })
  list(@CurrentUser() caller: AuthUser | undefined, @Param('id', id) documentId: string, @Query() query: PageQuery) {
    return this.comments.forDocument(caller ?? null, documentId, query);
  }

  @ApiOperation({ summary: "List comments on my agencies' documents" })
  @Get('comments')
  @Roles('hr_officer', 'admin')
  @ApiOkResponse({ description: "Your agencies' comments by deadline (state=open|overdue|answered|all)" })
  agencyComments(@CurrentUser() actor: AuthUser, @Query() query: AgencyCommentsQuery) {
    return this.comments.forAgency(actor, query);
  }

  @ApiOperation({ summary: 'Count open, overdue and answered comments per agency' })
  @Get('comments/overdue-counts')
  @Public()
  @ApiOkResponse({ description: 'Open, overdue and answered comments per agency' })
  overdueCounts() {
    return this.comments.overdueCounts();
  }

  @ApiOperation({ summary: 'Answer a comment' })
  @Post('comments/:commentId/response')
  @ApiCreatedResponse({ description: 'The answered comment' })
  respond(@CurrentUser() actor: AuthUser, @Param('commentId', id) commentId: string, @Body() dto: RespondDto) {
    return this.comments.respond(actor, commentId, dto.response);
  }
}

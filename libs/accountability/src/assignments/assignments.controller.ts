import { Body, Controller, Delete, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { AssignmentsService } from './assignments.service';
import { AssignmentPageView, AssignmentView, MyAssignmentsView } from './dto/assignment.view';

const NOT_FOUND = 'No assignment with this id within the agencies you manage';
import { CreateAssignmentDto } from './dto/create-assignment.dto';
import { ListAssignmentsQuery } from './dto/list-assignments.query';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller()
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @ApiOperation({ summary: 'Assign mandatory training' })
  @Post('assignments')
  @Roles('hr_officer', 'admin')
  @ApiCreatedResponse({
    type: AssignmentView,
    description: 'Created; people are reached by the worker within seconds',
  })
  @ApiOkResponse({ type: AssignmentView, description: 'The same assignment existed already: that one, unchanged' })
  @ApiForbiddenResponse({ description: 'target.agencyId is outside the agencies you manage' })
  @ApiNotFoundResponse({ description: 'target.agencyId names no agency' })
  @ApiUnprocessableEntityResponse({
    description:
      'Not exactly one target or due rule, a due date in the past, an unpublished course, an unknown position, or people you do not manage (with a slug naming which)',
  })
  async create(
    @CurrentUser() actor: AuthUser,
    @Body() dto: CreateAssignmentDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { created, assignment } = await this.assignments.create(actor, dto, request.ip ?? null);
    reply.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return assignment;
  }

  @ApiOperation({ summary: 'List assignments within your agencies' })
  @Get('assignments')
  @Roles('hr_officer', 'admin')
  @ApiOkResponse({
    type: AssignmentPageView,
    description:
      "Assignments made within the caller's subtree (or agencyId's), newest first, with people reached, completed and overdue",
  })
  @ApiForbiddenResponse({ description: 'agencyId is outside the agencies you manage' })
  @ApiNotFoundResponse({ description: 'agencyId names no agency' })
  list(@CurrentUser() actor: AuthUser, @Query() query: ListAssignmentsQuery) {
    return this.assignments.list(actor, query);
  }

  @ApiOperation({ summary: 'Get an assignment' })
  @Get('assignments/:id')
  @Roles('hr_officer', 'admin')
  @ApiOkResponse({ type: AssignmentView })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  get(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.assignments.get(actor, id);
  }

  @ApiOperation({ summary: 'Cancel an assignment' })
  @Delete('assignments/:id')
  @Roles('hr_officer', 'admin')
  @ApiOkResponse({
    type: AssignmentView,
    description: 'Cancelled: people not done are released (their enrolments stay, without the due date)',
  })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  cancel(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) id: string, @Req() request: FastifyRequest) {
    return this.assignments.cancel(actor, id, request.ip ?? null);
  }

  @ApiOperation({ summary: 'List my mandatory training' })
  @Get('me/assignments')
  @ApiOkResponse({
    type: MyAssignmentsView,
    description: "The caller's mandatory training: due, overdue and completed, with the counts due and overdue",
  })
  mine(@CurrentUser() actor: AuthUser) {
    return this.assignments.mine(actor);
  }
}

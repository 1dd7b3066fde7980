import { Body, Controller, Delete, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { AssignmentsService } from './assignments.service';
import { AssignmentView, MyAssignmentView } from './dto/assignment.view';
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
    description:
      'Created; people are reached by the worker within seconds. The same assignment posted again answers 200 with the existing one.',
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
    description:
      "Assignments made within the caller's subtree (or agencyId's), newest first, with people reached, completed and overdue",
  })
  list(@CurrentUser() actor: AuthUser, @Query() query: ListAssignmentsQuery) {
    return this.assignments.list(actor, query);
  }

  @ApiOperation({ summary: 'Get an assignment' })
  @Get('assignments/:id')
  @Roles('hr_officer', 'admin')
  @ApiOkResponse({ type: AssignmentView })
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
  cancel(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) id: string, @Req() request: FastifyRequest) {
    return this.assignments.cancel(actor, id, request.ip ?? null);
  }

  @ApiOperation({ summary: 'List my mandatory training' })
  @Get('me/assignments')
  @ApiOkResponse({
    type: [MyAssignmentView],
    description: "The caller's mandatory training: due, overdue and completed",
  })
  mine(@CurrentUser() actor: AuthUser) {
    return this.assignments.mine(actor);
  }
}

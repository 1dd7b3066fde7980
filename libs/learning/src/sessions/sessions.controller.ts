import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  PayloadTooLargeException,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiExtraModels,
  getSchemaPath,
  ApiOperation,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { MAX_ATTENDANCE_CSV_BYTES } from './attendance-csv';
import {
  CreateSessionDto,
  DecideRequestDto,
  ListSessionsQuery,
  NominateDto,
  RecordAttendanceDto,
  RegisterDto,
  UpdateSessionDto,
} from './dto/session.dto';
import {
  AttendanceResultView,
  DecisionView,
  MyRegistrationView,
  PendingRequestView,
  SessionDetailView,
} from './dto/session.view';
import { SessionsService } from './sessions.service';

const id = new ParseUUIDPipe();

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @ApiOperation({ summary: 'Schedule a session of a course' })
  @Post()
  @Roles('trainer', 'admin')
  @ApiCreatedResponse({ type: SessionDetailView })
  @ApiForbiddenResponse({ description: 'Not a course you own' })
  schedule(@CurrentUser() actor: AuthUser, @Body() dto: CreateSessionDto, @Req() request: FastifyRequest) {
    return this.sessions.schedule(actor, dto, request.ip ?? null);
  }

  @ApiOperation({ summary: 'List training sessions' })
  @Get()
  @ApiOkResponse({
    description:
      'Upcoming sessions first (soonest first), then ended ones with includePast: `{ items, total, page, limit }`',
  })
  list(@CurrentUser() actor: AuthUser, @Query() query: ListSessionsQuery) {
    return this.sessions.list(actor, query);
  }

  @ApiOperation({ summary: 'Get a session' })
  @Get(':id')
  @ApiOkResponse({ type: SessionDetailView, description: 'With the registrations when you run the session' })
  get(@CurrentUser() actor: AuthUser, @Param('id', id) sessionId: string) {
    return this.sessions.get(actor, sessionId);
  }

  @ApiOperation({ summary: "Change a session's details" })
  @Patch(':id')
  @Roles('trainer', 'admin')
  @ApiOkResponse({ type: SessionDetailView })
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) sessionId: string,
    @Body() dto: UpdateSessionDto,
    @Req() request: FastifyRequest,
  ) {
    return this.sessions.update(actor, sessionId, dto, request.ip ?? null);
  }

  @ApiOperation({ summary: 'Cancel a session' })
  @Delete(':id')
  @Roles('trainer', 'admin')
  @ApiOkResponse({ type: SessionDetailView, description: 'Cancelled (registrations are kept, for the record)' })
  cancel(@CurrentUser() actor: AuthUser, @Param('id', id) sessionId: string, @Req() request: FastifyRequest) {
    return this.sessions.cancel(actor, sessionId, request.ip ?? null);
  }

  @ApiOperation({ summary: 'Register yourself or someone for a session' })
  @Post(':id/registrations')
  @ApiCreatedResponse({
    type: MyRegistrationView,
    description: 'Registered, or on the waiting list when full; 200 with the same registration when already there',
  })
  @ApiForbiddenResponse({ description: 'Registering someone outside the agencies you manage' })
  async register(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) sessionId: string,
    @Body() dto: RegisterDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { created, registration } = await this.sessions.register(actor, sessionId, dto.userId, request.ip ?? null);
    reply.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return registration;
  }

  @ApiOperation({ summary: 'Nominate a direct report for a session' })
  @Post(':id/nominations')
  @ApiCreatedResponse({
    type: DecisionView,
    description:
      'A supervisor puts a direct report on the session: seated, or on the waiting list when full (a pending request of theirs is approved at its place). The nominee is told.',
  })
  @ApiNotFoundResponse({ description: 'Not one of your direct reports (or no such session)' })
  nominate(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) sessionId: string,
    @Body() dto: NominateDto,
    @Req() request: FastifyRequest,
  ) {
    return this.sessions.nominate(actor, sessionId, dto, request.ip ?? null);
  }

  @ApiOperation({ summary: 'Cancel a registration for a session' })
  @Delete(':id/registrations/:userId')
  @ApiOkResponse({ description: '`{ movedUp: userId[] }`: who moved up from the waiting list. Use "me" for yourself.' })
  unregister(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) sessionId: string,
    @Param('userId') userId: string,
    @Req() request: FastifyRequest,
  ) {
    if (userId !== 'me' && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId))
      throw new BadRequestException('userId must be a UUID or "me".');
    return this.sessions.unregister(actor, sessionId, userId === 'me' ? undefined : userId, request.ip ?? null);
  }

  @ApiOperation({ summary: 'Record attendance and scores for a session' })
  @Put(':id/attendance')
  @Roles('trainer', 'admin')
  @HttpCode(200)
  @ApiOkResponse({
    type: AttendanceResultView,
    description: 'Rows applied, enrolments completed, and rows not applied with their index',
  })
  attendance(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) sessionId: string,
    @Body() dto: RecordAttendanceDto,
    @Req() request: FastifyRequest,
  ) {
    return this.sessions.recordAttendance(actor, sessionId, dto.records, 'api', request.ip ?? null);
  }

  @ApiOperation({ summary: 'Upload attendance for a session as CSV' })
  @Post(':id/attendance.csv')
  @Roles('trainer', 'admin')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({
    description: `CSV with a header row: email or staff_number, attended (yes/no/1/0), score (optional, 0–100); at most ${MAX_ATTENDANCE_CSV_BYTES / 1024} KiB`,
    schema: { type: 'string' },
  })
  @ApiOkResponse({
    type: AttendanceResultView,
    description: 'Valid rows applied; every other row reported with its line number',
  })
  attendanceCsv(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) sessionId: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
  ) {
    const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : undefined;
    if (text === undefined)
      throw new BadRequestException('Send the CSV file as the request body, with Content-Type: text/csv.');
    if (Buffer.byteLength(text) > MAX_ATTENDANCE_CSV_BYTES)
      throw new PayloadTooLargeException(`An attendance file may be at most ${MAX_ATTENDANCE_CSV_BYTES / 1024} KiB.`);
    return this.sessions.recordAttendanceCsv(actor, sessionId, text, request.ip ?? null);
  }
}

/** A supervisor's inbox of their direct reports' requests to attend sessions, and the decisions. */
@ApiTags('sessions')
@ApiBearerAuth()
@ApiExtraModels(PendingRequestView)
@Controller('session-requests')
export class SessionRequestsController {
  constructor(private readonly sessions: SessionsService) {}

  @ApiOperation({ summary: "List your direct reports' pending session requests" })
  @Get()
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: { items: { type: 'array', items: { $ref: getSchemaPath(PendingRequestView) } } },
    },
    description: 'Requests of your direct reports waiting for your decision, oldest first (empty when you have none)',
  })
  async pending(@CurrentUser() actor: AuthUser) {
    return { items: await this.sessions.pendingRequests(actor) };
  }

  @ApiOperation({ summary: "Approve or decline a direct report's request" })
  @Put(':sessionId/:userId')
  @HttpCode(200)
  @ApiOkResponse({
    type: DecisionView,
    description:
      'Approve (seated, or waiting in the order of the request) or decline (with an optional reason); the learner is told',
  })
  @ApiNotFoundResponse({ description: 'Not one of your direct reports' })
  decide(
    @CurrentUser() actor: AuthUser,
    @Param('sessionId', id) sessionId: string,
    @Param('userId', id) userId: string,
    @Body() dto: DecideRequestDto,
    @Req() request: FastifyRequest,
  ) {
    return this.sessions.decide(actor, sessionId, userId, dto, request.ip ?? null);
  }
}

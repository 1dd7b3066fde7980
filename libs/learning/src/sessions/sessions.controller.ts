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
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiConflictResponse,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiOperation,
  ApiUnprocessableEntityResponse,
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
  PendingRequestListView,
  SessionDetailView,
  SessionPageView,
  UnregisteredView,
} from './dto/session.view';
import { SessionsService } from './sessions.service';

const id = new ParseUUIDPipe();
const SESSION_CANCELLED = { description: 'The session was cancelled' };
const NOT_YOURS = { description: "Not a session you run (its trainer, the course's owner or an administrator)" };
const NO_SESSION = { description: 'No session has this id' };
const CLOSED_OR_DEACTIVATED = { description: "The session has ended, or the person's account is deactivated" };
const NOT_STARTED = { description: 'session-not-started: attendance is recorded once the session has begun' };

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
  @ApiNotFoundResponse({ description: 'No course has this id' })
  schedule(@CurrentUser() actor: AuthUser, @Body() dto: CreateSessionDto, @Req() request: FastifyRequest) {
    return this.sessions.schedule(actor, dto, request.ip ?? null);
  }

  @ApiOperation({ summary: 'List training sessions' })
  @Get()
  @ApiOkResponse({
    type: SessionPageView,
    description: 'Upcoming sessions first (soonest first), then ended ones with includePast',
  })
  list(@CurrentUser() actor: AuthUser, @Query() query: ListSessionsQuery) {
    return this.sessions.list(actor, query);
  }

  @ApiOperation({ summary: 'Get a session' })
  @Get(':id')
  @ApiOkResponse({ type: SessionDetailView, description: 'With the registrations when you run the session' })
  @ApiNotFoundResponse(NO_SESSION)
  get(@CurrentUser() actor: AuthUser, @Param('id', id) sessionId: string) {
    return this.sessions.get(actor, sessionId);
  }

  @ApiOperation({ summary: "Change a session's details" })
  @Patch(':id')
  @Roles('trainer', 'admin')
  @ApiOkResponse({ type: SessionDetailView })
  @ApiForbiddenResponse(NOT_YOURS)
  @ApiNotFoundResponse(NO_SESSION)
  @ApiConflictResponse(SESSION_CANCELLED)
  @ApiUnprocessableEntityResponse({ description: 'capacity-below-seated: fewer seats than people already seated' })
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
  @ApiForbiddenResponse(NOT_YOURS)
  @ApiNotFoundResponse(NO_SESSION)
  cancel(@CurrentUser() actor: AuthUser, @Param('id', id) sessionId: string, @Req() request: FastifyRequest) {
    return this.sessions.cancel(actor, sessionId, request.ip ?? null);
  }

  @ApiOperation({ summary: 'Register yourself or someone for a session' })
  @Post(':id/registrations')
  @ApiCreatedResponse({
    type: MyRegistrationView,
    description: 'Registered, or on the waiting list when full (pending when your supervisor must approve)',
  })
  @ApiOkResponse({ type: MyRegistrationView, description: 'Already registered: the same registration' })
  @ApiForbiddenResponse({ description: 'Registering someone outside the agencies you manage' })
  @ApiNotFoundResponse({ description: 'No such session or person' })
  @ApiConflictResponse(SESSION_CANCELLED)
  @ApiUnprocessableEntityResponse(CLOSED_OR_DEACTIVATED)
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
  @ApiConflictResponse(SESSION_CANCELLED)
  @ApiUnprocessableEntityResponse(CLOSED_OR_DEACTIVATED)
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
  @ApiParam({ name: 'userId', description: 'The person whose registration to cancel, or `me` for yourself' })
  @ApiOkResponse({ type: UnregisteredView })
  @ApiBadRequestResponse({ description: 'userId is neither a UUID nor me' })
  @ApiForbiddenResponse({ description: 'Cancelling for someone outside the agencies you manage' })
  @ApiNotFoundResponse({ description: 'No such session, or no registration of this person for it' })
  @ApiUnprocessableEntityResponse({ description: 'The session has ended' })
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
  @ApiForbiddenResponse(NOT_YOURS)
  @ApiNotFoundResponse(NO_SESSION)
  @ApiConflictResponse(SESSION_CANCELLED)
  @ApiUnprocessableEntityResponse(NOT_STARTED)
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
  @ApiForbiddenResponse(NOT_YOURS)
  @ApiNotFoundResponse(NO_SESSION)
  @ApiPayloadTooLargeResponse({ description: `A file over ${MAX_ATTENDANCE_CSV_BYTES / 1024} KiB` })
  @ApiConflictResponse(SESSION_CANCELLED)
  @ApiUnprocessableEntityResponse(NOT_STARTED)
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
@Controller('session-requests')
export class SessionRequestsController {
  constructor(private readonly sessions: SessionsService) {}

  @ApiOperation({ summary: "List your direct reports' pending session requests" })
  @Get()
  @ApiOkResponse({
    type: PendingRequestListView,
    description: 'Requests of your direct reports waiting for your decision, oldest first (empty when you have none)',
  })
  async pending(@CurrentUser() actor: AuthUser): Promise<PendingRequestListView> {
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
  @ApiNotFoundResponse({ description: 'Not one of your direct reports, or no such session' })
  @ApiConflictResponse({
    description: 'no-pending-request: nothing of theirs waits for a decision; session-cancelled on approving',
  })
  @ApiUnprocessableEntityResponse({ description: "session-ended: an ended session's requests can only be declined" })
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

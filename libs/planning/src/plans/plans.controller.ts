import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { CreatePlanDto, UpdatePlanDto } from './dto/create-plan.dto';
import { LinkDeliveryDto } from './dto/link-delivery.dto';
import { ListPlansQuery } from './dto/list-plans.query';
import { ApprovePlanDto, PlanReasonDto } from './dto/plan-decision.dto';
import { PlanLineDto } from './dto/plan-line.dto';
import {
  PlanPageView,
  PlanSpendingView,
  PlanVersionsView,
  PlanVersionView,
  PlanView,
  SpendingView,
} from './dto/plan.view';
import { RecordSpendingDto } from './dto/record-spending.dto';
import { PlanDraftService } from './plan-draft.service';
import { PlansService } from './plans.service';

const NOT_FOUND = 'No plan with this id within the agencies you answer for';
const DRAFT_ONLY = 'The plan is submitted or approved (reopen an approved plan with a reason first)';
const LINE_REFUSED =
  'Unknown competency, a target agency outside the plan’s agency, positions nobody there holds, a missing or unpublished course, or over budget (with a slug naming which)';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly drafts: PlanDraftService,
  ) {}

  @ApiOperation({
    summary: 'Draft an agency’s plan from its needs',
    description:
      'Suggests a line per competency gap of the subtree: the course that builds it (online, and face to face for people who are offline), or external training where no course does. Costs start at 0 for HR to fill in.',
  })
  @Post('draft')
  @Roles('hr_officer', 'admin')
  @ApiCreatedResponse({ type: PlanView })
  @ApiForbiddenResponse({ description: 'The agency is outside the agencies you manage' })
  @ApiNotFoundResponse({ description: 'agencyId names no agency' })
  @ApiConflictResponse({ description: 'The agency already has a plan for the year' })
  draft(@CurrentUser() actor: AuthUser, @Body() dto: CreatePlanDto, @Req() request: FastifyRequest) {
    return this.drafts.draft(actor, dto, request.ip ?? null);
  }

  @ApiOperation({ summary: 'Start an agency’s capacity-building plan for a year' })
  @Post()
  @Roles('hr_officer', 'admin')
  @ApiCreatedResponse({ type: PlanView })
  @ApiForbiddenResponse({ description: 'The agency is outside the agencies you manage' })
  @ApiNotFoundResponse({ description: 'agencyId names no agency' })
  @ApiConflictResponse({ description: 'The agency already has a plan for the year' })
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreatePlanDto, @Req() request: FastifyRequest) {
    return this.plans.create(actor, dto, request.ip ?? null);
  }

  @ApiOperation({ summary: 'List plans within your agencies' })
  @Get()
  @Roles('hr_officer', 'agency_head', 'admin')
  @ApiOkResponse({ type: PlanPageView, description: 'Newest year first' })
  @ApiForbiddenResponse({ description: 'agencyId is outside the agencies you answer for' })
  list(@CurrentUser() actor: AuthUser, @Query() query: ListPlansQuery) {
    return this.plans.list(actor, query);
  }

  @ApiOperation({ summary: 'Get a plan with its lines' })
  @Get(':id')
  @Roles('hr_officer', 'agency_head', 'admin')
  @ApiOkResponse({ type: PlanView })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  get(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.plans.get(actor, id);
  }

  @ApiOperation({ summary: 'Change a draft plan’s budget' })
  @Patch(':id')
  @Roles('hr_officer', 'admin')
  @ApiOkResponse({ type: PlanView })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: DRAFT_ONLY })
  @ApiUnprocessableEntityResponse({ description: 'Below what the lines already allocate' })
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdatePlanDto,
    @Req() request: FastifyRequest,
  ) {
    return this.plans.updateBudget(actor, id, dto, request.ip ?? null);
  }

  @ApiOperation({ summary: 'Add a line to a draft plan' })
  @Post(':id/lines')
  @Roles('hr_officer', 'admin')
  @ApiCreatedResponse({ type: PlanView })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: DRAFT_ONLY })
  @ApiUnprocessableEntityResponse({ description: LINE_REFUSED })
  addLine(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: PlanLineDto,
    @Req() request: FastifyRequest,
  ) {
    return this.plans.addLine(actor, id, dto, request.ip ?? null);
  }

  @ApiOperation({ summary: 'Change a line of a draft plan' })
  @Put(':id/lines/:lineId')
  @Roles('hr_officer', 'admin')
  @ApiOkResponse({ type: PlanView })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: DRAFT_ONLY })
  @ApiUnprocessableEntityResponse({ description: LINE_REFUSED })
  updateLine(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('lineId', new ParseUUIDPipe()) lineId: string,
    @Body() dto: PlanLineDto,
    @Req() request: FastifyRequest,
  ) {
    return this.plans.updateLine(actor, id, lineId, dto, request.ip ?? null);
  }

  @ApiOperation({ summary: 'Remove a line from a draft plan' })
  @Delete(':id/lines/:lineId')
  @Roles('hr_officer', 'admin')
  @ApiOkResponse({ type: PlanView })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: `${DRAFT_ONLY}, or money was spent against the line` })
  removeLine(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('lineId', new ParseUUIDPipe()) lineId: string,
    @Req() request: FastifyRequest,
  ) {
    return this.plans.removeLine(actor, id, lineId, request.ip ?? null);
  }

  @ApiOperation({ summary: 'Submit a draft plan to the agency’s head' })
  @Post(':id/submit')
  @HttpCode(HttpStatus.OK)
  @Roles('hr_officer', 'admin')
  @ApiOkResponse({ type: PlanView })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: DRAFT_ONLY })
  @ApiUnprocessableEntityResponse({ description: 'The plan has no lines' })
  submit(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) id: string, @Req() request: FastifyRequest) {
    return this.plans.submit(actor, id, request.ip ?? null);
  }

  @ApiOperation({ summary: 'Approve a submitted plan (the agency’s head): it becomes the next version' })
  @Post(':id/approve')
  @HttpCode(HttpStatus.OK)
  @Roles('agency_head')
  @ApiOkResponse({ type: PlanView })
  @ApiForbiddenResponse({ description: 'Not the head of this agency or one above it, or you submitted it' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'Not submitted, or changed since the revision you read' })
  approve(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ApprovePlanDto,
    @Req() request: FastifyRequest,
  ) {
    return this.plans.approve(actor, id, dto, request.ip ?? null);
  }

  @ApiOperation({ summary: 'Return a submitted plan to HR for changes (the agency’s head)' })
  @Post(':id/return')
  @HttpCode(HttpStatus.OK)
  @Roles('agency_head')
  @ApiOkResponse({ type: PlanView })
  @ApiForbiddenResponse({ description: 'Not the head of this agency or one above it, or you submitted it' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'Not submitted' })
  returnForChanges(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: PlanReasonDto,
    @Req() request: FastifyRequest,
  ) {
    return this.plans.returnForChanges(actor, id, dto, request.ip ?? null);
  }

  @ApiOperation({ summary: 'Reopen an approved plan for a change (a new version), with the reason' })
  @Post(':id/reopen')
  @HttpCode(HttpStatus.OK)
  @Roles('hr_officer', 'admin')
  @ApiOkResponse({ type: PlanView, description: 'A draft again; the approved version stays published until the next' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'Not approved' })
  reopen(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: PlanReasonDto,
    @Req() request: FastifyRequest,
  ) {
    return this.plans.reopen(actor, id, dto, request.ip ?? null);
  }

  @ApiOperation({ summary: 'List a plan’s approved versions' })
  @Get(':id/versions')
  @Roles('hr_officer', 'agency_head', 'admin')
  @ApiOkResponse({ type: PlanVersionsView })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  versions(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.plans.versions(actor, id);
  }

  @ApiOperation({ summary: 'Get one approved version of a plan' })
  @Get(':id/versions/:version')
  @Roles('hr_officer', 'agency_head', 'admin')
  @ApiParam({ name: 'version', type: 'integer' })
  @ApiOkResponse({ type: PlanVersionView })
  @ApiNotFoundResponse({ description: `${NOT_FOUND}, or no such version` })
  version(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('version', new ParseIntPipe()) version: number,
  ) {
    return this.plans.version(actor, id, version);
  }

  @ApiOperation({ summary: 'Budget, allocated and spent, with the spending records' })
  @Get(':id/spending')
  @Roles('hr_officer', 'agency_head', 'admin')
  @ApiOkResponse({ type: PlanSpendingView })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  spending(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.plans.spending(actor, id);
  }

  @ApiOperation({ summary: 'Record spending against an approved line, with its reference document' })
  @Post(':id/spending')
  @Roles('hr_officer', 'admin')
  @ApiCreatedResponse({ type: SpendingView })
  @ApiOkResponse({ type: SpendingView, description: 'The same reference was recorded already: that record' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: 'Never approved, or the reference is recorded with another amount' })
  @ApiUnprocessableEntityResponse({ description: 'Not an approved line, or beyond the line’s allocation' })
  async recordSpending(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: RecordSpendingDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { created, spending } = await this.plans.recordSpending(actor, id, dto, request.ip ?? null);
    reply.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return spending;
  }

  @ApiOperation({ summary: 'Link an assignment or a face-to-face session that delivers a line' })
  @Post(':id/lines/:lineId/deliveries')
  @HttpCode(HttpStatus.OK)
  @Roles('hr_officer', 'admin')
  @ApiOkResponse({ type: PlanView })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiUnprocessableEntityResponse({
    description: 'Not exactly one, not found, another course, or outside your agencies',
  })
  link(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('lineId', new ParseUUIDPipe()) lineId: string,
    @Body() dto: LinkDeliveryDto,
    @Req() request: FastifyRequest,
  ) {
    return this.plans.linkDelivery(actor, id, lineId, dto, request.ip ?? null);
  }

  @ApiOperation({ summary: 'Unlink a delivery from a line' })
  @Delete(':id/lines/:lineId/deliveries/:kind/:refId')
  @Roles('hr_officer', 'admin')
  @ApiParam({ name: 'kind', enum: ['assignment', 'session'] })
  @ApiOkResponse({ type: PlanView })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  unlink(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('lineId', new ParseUUIDPipe()) lineId: string,
    @Param('kind') kind: string,
    @Param('refId', new ParseUUIDPipe()) refId: string,
    @Req() request: FastifyRequest,
  ) {
    return this.plans.unlinkDelivery(actor, id, lineId, kind, refId, request.ip ?? null);
  }
}

import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser, HandoversService, HandoverView, Roles, SetSuccessorDto } from '@chadavkhi/identity';
import { HandoverReport, HandoverSummaryView } from './dto/handover-report.view';
import { HandoverReportService } from './handover-report.service';

@ApiTags('handovers')
@ApiBearerAuth()
@Controller()
export class HandoversController {
  constructor(
    private readonly reports: HandoverReportService,
    private readonly handovers: HandoversService,
  ) {}

  @ApiOperation({ summary: 'Get a handover and its items' })
  @Get('handovers/:id')
  @ApiOkResponse({ type: HandoverReport, description: 'The handover and each item it handed over, with its state now' })
  @ApiNotFoundResponse({
    description: 'No such handover, or not yours to see (successor, the person, HR of the agency)',
  })
  get(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<HandoverReport> {
    return this.reports.get(actor, id);
  }

  @ApiOperation({ summary: 'List handovers I received or gave' })
  @Get('me/handovers')
  @ApiOkResponse({
    type: [HandoverSummaryView],
    description: 'Handovers you received or gave, newest first, with their item counts',
  })
  mine(@CurrentUser() actor: AuthUser): Promise<HandoverSummaryView[]> {
    return this.reports.mine(actor);
  }

  @ApiOperation({ summary: 'Choose the successor for a handover' })
  @Put('handovers/:id/successor')
  @Roles('hr_officer', 'admin')
  @ApiOkResponse({
    type: HandoverView,
    description: 'The successor is set; the items move to them shortly (handover.reassigned)',
  })
  @ApiForbiddenResponse({
    description: 'Not an HR officer or administrator, or the agency the person left is outside the ones you manage',
  })
  @ApiNotFoundResponse({ description: 'No such handover visible to you' })
  @ApiUnprocessableEntityResponse({
    description: 'successorId is the person handing over, or not an active person in the agencies you manage',
  })
  setSuccessor(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: SetSuccessorDto,
    @Req() request: FastifyRequest,
  ): Promise<HandoverView> {
    return this.handovers.setSuccessor(actor, id, dto.successorId, request.ip);
  }
}

import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser, HandoversService, Roles, SetSuccessorDto } from '@chadavkhi/identity';
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
  @ApiOkResponse({ description: 'The handover and each item it handed over, with its state now' })
  @ApiNotFoundResponse({
    description: 'No such handover, or not yours to see (successor, the person, HR of the agency)',
  })
  get(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.reports.get(actor, id);
  }

  @ApiOperation({ summary: 'List handovers I received or gave' })
  @Get('me/handovers')
  @ApiOkResponse({ description: 'Handovers you received or gave, newest first, with their item counts' })
  mine(@CurrentUser() actor: AuthUser) {
    return this.reports.mine(actor);
  }

  @ApiOperation({ summary: 'Choose the successor for a handover' })
  @Put('handovers/:id/successor')
  @Roles('hr_officer', 'admin')
  @ApiOkResponse({ description: 'The successor is set; the items move to them shortly (handover.reassigned)' })
  @ApiForbiddenResponse({ description: 'The agency the person left is outside the agencies you manage' })
  setSuccessor(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: SetSuccessorDto,
    @Req() request: FastifyRequest,
  ) {
    return this.handovers.setSuccessor(actor, id, dto.successorId, request.ip);
  }
}

import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditedDownload, AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { page } from '@chadavkhi/platform';
import { ExportStaffQuery, ListStaffQuery, StaffFilterQuery } from './dto/list-staff.query';
import { StaffMemberView, StaffPageView } from './dto/staff-member.view';
import { StaffService } from './staff.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE = { schema: { type: 'string', format: 'binary' } };
const CSV_CONTENT = { 'text/csv': FILE };
const XLSX_CONTENT = { [XLSX]: FILE };

@ApiTags('staff')
@ApiBearerAuth()
@Roles('hr_officer', 'admin')
@ApiNotFoundResponse({ description: 'No agency has this id' })
@ApiForbiddenResponse({ description: 'The agency is outside the agencies you manage' })
@ApiUnprocessableEntityResponse({ description: 'registrationNumber cannot be a registration number' })
@Controller('agencies/:id')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @ApiOperation({ summary: "List the agency's staff with training status" })
  @Get('staff')
  @ApiOkResponse({
    type: StaffPageView,
    description:
      "People of the agency's subtree with where they stand on mandatory training, overdue first; registrationNumber whole for HR of the subtree and administrators",
  })
  async list(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) agencyId: string,
    @Query() query: ListStaffQuery,
  ) {
    const { rows, total } = await this.staff.list(
      actor,
      filterOf(agencyId, query),
      query.limit,
      (query.page - 1) * query.limit,
    );
    return page(rows.map(StaffMemberView.of), total, query);
  }

  @ApiOperation({ summary: 'Export the staff list as CSV' })
  @Get('staff.csv')
  @AuditedDownload()
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'The staff list as CSV, written to the audit log. Bearer tokens only: a browser session POSTs it with its CSRF token',
    content: CSV_CONTENT,
  })
  csv(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) agencyId: string,
    @Query() query: ExportStaffQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sendCsv(actor, agencyId, query, request, reply);
  }

  @ApiOperation({ summary: 'Export the staff list as CSV from a page' })
  @Post('staff.csv')
  @HttpCode(200)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: "The same, for the web pages' download button (form field _csrf)",
    content: CSV_CONTENT,
  })
  csvFromPage(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) agencyId: string,
    @Query() query: ExportStaffQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sendCsv(actor, agencyId, query, request, reply);
  }

  @ApiOperation({ summary: 'Export the staff list as Excel' })
  @Get('staff.xlsx')
  @AuditedDownload()
  @ApiProduces(XLSX)
  @ApiOkResponse({
    description:
      'The staff list as an Excel workbook, written to the audit log. Bearer tokens only: a browser session POSTs it with its CSRF token',
    content: XLSX_CONTENT,
  })
  xlsx(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) agencyId: string,
    @Query() query: ExportStaffQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sendXlsx(actor, agencyId, query, request, reply);
  }

  @ApiOperation({ summary: 'Export the staff list as Excel from a page' })
  @Post('staff.xlsx')
  @HttpCode(200)
  @ApiProduces(XLSX)
  @ApiOkResponse({
    description: "The same, for the web pages' download button (form field _csrf)",
    content: XLSX_CONTENT,
  })
  xlsxFromPage(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) agencyId: string,
    @Query() query: ExportStaffQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sendXlsx(actor, agencyId, query, request, reply);
  }

  private async sendCsv(
    actor: AuthUser,
    agencyId: string,
    query: ExportStaffQuery,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const body = await this.staff.csv(actor, filterOf(agencyId, query), query.lang ?? 'mn', request.ip ?? null);
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="staff-${agencyId.slice(0, 8)}.csv"`);
    return body;
  }

  private async sendXlsx(
    actor: AuthUser,
    agencyId: string,
    query: ExportStaffQuery,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const body = await this.staff.xlsx(actor, filterOf(agencyId, query), query.lang ?? 'mn', request.ip ?? null);
    reply
      .header('content-type', XLSX)
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="staff-${agencyId.slice(0, 8)}.xlsx"`);
    return body;
  }
}

function filterOf(agencyId: string, q: StaffFilterQuery) {
  return {
    agencyId,
    status: q.status ?? null,
    positionId: q.positionId ?? null,
    courseId: q.courseId ?? null,
    registrationNumber: q.registrationNumber ?? null,
  };
}

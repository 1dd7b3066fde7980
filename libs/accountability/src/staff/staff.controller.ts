import { Controller, Get, Header, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { page } from '@chadavkhi/platform';
import { ExportStaffQuery, ListStaffQuery, StaffFilterQuery } from './dto/list-staff.query';
import { StaffService } from './staff.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('staff')
@ApiBearerAuth()
@Roles('hr_officer', 'admin')
@Controller('agencies/:id')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get('staff')
  @ApiOkResponse({ description: 'People of the agency\'s subtree with where they stand on mandatory training, overdue first' })
  async list(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) agencyId: string, @Query() query: ListStaffQuery) {
    const { rows, total } = await this.staff.list(actor, filterOf(agencyId, query), query.limit, (query.page - 1) * query.limit);
    return page(
      rows.map((r) => ({
        id: r.id,
        name: r.name,
        email: r.email,
        staffNumber: r.staff_number,
        agency: { id: r.agency_id, code: r.agency_code, name: { mn: r.agency_mn, en: r.agency_en } },
        position: { code: r.position_code, name: { mn: r.position_mn, en: r.position_en } },
        status: r.status,
        assigned: r.assigned,
        completed: r.completed,
        overdue: r.overdue,
        nextDue: r.next_due,
      })),
      total,
      query,
    );
  }

  @Get('staff.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiProduces('text/csv')
  async csv(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) agencyId: string, @Query() query: ExportStaffQuery, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const body = await this.staff.csv(actor, filterOf(agencyId, query), query.lang ?? 'mn', request.ip ?? null);
    reply.header('content-disposition', `attachment; filename="staff-${agencyId.slice(0, 8)}.csv"`);
    return body;
  }

  @Get('staff.xlsx')
  @Header('content-type', XLSX)
  @Header('cache-control', 'no-store')
  @ApiProduces(XLSX)
  async xlsx(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) agencyId: string, @Query() query: ExportStaffQuery, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const body = await this.staff.xlsx(actor, filterOf(agencyId, query), query.lang ?? 'mn', request.ip ?? null);
    reply.header('content-disposition', `attachment; filename="staff-${agencyId.slice(0, 8)}.xlsx"`);
    return body;
  }
}

function filterOf(agencyId: string, q: StaffFilterQuery) {
  return { agencyId, status: q.status ?? null, positionId: q.positionId ?? null, courseId: q.courseId ?? null };
}

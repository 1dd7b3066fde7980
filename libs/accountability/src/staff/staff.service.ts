// The HR staff list and its exports (CSV, XLSX), always within the actor's subtree.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import ExcelJS from 'exceljs';
import { UnprocessableEntityException } from '@nestjs/common';
import {
  AuthUser,
  normalizeRegistrationNumber,
  registrationNumberFor,
  registrationNumberProblem,
} from '@chadavkhi/identity';
import { recordAudit, writeCsv } from '@chadavkhi/platform';
import { AgencyAccessService } from '../scope/agency-access.service';
import { StaffFilter, StaffRepository, StaffRow } from './staff.repository';

/** An export is one file; beyond this many people, narrow the filters (the file says so). */
export const EXPORT_LIMIT = 50_000;

export const STAFF_EXPORT_COLUMNS = [
  'name',
  'email',
  'staff_number',
  'agency_code',
  'agency',
  'position',
  'status',
  'assigned',
  'completed',
  'overdue',
  'next_due',
] as const;

@Injectable()
export class StaffService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly staff: StaffRepository,
    private readonly access: AgencyAccessService,
  ) {}

  /** A page of the subtree's staff; a registration number in the filter is matched whole, in any case or spacing. */
  async list(actor: AuthUser, filter: StaffFilter, limit: number, offset: number) {
    await this.access.assertCovers(actor, filter.agencyId);
    const { rows, total } = await this.staff.list(normalized(filter), limit, offset);
    return { rows: rows.map((r) => shownTo(actor, r)), total };
  }

  /** What the staff list can be filtered by: positions held and courses assigned within the subtree. */
  async filterOptions(actor: AuthUser, agencyId: string) {
    await this.access.assertCovers(actor, agencyId);
    const [positions, courses] = await Promise.all([
      this.staff.positionsHeld(agencyId),
      this.staff.assignedCourses(agencyId),
    ]);
    return { positions, courses };
  }

  /** The rows of an export; a file of people's names and e-mails leaving the system is audited. */
  private async exportRows(
    actor: AuthUser,
    filter: StaffFilter,
    lang: 'mn' | 'en',
    format: 'csv' | 'xlsx',
    ip: string | null,
  ) {
    await this.access.assertCovers(actor, filter.agencyId);
    const { rows, total } = await this.staff.list(normalized(filter), EXPORT_LIMIT, 0);
    await recordAudit(
      this.dataSource.manager,
      { id: actor.id, email: actor.email, ip },
      'staff.export',
      { type: 'agency', id: filter.agencyId },
      { format, people: rows.length, filter },
    );
    const line = (r: StaffRow) => ({
      name: r.name,
      email: r.email,
      staff_number: r.staff_number ?? '',
      agency_code: r.agency_code,
      agency: lang === 'en' ? r.agency_en : r.agency_mn,
      position: lang === 'en' ? r.position_en : r.position_mn,
      status: r.status,
      assigned: r.assigned,
      completed: r.completed,
      overdue: r.overdue,
      next_due: r.next_due ?? '',
    });
    return { lines: rows.map(line), truncated: total > rows.length };
  }

  async csv(actor: AuthUser, filter: StaffFilter, lang: 'mn' | 'en', ip: string | null): Promise<string> {
    const { lines } = await this.exportRows(actor, filter, lang, 'csv', ip);
    return writeCsv(lines, STAFF_EXPORT_COLUMNS);
  }

  async xlsx(actor: AuthUser, filter: StaffFilter, lang: 'mn' | 'en', ip: string | null): Promise<Buffer> {
    const { lines, truncated } = await this.exportRows(actor, filter, lang, 'xlsx', ip);
    const book = new ExcelJS.Workbook();
    book.creator = 'Chadavkhi';
    const sheet = book.addWorksheet(lang === 'en' ? 'Staff' : 'Албан хаагчид', {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = STAFF_EXPORT_COLUMNS.map((key) => ({
      header: key,
      key,
      width: key === 'name' || key === 'agency' || key === 'position' ? 32 : 14,
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.addRows(lines);
    if (truncated) sheet.addRow({ name: `… first ${EXPORT_LIMIT} people only: narrow the filters` });
    return Buffer.from(await book.xlsx.writeBuffer());
  }
}

/** The filter with its registration number normalized; a value that cannot be one is refused (422). */
function normalized(filter: StaffFilter): StaffFilter {
  if (!filter.registrationNumber) return { ...filter, registrationNumber: null };
  const number = normalizeRegistrationNumber(filter.registrationNumber);
  const problem = registrationNumberProblem(number);
  if (problem) throw new UnprocessableEntityException(`registrationNumber: ${problem}`);
  return { ...filter, registrationNumber: number };
}

/** The row with its registration number as this viewer may see it. */
function shownTo(actor: AuthUser, r: StaffRow): StaffRow {
  return {
    ...r,
    registration_number: registrationNumberFor(actor, { id: r.id, agencyPath: r.agency_path }, r.registration_number),
  };
}

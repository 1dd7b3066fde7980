// Staff files: an HR officer (their own subtree) or an administrator uploads CSV or XLSX; the
// preview says what would change and refuses bad rows with their line and reason; nothing changes
// until they confirm. Applying re-reads the kept file and plans again under the staff lock: the same
// digest as the preview, or a 409 asking for a new preview. One transaction per file, audited; a
// second apply of the same import, or of the same file, changes nothing.
import { createHash } from 'node:crypto';
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  PayloadTooLargeException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, recordAudit } from '@chadavkhi/platform';
import { AgenciesRepository } from '../agencies/agencies.repository';
import { scopeCovers, staffScopeOf } from '../agencies/agency-scope';
import type { Agency } from '../agencies/agency.entity';
import type { AuthUser } from '../auth/auth-user';
import {
  StaffChangeView,
  StaffCounts,
  StaffImportResult,
  StaffImportView,
  StaffProblemView,
} from './dto/staff-import.view';
import type { StaffFileResult } from './staff-file';
import { StaffFileReader } from './staff-file.reader';
import type { PlanProblem, StaffPlan } from './staff-plan';
import { StaffRepository, type StaffImportRow } from './staff.repository';
import { StaffSyncService, type StaffSource } from './staff-sync.service';

/** How many changes and problems a preview keeps to list (the counts cover them all). */
const LISTED = 1000;

interface StoredSummary {
  counts: StaffCounts;
  changes: StaffChangeView[];
  problems: StaffProblemView[];
}

/** Who asks, for imports: an officer through the API or a page, or the operator through the CLI (an administrator). */
export type StaffImportActor = Pick<AuthUser, 'id' | 'email' | 'roles' | 'agencyId'> | 'cli';

/** A file refused as a whole (not UTF-8, several sheets, wrong columns…): 422 with a stable code. */
export class StaffFileRefusal extends UnprocessableEntityException {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super({ message, code });
  }
}

export interface StaffImportProgress {
  (step: 'read' | 'plan' | 'store' | 'apply' | 'done', detail?: string): void;
}

@Injectable()
export class StaffImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly reader: StaffFileReader,
    private readonly staff: StaffRepository,
    private readonly sync: StaffSyncService,
    private readonly agencies: AgenciesRepository,
  ) {}

  /** Reads and plans the file against the staff of `agency` (code or id); keeps it for the officer's confirmation. */
  async preview(
    actor: StaffImportActor,
    upload: { bytes: Buffer; fileName?: string },
    options: { agency: string; fullSync: boolean },
    ip: string | null,
    progress: StaffImportProgress = () => undefined,
  ): Promise<StaffImportView> {
    const agency = await this.agencyFor(actor, options.agency);
    if (upload.bytes.length > this.config.STAFF_IMPORT_MAX_BYTES)
      throw new PayloadTooLargeException(
        `The file is larger than ${Math.round(this.config.STAFF_IMPORT_MAX_BYTES / 1024 / 1024)} MiB; split it by agency.`,
      );
    progress('read');
    const fileName = (upload.fileName?.trim() || 'staff').slice(0, 200);
    const file = await this.reader.read(upload.bytes, fileName, this.config.STAFF_IMPORT_MAX_ROWS);
    if (!file.ok) throw new StaffFileRefusal(file.code, file.message);
    progress('plan', `${file.rows.length + file.problems.length} rows`);
    const source = this.sourceOf(actor, agency, ip);
    const plan = await this.planFile(this.dataSource.manager, source, file, options.fullSync, progress);
    progress('store');
    const summary = summaryOf(plan);
    const id = await this.dataSource.transaction(async (manager) => {
      const created = await this.staff.insertImport(manager, {
        agency_id: agency.id,
        full_sync: options.fullSync,
        file_name: fileName,
        file_sha256: createHash('sha256').update(upload.bytes).digest('hex'),
        file_size: upload.bytes.length,
        content: upload.bytes,
        created_by: source.actorId,
        created_by_label: source.label,
        plan_digest: plan.digest,
        summary,
      });
      await recordAudit(
        manager,
        { id: source.actorId, email: source.label, ip },
        'staff.import.preview',
        { type: 'staff_import', id: created },
        { agencyCode: agency.code, fullSync: options.fullSync, counts: summary.counts },
      );
      return created;
    });
    progress('done');
    return this.get(actor, id);
  }

  async get(actor: StaffImportActor, id: string, kind?: string): Promise<StaffImportView> {
    const row = await this.staff.findImport(id);
    const agency = row ? await this.agencies.findById(row.agency_id) : null;
    if (!row || !agency || !this.mayManage(actor, agency))
      throw new NotFoundException('No staff import with this id is visible to you.');
    return viewOf(row, agency, kind);
  }

  async list(
    actor: StaffImportActor,
    offset: number,
    limit: number,
  ): Promise<{ items: StaffImportView[]; total: number }> {
    const scope = actor === 'cli' ? ({ kind: 'all' } as const) : staffScopeOf(actor);
    if (scope.kind === 'none') throw new ForbiddenException('Only administrators and HR officers import staff.');
    const { rows, total } = await this.staff.listImports(
      scope.kind === 'all' ? null : scope.rootAgencyId,
      offset,
      limit,
    );
    // A page of imports names a few agencies: each is looked up once.
    const agencies = new Map<string, Agency>();
    for (const id of new Set(rows.map((r) => r.agency_id))) agencies.set(id, (await this.agencies.findById(id))!);
    return { items: rows.map((row) => viewOf(row, agencies.get(row.agency_id)!, 'none')), total };
  }

  /** Applies what the preview showed, in one transaction; the same import twice changes nothing the second time. */
  async apply(
    actor: StaffImportActor,
    id: string,
    ip: string | null,
    options: { invite: boolean } = { invite: false },
    progress: StaffImportProgress = () => undefined,
  ): Promise<StaffImportResult> {
    const zero: StaffCounts = { create: 0, update: 0, move: 0, rejoin: 0, leave: 0, unchanged: 0, problems: 0 };
    return this.dataSource.transaction(async (manager) => {
      const row = await this.staff.findImport(id, manager, true);
      const agency = row ? await this.agencies.findById(row.agency_id, manager) : null;
      if (!row || !agency || !this.mayManage(actor, agency))
        throw new NotFoundException('No staff import with this id is visible to you.');
      if (row.status === 'applied') return { id, applied: zero, alreadyApplied: true };
      const preview = row.summary as StoredSummary;
      if (preview.counts.problems > 0)
        throw new UnprocessableEntityException(
          `The preview refused ${preview.counts.problems} row(s); correct the file and upload it again. Nothing was changed.`,
        );
      if (
        preview.counts.create +
          preview.counts.update +
          preview.counts.move +
          preview.counts.rejoin +
          preview.counts.leave ===
        0
      ) {
        // The preview found nothing to change: applying it is marking it applied (no file read, no plan).
        await this.staff.markApplied(manager, id, { counts: preview.counts });
        return { id, applied: { ...preview.counts }, alreadyApplied: false };
      }
      await this.staff.lockStaffWrites(manager);
      progress('read');
      const content = await this.staff.importContent(manager, id);
      const file = await this.reader.read(content, row.file_name, this.config.STAFF_IMPORT_MAX_ROWS);
      if (!file.ok) throw new StaffFileRefusal(file.code, file.message);
      progress('plan');
      const source = this.sourceOf(actor, agency, ip);
      const plan = await this.planFile(manager, source, file, row.full_sync, progress);
      if (plan.digest !== row.plan_digest)
        throw new ConflictException(
          'The staff records changed since this preview (another import, a connected system or an officer). Upload the file again to see the new preview. Nothing was changed.',
        );
      progress('apply', `${plan.changes.length} changes`);
      await this.sync.apply(manager, plan, { ...options, progress: (step) => progress('apply', step) });
      const applied: StaffCounts = { ...plan.counts };
      await this.staff.markApplied(manager, id, { counts: applied });
      await recordAudit(
        manager,
        { id: source.actorId, email: source.label, ip },
        'staff.import.apply',
        { type: 'staff_import', id },
        {
          agencyCode: agency.code,
          fullSync: row.full_sync,
          fileSha256: row.file_sha256,
          counts: applied,
          invite: options.invite,
        },
      );
      progress('done');
      return { id, applied, alreadyApplied: false };
    });
  }

  private planFile(
    manager: EntityManager,
    source: StaffSource,
    file: Extract<StaffFileResult, { ok: true }>,
    fullSync: boolean,
    progress: StaffImportProgress,
  ): Promise<StaffPlan> {
    return this.sync
      .plan(
        manager,
        source,
        file.rows.map((r) => ({ line: r.line, record: r.record })),
        { fullSync, rootAgencyId: source.rootAgencyId, progress: (step) => progress('plan', step) },
      )
      .then((plan) => withFileProblems(plan, file.problems));
  }

  private async agencyFor(actor: StaffImportActor, codeOrId: string): Promise<Agency> {
    if (actor !== 'cli' && staffScopeOf(actor).kind === 'none')
      throw new ForbiddenException('Only administrators and HR officers import staff.');
    const value = codeOrId?.trim() ?? '';
    if (!value) throw new UnprocessableEntityException('Say which agency the file is for (agency: its code).');
    const agency = /^[0-9a-f-]{36}$/i.test(value)
      ? await this.agencies.findById(value)
      : await this.agencies.findByCode(this.dataSource.manager, value.toLowerCase());
    if (!agency) throw new UnprocessableEntityException(`No agency has the code or id ${value.slice(0, 80)}.`);
    if (!this.mayManage(actor, agency)) throw new ForbiddenException('That agency is outside the agencies you manage.');
    return agency;
  }

  private mayManage(actor: StaffImportActor, agency: Agency): boolean {
    return actor === 'cli' || scopeCovers(staffScopeOf(actor), agency.path);
  }

  private sourceOf(actor: StaffImportActor, agency: Agency, ip: string | null): StaffSource {
    return actor === 'cli'
      ? { kind: 'import', label: 'cli', actorId: null, rootAgencyId: agency.id, ip: null }
      : { kind: 'import', label: actor.email ?? actor.id, actorId: actor.id, rootAgencyId: agency.id, ip };
  }
}

/** The file's own refusals (a row that could not be read) join the plan's, in line order. */
function withFileProblems(plan: StaffPlan, fileProblems: PlanProblem[]): StaffPlan {
  if (!fileProblems.length) return plan;
  const problems = [...fileProblems, ...plan.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const digest = createHash('sha256').update(plan.digest).update(JSON.stringify(fileProblems)).digest('hex');
  return { ...plan, problems, counts: { ...plan.counts, problems: problems.length }, digest };
}

function summaryOf(plan: StaffPlan): StoredSummary {
  return {
    counts: { ...plan.counts },
    changes: plan.changes.slice(0, LISTED).map((c) => ({
      kind: c.kind,
      line: c.line,
      userId: c.userId,
      registrationNumber: c.registrationNumber,
      name: c.name,
      fields: c.fields,
      from: c.from,
      to: c.to,
      effectiveOn: c.effectiveOn,
    })),
    problems: plan.problems.slice(0, LISTED),
  };
}

function viewOf(row: StaffImportRow, agency: Agency, kind?: string): StaffImportView {
  const summary = row.summary as StoredSummary;
  const counts = summary.counts;
  const changes = kind === 'none' ? [] : kind ? summary.changes.filter((c) => c.kind === kind) : summary.changes;
  const total =
    kind && kind !== 'none'
      ? (counts[kind as keyof StaffCounts] ?? 0)
      : counts.create + counts.update + counts.move + counts.rejoin + counts.leave;
  return {
    id: row.id,
    agency: { id: agency.id, code: agency.code, kind: agency.kind, name: { mn: agency.nameMn, en: agency.nameEn } },
    fullSync: row.full_sync,
    fileName: row.file_name,
    fileSize: row.file_size,
    fileSha256: row.file_sha256,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by_label,
    status: row.status,
    counts,
    canApply: row.status === 'previewed' && counts.problems === 0,
    changes: { items: changes, total, listed: changes.length },
    problems: {
      items: kind === 'none' ? [] : summary.problems,
      total: counts.problems,
      listed: summary.problems.length,
    },
    appliedAt: row.applied_at ? new Date(row.applied_at).toISOString() : null,
  };
}

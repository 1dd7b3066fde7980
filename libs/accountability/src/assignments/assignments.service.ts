// Mandatory training: who may assign what to whom (an HR officer within their subtree, an admin
// anywhere), written with its outbox event in one transaction; the metrics worker then reaches the
// people (AssignmentReachService.reach), so a government-wide assignment never holds a request open.
import { ForbiddenException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, scopeCovers, staffScopeOf } from '@chadavkhi/identity';
import { addOutboxEvent, Page, page, recordAudit, validateInput } from '@chadavkhi/platform';
import { AgencyAccessService } from '../scope/agency-access.service';
import { AssignmentsRepository, NewAssignment, withFingerprint } from './assignments.repository';
import { AssignmentView, MyAssignmentsView, MyAssignmentView } from './dto/assignment.view';
import { CreateAssignmentDto } from './dto/create-assignment.dto';
import { ListAssignmentsQuery } from './dto/list-assignments.query';

/** Today in Ulaanbaatar as YYYY-MM-DD. */
export function ulaanbaatarToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ulaanbaatar',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** A refusal with a stable slug, for a caller (a page) that words it itself. */
function refuse(slug: string, message: string): never {
  throw new UnprocessableEntityException({ message, slug });
}

function isRealDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly assignments: AssignmentsRepository,
    private readonly access: AgencyAccessService,
  ) {}

  async create(
    actor: AuthUser,
    input: CreateAssignmentDto,
    ip: string | null,
  ): Promise<{ created: boolean; assignment: AssignmentView }> {
    const dto = await validateInput(CreateAssignmentDto, input);
    const scope = staffScopeOf(actor);
    if (scope.kind === 'none') throw new ForbiddenException('Only HR officers and administrators assign training.');
    const { target, due } = dto;
    const targets = [
      target.userIds ? 'userIds' : null,
      target.positionId ? 'positionId' : null,
      target.agencyId && !target.positionId ? 'agencyId' : null,
    ].filter(Boolean);
    if (targets.length !== 1)
      refuse(
        'assignment-target',
        'target needs exactly one of: agencyId, positionId (with an optional agencyId), userIds.',
      );
    if (target.userIds && target.agencyId)
      refuse('assignment-target', 'target.userIds cannot be combined with agencyId.');
    const dues = [due.date, due.daysAfterAppointment, due.daysAfterJoining].filter((d) => d !== undefined);
    if (dues.length !== 1)
      refuse('assignment-due', 'due needs exactly one of: date, daysAfterAppointment, daysAfterJoining.');
    if (due.date !== undefined && !isRealDate(due.date))
      refuse('due-date-invalid', 'due.date must be a real date, today or later.');
    if (due.date !== undefined && due.date < ulaanbaatarToday())
      refuse('due-date-past', 'due.date must be a real date, today or later.');

    const course = await this.assignments.publishedCourse(dto.courseId);
    if (!course) refuse('course-not-published', 'courseId does not name a published course.');

    let scopeAgencyId: string | null = scope.kind === 'subtree' ? scope.rootAgencyId : null;
    if (target.agencyId) scopeAgencyId = (await this.access.assertCovers(actor, target.agencyId)).id;
    if (target.positionId) {
      if (!(await this.assignments.positionExists(target.positionId)))
        refuse('unknown-position', 'target.positionId does not name a position.');
    }
    let userIds: string[] | null = null;
    if (target.userIds) {
      userIds = [...new Set(target.userIds)].sort();
      const found = await this.assignments.peopleWithAgencyPaths(userIds);
      const visible = found.filter((u) => scopeCovers(scope, u.path)).length;
      if (visible !== userIds.length)
        refuse('not-your-staff', `${userIds.length - visible} of target.userIds are not staff you manage.`);
    }

    const wanted = withFingerprint({
      courseId: course.id,
      createdBy: actor.id,
      scopeAgencyId,
      targetKind: target.userIds ? 'users' : target.positionId ? 'position' : 'agency',
      positionId: target.positionId ?? null,
      userIds,
      dueKind:
        due.date !== undefined
          ? 'date'
          : due.daysAfterAppointment !== undefined
            ? 'after_appointment'
            : 'after_joining',
      dueDate: due.date ?? null,
      dueDays: due.daysAfterAppointment ?? due.daysAfterJoining ?? null,
      renewYearly: dto.renewYearly ?? false,
    });

    const result = await this.dataSource.transaction(async (m) => {
      const r = await this.record(m, wanted);
      if (r.created)
        await recordAudit(
          m,
          { id: actor.id, email: actor.email, ip },
          'assignment.create',
          { type: 'assignment', id: r.id },
          { courseId: course.id, target: wanted.targetKind },
        );
      return r;
    });
    return { created: result.created, assignment: AssignmentView.of((await this.assignments.find(result.id))!) };
  }

  /**
   * Writes the assignment with its outbox event in the caller's transaction, or finds the same active
   * one (same fingerprint): `created` says which. The metrics worker then reaches its people.
   */
  async record(manager: EntityManager, wanted: NewAssignment): Promise<{ id: string; created: boolean }> {
    const id = await this.assignments.insertIfNew(manager, wanted);
    if (!id) return { id: await this.assignments.activeIdByFingerprint(manager, wanted.fingerprint), created: false };
    await addOutboxEvent(manager, 'assignment.changed', { assignmentId: id });
    return { id, created: true };
  }

  async list(actor: AuthUser, query: ListAssignmentsQuery): Promise<Page<AssignmentView>> {
    const scope = staffScopeOf(actor);
    if (scope.kind === 'none') throw new ForbiddenException('Only HR officers and administrators see assignments.');
    let within: string | null = scope.kind === 'subtree' ? scope.rootAgencyId : null;
    if (query.agencyId) within = (await this.access.assertCovers(actor, query.agencyId)).id;
    const { rows, total } = await this.assignments.list(within, query.courseId ?? null, query.limit, query.offset);
    return page(rows.map(AssignmentView.of), total, query);
  }

  /** One assignment, if it was made within the actor's scope (anything else is answered as missing). */
  async get(actor: AuthUser, id: string): Promise<AssignmentView> {
    const row = await this.assignments.find(id);
    const scope = staffScopeOf(actor);
    const visible =
      row &&
      (scope.kind === 'all' || (scope.kind === 'subtree' && !!row.scope_path && scopeCovers(scope, row.scope_path)));
    if (!visible) throw new NotFoundException('No assignment with this id is visible to you.');
    return AssignmentView.of(row);
  }

  async cancel(actor: AuthUser, id: string, ip: string | null): Promise<AssignmentView> {
    await this.get(actor, id);
    await this.dataSource.transaction(async (m) => {
      if (await this.assignments.markCancelled(m, id)) {
        await addOutboxEvent(m, 'assignment.changed', { assignmentId: id });
        await recordAudit(m, { id: actor.id, email: actor.email, ip }, 'assignment.cancel', { type: 'assignment', id });
      }
    });
    return this.get(actor, id);
  }

  /** The agencies an actor may assign to (their subtree) and the positions, for the assignment form. */
  async formOptions(actor: AuthUser) {
    const scope = staffScopeOf(actor);
    if (scope.kind === 'none') throw new ForbiddenException('Only HR officers and administrators assign training.');
    return this.assignments.formOptions(scope.kind === 'subtree' ? scope.rootAgencyId : null);
  }

  async mine(actor: AuthUser): Promise<MyAssignmentsView> {
    const items = (await this.assignments.mine(actor.id)).map(MyAssignmentView.of);
    return {
      items,
      due: items.filter((i) => i.status === 'due').length,
      overdue: items.filter((i) => i.status === 'overdue').length,
    };
  }
}

// Staff records in, whichever way they come: a file (StaffImportsService) or a connected HR system
// (SCIM). Both plan with planStaffChanges and apply the plan here, so they refuse the same records
// and cause the same effects — joiners created without a password (and invited where asked),
// movers' placements dated and their assignments recomputed (user.moved), leavers deactivated with
// every session ended, history kept.
import { randomUUID } from 'node:crypto';
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { addOutboxEvents, recordAudit } from '@chadavkhi/platform';
import { HandoversService } from '../handover/handovers.service';
import type { PersonMove } from '../handover/person-move';
import { PasswordsService } from '../passwords/passwords.service';
import { todayInUlaanbaatar } from '../users/users.service';
import { UsersRepository } from '../users/users.repository';
import { displayName, type StaffRecord, type StaffRecordProblem } from './staff-record';
import {
  planStaffChanges,
  type PlannedChange,
  type PlanProblem,
  type PlanRow,
  type PlanningState,
  type StaffChange,
  type StaffPlan,
  type SupervisorRef,
} from './staff-plan';
import { StaffRepository, type StaffPersonRow } from './staff.repository';

export type { StaffChange, StaffPlan, PlannedChange, PlanProblem };

/** People and events are written this many at a time (what one statement carries). */
const EVENT_SLICE = 10_000;

/** Who sends staff records, and the agency subtree they may change (null: the whole government). */
export interface StaffSource {
  kind: 'import' | 'scim' | 'provider';
  /** The officer's e-mail or the connected system's name, as the audit log shows it. */
  label: string;
  actorId: string | null;
  rootAgencyId: string | null;
  ip: string | null;
}

/** A person as a connected system reads them. */
export type StaffPerson = Omit<StaffPersonRow, 'roles' | 'updatedAt'> & { updatedAt: Date };

/** A record refused: a 422 that carries every problem found (field, stable code, message). */
export class StaffRecordRefusal extends UnprocessableEntityException {
  constructor(readonly problems: StaffRecordProblem[]) {
    super({
      message: `The staff record cannot be taken: ${problems.map((p) => p.message).join('; ')}.`,
      problems,
    });
  }
}

export interface AppliedPlan {
  counts: StaffPlan['counts'];
  /** Ids of the people the plan created, by registration number. */
  created: Map<string, string>;
}

@Injectable()
export class StaffSyncService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly staff: StaffRepository,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordsService,
    private readonly handovers: HandoversService,
  ) {}

  /** The plan for these rows against the staff records as they are now (in the caller's transaction). */
  async plan(
    manager: EntityManager,
    source: StaffSource,
    rows: PlanRow[],
    options: { fullSync: boolean; rootAgencyId: string | null; progress?: (step: string) => void },
  ): Promise<StaffPlan> {
    const registrationNumbers = new Set<string>();
    const emails: string[] = [];
    const ids: string[] = [];
    for (const { record, userId } of rows) {
      registrationNumbers.add(record.registrationNumber);
      if (record.supervisorRegistrationNumber) registrationNumbers.add(record.supervisorRegistrationNumber);
      if (record.email) emails.push(record.email);
      if (userId) ids.push(userId);
    }
    options.progress?.('state');
    // One after the other: inside a transaction the three share one connection.
    const agencies = await this.staff.agencies(manager, options.rootAgencyId);
    const positions = await this.staff.positions(manager);
    const people = await this.staff.knownPeople(
      manager,
      { registrationNumbers: [...registrationNumbers], emails, ids },
      options.rootAgencyId,
      options.fullSync,
    );
    const state: PlanningState = {
      agencies: new Map(agencies.map((a) => [a.code, a])),
      agencyCodes: new Map(agencies.map((a) => [a.id, a.code])),
      positions: new Map(positions.map((p) => [p.code, p.id])),
      positionCodes: new Map(positions.map((p) => [p.id, p.code])),
      people,
      today: todayInUlaanbaatar(),
      actorId: source.actorId,
    };
    options.progress?.('compare');
    return planStaffChanges(state, rows, { fullSync: options.fullSync });
  }

  /**
   * Writes a plan in the caller's transaction (which holds lockStaffWrites): one statement per kind
   * of change, whatever the number of people; then the history, the events and the invitations.
   */
  async apply(
    manager: EntityManager,
    plan: StaffPlan,
    options: { invite: boolean; progress?: (step: string) => void },
  ): Promise<AppliedPlan> {
    const step = options.progress ?? (() => undefined);
    const created = new Map<string, string>();
    const creates = plan.changes.filter((c) => c.kind === 'create');
    for (const c of creates) created.set(c.registrationNumber!, randomUUID());
    const idOf = (c: PlannedChange) => c.userId ?? created.get(c.registrationNumber!)!;
    const written = plan.changes.filter((c) => c.target);
    const fields = (c: PlannedChange) => {
      const r = c.target!.record;
      return {
        id: idOf(c),
        registrationNumber: r.registrationNumber,
        familyName: r.familyName,
        givenName: r.givenName,
        nameLatin: r.nameLatin,
        name: displayName(r),
        email: r.email,
        phone: r.phone,
        staffNumber: r.staffNumber,
        agencyId: c.target!.agencyId,
        positionId: c.target!.positionId,
        joinedServiceOn: r.joinedServiceOn,
        externalId: r.externalId,
      };
    };
    // New people are written with their supervisor, supervisors first (level by level), so no row
    // is written twice; people who stay get theirs set after their own row.
    const supervisorIdOf = (c: PlannedChange) => {
      const s = c.target!.supervisor;
      return s === null ? null : 'id' in s ? s.id : created.get(s.newRegistrationNumber)!;
    };
    step('people');
    // Row objects are built a slice at a time: 200,000 of them at once would double what the plan holds.
    const ordered = supervisorsFirst(creates);
    for (let i = 0; i < ordered.length; i += EVENT_SLICE)
      await this.staff.insertPeople(
        manager,
        ordered.slice(i, i + EVENT_SLICE).map((c) => ({
          ...fields(c),
          supervisorId: supervisorIdOf(c),
          agencySince: c.target!.agencySince!,
          positionSince: c.target!.positionSince!,
        })),
      );
    await this.staff.updatePeople(
      manager,
      written
        .filter((c) => c.kind !== 'create')
        .map((c) => ({ ...fields(c), agencySince: c.target!.agencySince, positionSince: c.target!.positionSince })),
    );
    await this.staff.setSupervisors(
      manager,
      written.filter((c) => c.kind !== 'create').map((c) => ({ userId: idOf(c), supervisorId: supervisorIdOf(c) })),
    );
    const leavers = plan.changes.filter((c) => c.kind === 'leave');
    await this.staff.deactivate(
      manager,
      leavers.map((c) => c.userId!),
    );
    const placed = plan.changes.filter((c) => c.kind !== 'update');
    step('history');
    await this.users.recordPlacements(
      manager,
      creates.map((c) => ({ userId: idOf(c), on: c.effectiveOn })),
      true,
    );
    await this.users.recordPlacements(
      manager,
      placed.filter((c) => c.kind !== 'create').map((c) => ({ userId: idOf(c), on: c.effectiveOn })),
    );
    step('events');
    // In slices, so 200,000 events never sit in memory as one statement's text.
    for (let i = 0; i < creates.length; i += EVENT_SLICE)
      await addOutboxEvents(
        manager,
        'user.created',
        creates.slice(i, i + EVENT_SLICE).map((c) => ({ userId: idOf(c), agencyId: c.target!.agencyId })),
      );
    const moves: PersonMove[] = placed
      .filter((c) => c.kind !== 'create')
      .map((c) => {
        const { agencyId: previousAgencyId, positionId: previousPositionId } = c.previous!;
        return {
          userId: idOf(c),
          agencyId: c.target?.agencyId ?? previousAgencyId,
          previousAgencyId,
          positionId: c.target?.positionId ?? previousPositionId,
          previousPositionId,
          isActive: c.kind !== 'leave',
          wasActive: c.kind !== 'rejoin',
          on: c.effectiveOn,
        };
      });
    for (let i = 0; i < moves.length; i += EVENT_SLICE)
      await addOutboxEvents(manager, 'user.moved', moves.slice(i, i + EVENT_SLICE));
    // What movers and leavers steward goes to a successor (after their rows and supervisors are written).
    step('handovers');
    await this.handovers.openFor(manager, moves);
    step('invitations');
    if (options.invite)
      for (const c of creates)
        if (c.target!.record.email) await this.passwords.sendLink(manager, idOf(c), 'invitation');
    return { counts: plan.counts, created };
  }

  // ---- one record at a time (SCIM) ----

  /** Creates or changes one person from their record; a record with problems changes nothing. */
  async saveRecord(
    source: StaffSource,
    record: StaffRecord,
    options: { userId?: string; active?: boolean } = {},
  ): Promise<{ userId: string; change: StaffChange }> {
    return this.dataSource.transaction(async (manager) => {
      await this.staff.lockStaffWrites(manager);
      if (options.userId && !(await this.staff.findPerson(source.rootAgencyId, options.userId)))
        throw new NotFoundException('No person with this id is visible to this connection.');
      const plan = await this.plan(
        manager,
        source,
        [{ line: null, record, userId: options.userId, keepInactive: options.active === false }],
        {
          fullSync: false,
          rootAgencyId: source.rootAgencyId,
        },
      );
      if (plan.problems.length) throw refusalOf(plan.problems);
      const applied = await this.apply(manager, plan, { invite: false });
      const change = plan.changes[0];
      const userId = change
        ? (change.userId ?? applied.created.get(record.registrationNumber)!)
        : await this.idOf(manager, source, record, options.userId);
      let kind = (change?.kind ?? 'unchanged') as StaffChange;
      if (options.active === false) {
        const left = await this.leaveIn(manager, source, userId);
        if (left !== 'unchanged') kind = kind === 'create' ? 'create' : left;
      }
      if (kind !== 'unchanged') await this.audit(manager, source, kind, userId, record.registrationNumber);
      return { userId, change: kind };
    });
  }

  /** The person leaves today (or on `on`): deactivated, sessions ended, history closed; never deleted. */
  async leave(source: StaffSource, userId: string): Promise<StaffChange> {
    return this.dataSource.transaction(async (manager) => {
      await this.staff.lockStaffWrites(manager);
      const person = await this.staff.findPerson(source.rootAgencyId, userId);
      if (!person) throw new NotFoundException('No person with this id is visible to this connection.');
      const change = await this.leaveIn(manager, source, userId);
      if (change !== 'unchanged') await this.audit(manager, source, change, userId, person.registrationNumber);
      return change;
    });
  }

  async findPeople(
    source: StaffSource,
    filter: { registrationNumber?: string; externalId?: string },
    offset: number,
    limit: number,
  ): Promise<{ items: StaffPerson[]; total: number }> {
    const { rows, total } = await this.staff.findPeople(source.rootAgencyId, filter, offset, limit);
    return { items: rows.map(personOf), total };
  }

  async getPerson(source: StaffSource, userId: string): Promise<StaffPerson | undefined> {
    const row = await this.staff.findPerson(source.rootAgencyId, userId);
    return row ? personOf(row) : undefined;
  }

  private async leaveIn(manager: EntityManager, source: StaffSource, userId: string): Promise<StaffChange> {
    const [person] = await this.staff.knownPeople(
      manager,
      { registrationNumbers: [], emails: [], ids: [userId] },
      source.rootAgencyId,
      false,
    );
    if (!person?.inScope) throw new NotFoundException('No person with this id is visible to this connection.');
    if (!person.isActive) return 'unchanged';
    const plan: StaffPlan = {
      changes: [
        {
          kind: 'leave',
          line: null,
          userId,
          registrationNumber: person.registrationNumber,
          name: person.name,
          fields: [],
          previous: { agencyId: person.agencyId, positionId: person.positionId },
          effectiveOn: todayInUlaanbaatar(),
        },
      ],
      problems: [],
      counts: { create: 0, update: 0, move: 0, rejoin: 0, leave: 1, unchanged: 0, problems: 0 },
      digest: '',
    };
    await this.apply(manager, plan, { invite: false });
    return 'leave';
  }

  private async idOf(
    manager: EntityManager,
    source: StaffSource,
    record: StaffRecord,
    userId?: string,
  ): Promise<string> {
    if (userId) return userId;
    const [person] = await this.staff.knownPeople(
      manager,
      { registrationNumbers: [record.registrationNumber], emails: [], ids: [] },
      source.rootAgencyId,
      false,
    );
    return person.id;
  }

  private async audit(
    manager: EntityManager,
    source: StaffSource,
    change: StaffChange,
    userId: string,
    registrationNumber: string | null,
  ): Promise<void> {
    await recordAudit(
      manager,
      { id: source.actorId, email: source.label, ip: source.ip },
      `staff.${source.kind}.${change}`,
      { type: 'user', id: userId },
      { registrationNumber },
    );
  }
}

/** The refusal a single record's problems make: 409 when only someone else's number or address is in the way. */
export function refusalOf(problems: PlanProblem[]): Error {
  const conflicts = problems.filter((p) => p.code === 'taken' || p.code === 'email-taken');
  if (conflicts.length === problems.length) return new ConflictException(conflicts.map((p) => p.message).join('; '));
  const outside = problems.find((p) => p.code === 'agency-outside-subtree' || p.code === 'outside-subtree');
  if (outside) return new ForbiddenException(outside.message);
  return new StaffRecordRefusal(problems.map(({ field, code, message }) => ({ field, code, message })));
}

/** New people ordered so that each comes after the new person who supervises them (the plan has no cycles). */
function supervisorsFirst(creates: PlannedChange[]): PlannedChange[] {
  const byNumber = new Map(creates.map((c) => [c.registrationNumber!, c]));
  const depth = new Map<PlannedChange, number>();
  const depthOf = (c: PlannedChange): number => {
    const chain: PlannedChange[] = [];
    let at: PlannedChange | undefined = c;
    while (at && depth.get(at) === undefined) {
      chain.push(at);
      const s: SupervisorRef = at.target!.supervisor;
      at = s && 'newRegistrationNumber' in s ? byNumber.get(s.newRegistrationNumber) : undefined;
    }
    let level = at ? depth.get(at)! + 1 : 0;
    for (let i = chain.length - 1; i >= 0; i--) depth.set(chain[i], level++);
    return depth.get(c)!;
  };
  return [...creates].sort((a, b) => depthOf(a) - depthOf(b));
}

function personOf(row: StaffPersonRow): StaffPerson {
  const { roles: _roles, updatedAt, ...rest } = row;
  return { ...rest, updatedAt: new Date(updatedAt) };
}

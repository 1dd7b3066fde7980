// What a set of HR records would change, worked out before anything is written: who is created,
// updated, moved, comes back or (in a full sync) leaves; who is unchanged; and every record that
// cannot be taken, with its line and reason. Pure: StaffSyncService loads the state, plans, shows
// the plan (a preview), and applies the same plan, recomputed, under a lock.
import { createHash } from 'node:crypto';
import type { Role } from '../roles';
import { displayName, type StaffRecord } from './staff-record';

export type StaffChange = 'create' | 'update' | 'move' | 'rejoin' | 'leave' | 'unchanged';

/** A person as the planner compares them with a record. */
export interface KnownPerson {
  id: string;
  registrationNumber: string | null;
  familyName: string | null;
  givenName: string | null;
  nameLatin: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  staffNumber: string | null;
  agencyId: string;
  positionId: string;
  supervisorId: string | null;
  joinedServiceOn: string | null;
  positionSince: string;
  /** Where the open placement began (the earliest date a move can take effect). */
  placedSince: string;
  leftOn: string | null;
  externalId: string | null;
  isActive: boolean;
  roles: Role[];
  /** Whether the person's agency lies in the subtree the records come for. */
  inScope: boolean;
  updatedAt: string;
}

export interface PlanningState {
  agencies: Map<string, { id: string; code: string; inScope: boolean }>; // by code
  agencyCodes: Map<string, string>; // id → code
  positions: Map<string, string>; // code → id
  positionCodes: Map<string, string>; // id → code
  people: KnownPerson[];
  today: string;
  /** Never made a leaver by a full sync (the officer running it). */
  actorId: string | null;
}

export interface PlanRow {
  line: number | null;
  record: StaffRecord;
  /** The person the record is for (SCIM PUT/PATCH); otherwise matched by registration number. */
  userId?: string;
  /** A record for someone who left that does not bring them back (SCIM with active false). */
  keepInactive?: boolean;
}

export interface PlanProblem {
  line: number | null;
  registrationNumber?: string;
  field: string;
  code: string;
  message: string;
}

/** Who supervises a person after the change: someone who exists, someone this plan creates, or nobody. */
export type SupervisorRef = { id: string } | { newRegistrationNumber: string } | null;

export interface PlannedChange {
  kind: Exclude<StaffChange, 'unchanged'>;
  line: number | null;
  /** Null for people the plan creates (apply gives them an id). */
  userId: string | null;
  registrationNumber: string | null;
  name: string;
  /** The fields that change (update, move, rejoin). */
  fields: string[];
  from?: { agencyCode: string; positionCode: string };
  /** Where a person who exists works now (apply announces it as the move's previous place). */
  previous?: { agencyId: string; positionId: string };
  to?: { agencyCode: string; positionCode: string };
  /** The day the change takes effect (placements, agency_since/position_since, left_on). */
  effectiveOn: string;
  /** What apply writes (absent for leavers). */
  target?: {
    record: StaffRecord;
    agencyId: string;
    positionId: string;
    supervisor: SupervisorRef;
    agencySince: string | null;
    positionSince: string | null;
  };
}

export interface StaffPlan {
  changes: PlannedChange[];
  problems: PlanProblem[];
  counts: Record<StaffChange, number> & { problems: number };
  /** Changes the plan's outcome would notice: the same digest at apply means the preview still holds. */
  digest: string;
}

const minDate = (a: string, b: string) => (a < b ? a : b);

export function planStaffChanges(state: PlanningState, rows: PlanRow[], options: { fullSync: boolean }): StaffPlan {
  const problems: PlanProblem[] = [];
  const byRegnum = new Map<string, KnownPerson>();
  const byId = new Map<string, KnownPerson>();
  const emailOwner = new Map<string, string>();
  for (const p of state.people) {
    if (p.registrationNumber) byRegnum.set(p.registrationNumber, p);
    byId.set(p.id, p);
    if (p.email) emailOwner.set(p.email, p.id);
  }
  const problem = (row: PlanRow, field: string, code: string, message: string) =>
    problems.push({ line: row.line, registrationNumber: row.record.registrationNumber, field, code, message });

  // Rows that name the same person (or address) twice are refused, each of them.
  const firstLine = new Map<string, PlanRow>();
  const firstEmail = new Map<string, PlanRow>();
  const duplicated = new Set<PlanRow>();
  for (const row of rows) {
    const seen = firstLine.get(row.record.registrationNumber);
    if (seen) {
      if (!duplicated.has(seen))
        problem(seen, 'registration_number', 'duplicate', `the same registration number as line ${row.line}`);
      duplicated.add(row).add(seen);
      problem(row, 'registration_number', 'duplicate', `the same registration number as line ${seen.line}`);
    } else firstLine.set(row.record.registrationNumber, row);
    if (row.record.email) {
      const other = firstEmail.get(row.record.email);
      if (other && other.record.registrationNumber !== row.record.registrationNumber) {
        duplicated.add(row);
        problem(row, 'email', 'duplicate', `the same e-mail address as line ${other.line}`);
      } else if (!other) firstEmail.set(row.record.email, row);
    }
  }

  // Match each row to a person, check its codes and scope.
  interface Matched {
    row: PlanRow;
    person: KnownPerson | undefined;
    agency: { id: string; code: string };
    positionId: string;
  }
  const matched: Matched[] = [];
  const inFile = new Set<string>(); // person ids the file speaks for
  for (const row of rows) {
    if (duplicated.has(row)) continue;
    const r = row.record;
    const byNumber = byRegnum.get(r.registrationNumber);
    let person = byNumber;
    if (row.userId) {
      person = byId.get(row.userId);
      if (byNumber && byNumber.id !== row.userId) {
        problem(row, 'registration_number', 'taken', 'this registration number belongs to another person');
        continue;
      }
    }
    let ok = true;
    const agency = state.agencies.get(r.agencyCode);
    if (!agency) {
      problem(row, 'agency_code', 'unknown-agency', `no agency has the code ${r.agencyCode}`);
      ok = false;
    } else if (!agency.inScope) {
      problem(row, 'agency_code', 'agency-outside-subtree', `${r.agencyCode} is not one of the agencies you manage`);
      ok = false;
    }
    const positionId = state.positions.get(r.positionCode);
    if (!positionId) {
      problem(row, 'position_code', 'unknown-position', `no position has the code ${r.positionCode}`);
      ok = false;
    }
    if (person && !person.inScope && person.isActive) {
      problem(
        row,
        'registration_number',
        'outside-subtree',
        'this person works in an agency outside the ones you manage; their HR unit records the move first',
      );
      ok = false;
    }
    if (r.email) {
      const owner = emailOwner.get(r.email);
      if (owner && owner !== person?.id) {
        problem(row, 'email', 'email-taken', 'another person already has this e-mail address');
        ok = false;
      }
    }
    if (person) inFile.add(person.id);
    if (ok) matched.push({ row, person, agency: agency!, positionId: positionId! });
  }

  // Leavers: in a full sync, the active people of the subtree the file does not name (never the
  // officer running it, nor administrators, who are not staff records).
  const leavers = options.fullSync
    ? state.people
        .filter(
          (p) => p.inScope && p.isActive && !inFile.has(p.id) && p.id !== state.actorId && !p.roles.includes('admin'),
        )
        .sort((a, b) => (a.id < b.id ? -1 : 1))
    : [];
  const leaving = new Set(leavers.map((p) => p.id));

  // Supervisors: someone who stays, or someone this file creates.
  const creating = new Set(matched.filter((m) => !m.person).map((m) => m.row.record.registrationNumber));
  const supervisorOf = new Map<Matched, SupervisorRef>();
  const good: Matched[] = [];
  for (const m of matched) {
    const wanted = m.row.record.supervisorRegistrationNumber;
    if (!wanted) {
      supervisorOf.set(m, null);
      good.push(m);
      continue;
    }
    const boss = byRegnum.get(wanted);
    if (boss && boss.isActive && !leaving.has(boss.id)) {
      supervisorOf.set(m, { id: boss.id });
      good.push(m);
    } else if (!boss && creating.has(wanted)) {
      supervisorOf.set(m, { newRegistrationNumber: wanted });
      good.push(m);
    } else
      problem(
        m.row,
        'supervisor_registration_number',
        boss ? 'supervisor-leaves' : 'unknown-supervisor',
        boss
          ? `the supervisor ${wanted} has left or leaves with this file`
          : `nobody with the registration number ${wanted} is in the file or already recorded`,
      );
  }

  // A supervisor cycle (A reports to B, B to A) is refused on every row that closes it.
  const bossOf = new Map<string, string | null>(); // by registration number or id
  const keyOf = (m: Matched) => m.person?.id ?? `new:${m.row.record.registrationNumber}`;
  for (const p of state.people) bossOf.set(p.id, p.supervisorId);
  const refKey = (ref: SupervisorRef): string | null =>
    ref === null ? null : 'id' in ref ? ref.id : (byRegnumKey.get(ref.newRegistrationNumber) ?? null);
  const byRegnumKey = new Map<string, string>(good.map((m) => [m.row.record.registrationNumber, keyOf(m)]));
  for (const m of good) bossOf.set(keyOf(m), refKey(supervisorOf.get(m)!));
  // Each chain is walked once: nodes already walked are settled, and a walk that meets its own path
  // has found a cycle (every node from there on is in it).
  const inCycle = new Set<string>();
  const settled = new Set<string>();
  for (const m of good) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let at: string | null = keyOf(m);
    while (at && !settled.has(at)) {
      const seenAt = onPath.get(at);
      if (seenAt !== undefined) {
        for (const node of path.slice(seenAt)) inCycle.add(node);
        break;
      }
      onPath.set(at, path.length);
      path.push(at);
      at = bossOf.get(at) ?? null;
    }
    for (const node of path) settled.add(node);
  }
  const accepted = good.filter((m) => {
    if (!inCycle.has(keyOf(m))) return true;
    problem(m.row, 'supervisor_registration_number', 'supervisor-cycle', 'the supervisors named form a cycle');
    return false;
  });

  // The changes themselves.
  const changes: PlannedChange[] = [];
  const counts: StaffPlan['counts'] = { create: 0, update: 0, move: 0, rejoin: 0, leave: 0, unchanged: 0, problems: 0 };
  for (const m of accepted) {
    const r = m.row.record;
    const supervisor = supervisorOf.get(m)!;
    const to = { agencyCode: m.agency.code, positionCode: r.positionCode };
    const p = m.person;
    if (!p) {
      const on = minDate(r.positionSince ?? r.joinedServiceOn ?? state.today, state.today);
      changes.push({
        kind: 'create',
        line: m.row.line,
        userId: null,
        registrationNumber: r.registrationNumber,
        name: displayName(r),
        fields: [],
        to,
        effectiveOn: on,
        target: {
          record: r,
          agencyId: m.agency.id,
          positionId: m.positionId,
          supervisor,
          agencySince: on,
          positionSince: on,
        },
      });
      counts.create++;
      continue;
    }
    const fields: string[] = [];
    const differs = (field: string, a: unknown, b: unknown) => {
      if ((a ?? null) !== (b ?? null)) fields.push(field);
    };
    differs('registration_number', r.registrationNumber, p.registrationNumber);
    differs('family_name', r.familyName, p.familyName);
    differs('given_name', r.givenName, p.givenName);
    differs('name_latin', r.nameLatin, p.nameLatin);
    differs('email', r.email, p.email);
    differs('phone', r.phone, p.phone);
    differs('staff_number', r.staffNumber, p.staffNumber);
    if (r.joinedServiceOn) differs('joined_service_on', r.joinedServiceOn, p.joinedServiceOn);
    if (r.externalId) differs('external_id', r.externalId, p.externalId);
    const supervisorId =
      supervisor === null ? null : 'id' in supervisor ? supervisor.id : `new:${supervisor.newRegistrationNumber}`;
    differs('supervisor', supervisorId, p.supervisorId);
    const agencyMoves = m.agency.id !== p.agencyId;
    const positionMoves = m.positionId !== p.positionId;
    const rejoins = !p.isActive && !m.row.keepInactive;
    const datedMove =
      r.positionSince && r.positionSince > p.placedSince && r.positionSince <= state.today
        ? r.positionSince
        : state.today;
    const effectiveOn = rejoins
      ? r.positionSince && p.leftOn && r.positionSince >= p.leftOn && r.positionSince <= state.today
        ? r.positionSince
        : state.today
      : datedMove;
    if (agencyMoves) fields.push('agency');
    if (positionMoves) fields.push('position');
    // position_since is set by a move or a return only (a later file giving an older date for the same
    // position changes nothing): otherwise importing the same file twice would not be idempotent.
    const kind: PlannedChange['kind'] | 'unchanged' = rejoins
      ? 'rejoin'
      : agencyMoves || positionMoves
        ? 'move'
        : fields.length
          ? 'update'
          : 'unchanged';
    counts[kind]++;
    if (kind === 'unchanged') continue;
    const moving = kind === 'move' || kind === 'rejoin';
    changes.push({
      kind,
      line: m.row.line,
      userId: p.id,
      registrationNumber: r.registrationNumber,
      name: displayName(r),
      fields,
      from: { agencyCode: state.agencyCodes.get(p.agencyId)!, positionCode: state.positionCodes.get(p.positionId)! },
      previous: { agencyId: p.agencyId, positionId: p.positionId },
      to,
      effectiveOn: moving ? effectiveOn : state.today,
      target: {
        record: r,
        agencyId: m.agency.id,
        positionId: m.positionId,
        supervisor,
        agencySince: agencyMoves || rejoins ? effectiveOn : null,
        positionSince: positionMoves || rejoins ? effectiveOn : null,
      },
    });
  }
  for (const p of leavers) {
    changes.push({
      kind: 'leave',
      line: null,
      userId: p.id,
      registrationNumber: p.registrationNumber,
      name: p.name,
      fields: [],
      from: { agencyCode: state.agencyCodes.get(p.agencyId)!, positionCode: state.positionCodes.get(p.positionId)! },
      previous: { agencyId: p.agencyId, positionId: p.positionId },
      effectiveOn: state.today,
    });
    counts.leave++;
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  counts.problems = problems.length;

  const touched = new Map(state.people.map((p) => [p.id, p.updatedAt]));
  const digest = createHash('sha256');
  for (const c of changes)
    digest.update(
      JSON.stringify([c.kind, c.userId, c.userId ? touched.get(c.userId) : null, c.effectiveOn, c.target ?? null]),
    );
  digest.update(JSON.stringify(problems));
  return { changes, problems, counts, digest: digest.digest('hex') };
}

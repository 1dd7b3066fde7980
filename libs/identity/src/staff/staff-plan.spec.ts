import { maskRegistrationNumber, normalizeRegistrationNumber, registrationNumberProblem } from './registration-number';
import { planStaffChanges, type KnownPerson, type PlanningState } from './staff-plan';
import { checkStaffRecord, type StaffRecord } from './staff-record';
import { transliterateMongolian } from './transliteration';

const TODAY = '2026-12-05';

function state(people: Partial<KnownPerson>[] = []): PlanningState {
  return {
    agencies: new Map([
      ['tax', { id: 'a-tax', code: 'tax', inScope: true }],
      ['audit', { id: 'a-audit', code: 'audit', inScope: true }],
      ['police', { id: 'a-police', code: 'police', inScope: false }],
    ]),
    agencyCodes: new Map([
      ['a-tax', 'tax'],
      ['a-audit', 'audit'],
      ['a-police', 'police'],
    ]),
    positions: new Map([
      ['inspector', 'p-inspector'],
      ['head', 'p-head'],
    ]),
    positionCodes: new Map([
      ['p-inspector', 'inspector'],
      ['p-head', 'head'],
    ]),
    people: people.map((p, i) => ({
      id: `u${i}`,
      registrationNumber: null,
      familyName: null,
      givenName: null,
      nameLatin: null,
      name: 'Someone',
      email: null,
      phone: null,
      staffNumber: null,
      agencyId: 'a-tax',
      positionId: 'p-inspector',
      supervisorId: null,
      joinedServiceOn: null,
      positionSince: '2020-01-01',
      placedSince: '2020-01-01',
      leftOn: null,
      externalId: null,
      isActive: true,
      roles: ['learner'],
      inScope: true,
      updatedAt: '2026-01-01T00:00:00.000000Z',
      ...p,
    })),
    today: TODAY,
    actorId: 'officer',
  };
}

function record(overrides: Record<string, string> = {}): StaffRecord {
  const checked = checkStaffRecord({
    registration_number: 'УБ99061512',
    family_name: 'Дорж',
    given_name: 'Бат-Эрдэнэ',
    agency_code: 'tax',
    position_code: 'inspector',
    ...overrides,
  });
  if ('problems' in checked) throw new Error(JSON.stringify(checked.problems));
  return checked.record;
}

describe('registration numbers', () => {
  it('takes two Cyrillic letters and eight digits forming a birth date, normalized', () => {
    expect(normalizeRegistrationNumber(' уб 99061512 ')).toBe('УБ99061512');
    expect(registrationNumberProblem('УБ99061512')).toBeNull();
    expect(registrationNumberProblem('ӨҮ05240101')).toBeNull(); // born 2005: month + 20
    expect(registrationNumberProblem('UB99061512')).toMatch(/Cyrillic/); // Latin look-alikes
    expect(registrationNumberProblem('УБ99131512')).toMatch(/month/);
    expect(registrationNumberProblem('УБ99063212')).toMatch(/day/);
    expect(maskRegistrationNumber('УБ99061512')).toBe('УБ******12');
  });

  it('transliterates names as passports do', () => {
    expect(transliterateMongolian('Жаргалсайхан Өлзийхүү')).toBe('Jargalsaikhan Olziikhuu');
    expect(transliterateMongolian('Цэцэг-Ёндон')).toBe('Tsetseg-Yondon');
  });
});

describe('planStaffChanges', () => {
  it('creates, leaves unchanged, and is unchanged a second time', () => {
    const r = record();
    const plan = planStaffChanges(state(), [{ line: 2, record: r }], { fullSync: false });
    expect(plan.counts).toEqual(expect.objectContaining({ create: 1, problems: 0 }));
    const same = planStaffChanges(
      state([
        {
          registrationNumber: r.registrationNumber,
          familyName: r.familyName,
          givenName: r.givenName,
          nameLatin: r.nameLatin,
        },
      ]),
      [{ line: 2, record: r }],
      { fullSync: false },
    );
    expect(same.counts).toEqual(expect.objectContaining({ unchanged: 1, create: 0, update: 0 }));
  });

  it('dates a move by position_since only when it is after the current placement and not in the future', () => {
    const known = {
      registrationNumber: 'УБ99061512',
      familyName: 'Дорж',
      givenName: 'Бат-Эрдэнэ',
      nameLatin: 'Dorj Bat-Erdene',
    };
    const move = (since: string) =>
      planStaffChanges(state([known]), [{ line: 2, record: record({ agency_code: 'audit', position_since: since }) }], {
        fullSync: false,
      }).changes[0];
    expect(move('2024-05-01')).toEqual(
      expect.objectContaining({ kind: 'move', effectiveOn: '2024-05-01', fields: ['agency'] }),
    );
    expect(move('2019-05-01').effectiveOn).toBe(TODAY); // before the current placement began
    expect(move('2027-05-01').effectiveOn).toBe(TODAY); // in the future
  });

  it('in a full sync, makes leavers of the subtree but never the officer or administrators', () => {
    const plan = planStaffChanges(
      state([
        { id: 'gone', registrationNumber: 'ДА85030911' },
        { id: 'officer' },
        { id: 'admin', roles: ['admin'] },
        { id: 'elsewhere', inScope: false },
      ]),
      [{ line: 2, record: record() }],
      { fullSync: true },
    );
    expect(plan.changes.filter((c) => c.kind === 'leave').map((c) => c.userId)).toEqual(['gone']);
  });

  it('refuses supervisor cycles, unknown supervisors and out-of-scope agencies on their rows', () => {
    const a = record({ registration_number: 'УБ99061512', supervisor_registration_number: 'ДА85030911' });
    const b = record({ registration_number: 'ДА85030911', supervisor_registration_number: 'УБ99061512' });
    const c = record({ registration_number: 'ТӨ91070522', supervisor_registration_number: 'ХЭ94120834' });
    const d = record({ registration_number: 'ОР98041745', agency_code: 'police' });
    const plan = planStaffChanges(
      state(),
      [
        { line: 2, record: a },
        { line: 3, record: b },
        { line: 4, record: c },
        { line: 5, record: d },
      ],
      { fullSync: false },
    );
    expect(plan.problems.map((p) => `${p.line}:${p.code}`)).toEqual([
      '2:supervisor-cycle',
      '3:supervisor-cycle',
      '4:unknown-supervisor',
      '5:agency-outside-subtree',
    ]);
    expect(plan.changes).toEqual([]);
  });

  it('gives the same digest for the same state and rows, and another when a person changed meanwhile', () => {
    const known = { registrationNumber: 'УБ99061512', phone: '1' };
    const rows = [{ line: 2, record: record({ phone: '+97699112233' }) }];
    const first = planStaffChanges(state([known]), rows, { fullSync: false });
    expect(planStaffChanges(state([known]), rows, { fullSync: false }).digest).toBe(first.digest);
    expect(
      planStaffChanges(state([{ ...known, updatedAt: '2026-12-05T01:00:00Z' }]), rows, { fullSync: false }).digest,
    ).not.toBe(first.digest);
  });
});

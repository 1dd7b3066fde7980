import { applyPatch, PATCH_OP_SCHEMA } from './scim-patch';
import { ENTERPRISE_SCHEMA, STAFF_SCHEMA, toScimUser } from './scim-user';
import type { StaffPerson } from '../staff/staff-sync.service';

const person: StaffPerson = {
  id: '0b9f3c56-3a43-4f3e-8d1c-1a2b3c4d5e6f',
  registrationNumber: 'УБ99061512',
  familyName: 'Доржийн',
  givenName: 'Бат',
  nameLatin: 'Dorjiin Bat',
  name: 'Доржийн Бат',
  email: 'bat@mof.gov.mn',
  phone: '+976 99112233',
  staffNumber: 'S-17',
  agencyId: '5d1f0e3a-8b7c-4d6e-9f0a-1b2c3d4e5f60',
  positionId: '6e2f1a4b-9c8d-4e7f-8a1b-2c3d4e5f6a71',
  agencyCode: 'ministry-finance',
  positionCode: 'specialist',
  supervisorId: '9c8b7a65-4321-4a1b-9c2d-3e4f5a6b7c8d',
  supervisorRegistrationNumber: 'УБ80010112',
  joinedServiceOn: '2015-09-01',
  positionSince: '2020-01-15',
  leftOn: null,
  externalId: 'HR-1',
  isActive: true,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-02-01T00:00:00Z'),
};

const resource = () => toScimUser(person, 'https://x/scim/v2') as unknown as Record<string, unknown>;
const patch = (...Operations: unknown[]) => applyPatch(resource(), { schemas: [PATCH_OP_SCHEMA], Operations });
const scimTypeOf = (run: () => unknown) => {
  try {
    run();
    return 'accepted';
  } catch (error) {
    return (error as { scimType?: string }).scimType;
  }
};

describe('SCIM PATCH', () => {
  it('replaces a simple attribute with a path, and active', () => {
    expect(patch({ op: 'replace', path: 'active', value: false })).toMatchObject({ active: false });
    expect(patch({ op: 'Replace', path: 'externalId', value: 'HR-2' })).toMatchObject({ externalId: 'HR-2' });
  });

  it('sets sub-attributes and extension attributes by path', () => {
    const out = patch(
      { op: 'replace', path: 'name.givenName', value: 'Болд' },
      { op: 'replace', path: `${STAFF_SCHEMA}:positionCode`, value: 'head-of-division' },
      { op: 'add', path: `${ENTERPRISE_SCHEMA}:manager`, value: { value: 'm-1' } },
    );
    expect(out).toMatchObject({
      name: { familyName: 'Доржийн', givenName: 'Болд' },
      [STAFF_SCHEMA]: { positionCode: 'head-of-division', agencyCode: 'ministry-finance' },
      [ENTERPRISE_SCHEMA]: { manager: { value: 'm-1' } },
    });
  });

  it('takes a value object without a path, its keys being paths or extensions', () => {
    const out = patch({
      op: 'replace',
      value: {
        active: false,
        'name.familyName': 'Батын',
        [`${ENTERPRISE_SCHEMA}:employeeNumber`]: 'S-99',
        [STAFF_SCHEMA]: { agencyCode: 'ministry-justice' },
        title: 'dropped: not kept here',
      },
    });
    expect(out).toMatchObject({
      active: false,
      name: { familyName: 'Батын', givenName: 'Бат' },
      [ENTERPRISE_SCHEMA]: { employeeNumber: 'S-99' },
      [STAFF_SCHEMA]: { agencyCode: 'ministry-justice', positionCode: 'specialist' },
    });
    expect(out).not.toHaveProperty('title');
  });

  it('changes, makes and removes multi-valued elements through a value filter', () => {
    expect(patch({ op: 'replace', path: 'emails[type eq "work"].value', value: 'new@mof.gov.mn' })).toMatchObject({
      emails: [{ value: 'new@mof.gov.mn', type: 'work', primary: true }],
    });
    const made = patch(
      { op: 'remove', path: 'phoneNumbers' },
      { op: 'add', path: 'phoneNumbers[type eq "work"].value', value: '+976 88' },
    );
    expect(made.phoneNumbers).toEqual([{ type: 'work', value: '+976 88' }]);
    expect(patch({ op: 'remove', path: 'emails[type eq "work"]' }).emails).toEqual([]);
  });

  it('removes attributes and sub-attributes', () => {
    const out = patch(
      { op: 'remove', path: 'externalId' },
      { op: 'remove', path: `${ENTERPRISE_SCHEMA}:manager` },
      { op: 'remove', path: 'name.givenName' },
    );
    expect(out).not.toHaveProperty('externalId');
    expect(out[ENTERPRISE_SCHEMA]).not.toHaveProperty('manager');
    expect(out.name).toEqual({ familyName: 'Доржийн', formatted: 'Доржийн Бат' });
  });

  it('refuses with the scimType RFC 7644 gives each mistake', () => {
    expect(scimTypeOf(() => applyPatch(resource(), { Operations: [] }))).toBe('invalidSyntax');
    expect(scimTypeOf(() => patch())).toBe('invalidSyntax');
    expect(scimTypeOf(() => patch({ op: 'move', path: 'active', value: true }))).toBe('invalidSyntax');
    expect(scimTypeOf(() => patch({ op: 'replace', path: 'active' }))).toBe('invalidSyntax');
    expect(scimTypeOf(() => patch({ op: 'remove' }))).toBe('noTarget');
    expect(scimTypeOf(() => patch({ op: 'replace', path: 'id', value: 'x' }))).toBe('mutability');
    expect(scimTypeOf(() => patch({ op: 'replace', path: 'meta.created', value: 'x' }))).toBe('mutability');
    expect(scimTypeOf(() => patch({ op: 'replace', path: `${STAFF_SCHEMA}:leftOn`, value: '2026-01-01' }))).toBe(
      'mutability',
    );
    expect(scimTypeOf(() => patch({ op: 'replace', path: 'shoeSize', value: 44 }))).toBe('invalidPath');
    expect(scimTypeOf(() => patch({ op: 'replace', path: 'active[value eq true]', value: 1 }))).toBe('invalidPath');
    expect(scimTypeOf(() => patch({ op: 'replace', path: 'emails[type eq "home"].value', value: 'a' }))).toBe(
      'accepted',
    );
    expect(scimTypeOf(() => patch({ op: 'replace', path: 'emails[value co "x"].value', value: 'a' }))).toBe('noTarget');
  });

  it('leaves the resource it was given as it was', () => {
    const before = resource();
    const copy = structuredClone(before);
    applyPatch(before, { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'remove', path: 'name.givenName' }] });
    expect(before).toEqual(copy);
  });
});

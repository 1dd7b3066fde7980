import { checkStaffRecord } from '../staff/staff-record';
import { ENTERPRISE_SCHEMA, fromScimUser, STAFF_SCHEMA, toScimUser, USER_SCHEMA } from './scim-user';
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

describe('a person as a SCIM User', () => {
  it('carries the core, enterprise and staff attributes, with meta', () => {
    const user = toScimUser(person, 'https://chadavkhi.mn/scim/v2');
    expect(user).toMatchObject({
      schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA, STAFF_SCHEMA],
      id: person.id,
      externalId: 'HR-1',
      userName: 'УБ99061512',
      name: { familyName: 'Доржийн', givenName: 'Бат', formatted: 'Доржийн Бат' },
      displayName: 'Доржийн Бат',
      emails: [{ value: 'bat@mof.gov.mn', type: 'work', primary: true }],
      phoneNumbers: [{ value: '+976 99112233', type: 'work', primary: true }],
      active: true,
      [ENTERPRISE_SCHEMA]: {
        employeeNumber: 'S-17',
        organization: 'ministry-finance',
        manager: { value: person.supervisorId, $ref: `https://chadavkhi.mn/scim/v2/Users/${person.supervisorId}` },
      },
      [STAFF_SCHEMA]: {
        agencyCode: 'ministry-finance',
        positionCode: 'specialist',
        joinedServiceOn: '2015-09-01',
        positionSince: '2020-01-15',
        nameLatin: 'Dorjiin Bat',
      },
      meta: {
        resourceType: 'User',
        created: '2026-01-01T00:00:00.000Z',
        lastModified: '2026-02-01T00:00:00.000Z',
        location: `https://chadavkhi.mn/scim/v2/Users/${person.id}`,
      },
    });
  });

  it('leaves out what a person lacks rather than sending null', () => {
    const user = toScimUser({ ...person, email: null, phone: null, supervisorId: null, externalId: null }, 'x');
    expect(user).not.toHaveProperty('emails');
    expect(user).not.toHaveProperty('phoneNumbers');
    expect(user).not.toHaveProperty('externalId');
    expect(user[ENTERPRISE_SCHEMA]).not.toHaveProperty('manager');
  });

  it('reads its own output back into the same staff record', () => {
    const input = fromScimUser(toScimUser(person, 'x'));
    expect(input.managerId).toBe(person.supervisorId);
    expect(input.active).toBe(true);
    const checked = checkStaffRecord({ ...input.raw, supervisor_registration_number: 'УБ80010112' });
    expect(checked).toEqual({
      record: {
        registrationNumber: 'УБ99061512',
        familyName: 'Доржийн',
        givenName: 'Бат',
        nameLatin: 'Dorjiin Bat',
        email: 'bat@mof.gov.mn',
        phone: '+976 99112233',
        staffNumber: 'S-17',
        agencyCode: 'ministry-finance',
        positionCode: 'specialist',
        supervisorRegistrationNumber: 'УБ80010112',
        joinedServiceOn: '2015-09-01',
        positionSince: '2020-01-15',
        externalId: 'HR-1',
      },
    });
  });

  it('takes attribute names in any case, the primary e-mail, the organization as agency, and "False" as false', () => {
    const input = fromScimUser({
      schemas: [USER_SCHEMA],
      USERNAME: 'уб99061512',
      Name: { FamilyName: 'Доржийн', givenname: 'Бат' },
      emails: [
        { value: 'home@example.mn', type: 'home' },
        { value: 'bat@mof.gov.mn', primary: true },
      ],
      active: 'False',
      [ENTERPRISE_SCHEMA]: { organization: 'ministry-finance' },
    });
    expect(input.raw).toMatchObject({
      registration_number: 'уб99061512',
      family_name: 'Доржийн',
      given_name: 'Бат',
      email: 'bat@mof.gov.mn',
      agency_code: 'ministry-finance',
    });
    expect(input.active).toBe(false);
  });

  it('refuses bodies that are not a User: invalidSyntax for shapes, invalidValue for values', () => {
    const scimTypeOf = (body: unknown) => {
      try {
        fromScimUser(body);
        return 'accepted';
      } catch (error) {
        return (error as { scimType?: string }).scimType;
      }
    };
    expect(scimTypeOf([])).toBe('invalidSyntax');
    expect(scimTypeOf({ schemas: ['urn:other'] })).toBe('invalidSyntax');
    expect(scimTypeOf({ name: 'Бат' })).toBe('invalidSyntax');
    expect(scimTypeOf({ emails: 'bat@mof.gov.mn' })).toBe('invalidSyntax');
    expect(scimTypeOf({ userName: { a: 1 } })).toBe('invalidValue');
    expect(scimTypeOf({ active: 'maybe' })).toBe('invalidValue');
  });
});

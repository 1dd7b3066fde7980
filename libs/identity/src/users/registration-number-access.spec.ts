import { readsRegistrationNumberOf, registrationNumberFor } from './registration-number-access';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const person = { id: 'p', agencyPath: [A, 'a-child'] };

describe('who reads a registration number whole', () => {
  it('is the person, HR of a subtree holding them and an administrator', () => {
    expect(readsRegistrationNumberOf({ id: 'p', roles: ['learner'], agencyId: 'x' }, person)).toBe(true);
    expect(readsRegistrationNumberOf({ id: 'h', roles: ['hr_officer'], agencyId: A }, person)).toBe(true);
    expect(readsRegistrationNumberOf({ id: 'a', roles: ['admin'], agencyId: B }, person)).toBe(true);
  });

  it('masks it for anyone else: a colleague, a trainer, HR of another subtree', () => {
    for (const viewer of [
      { id: 'c', roles: ['learner' as const], agencyId: A },
      { id: 't', roles: ['trainer' as const], agencyId: A },
      { id: 'h', roles: ['hr_officer' as const], agencyId: B },
    ])
      expect(registrationNumberFor(viewer, person, 'УБ99061512')).toBe('УБ******12');
    expect(registrationNumberFor({ id: 'c', roles: ['learner'], agencyId: A }, person, null)).toBeNull();
  });
});

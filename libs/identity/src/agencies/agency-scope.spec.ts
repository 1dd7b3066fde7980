import { scopeCovers, staffScopeOf } from './agency-scope';

describe('staff scope', () => {
  const ministry = 'm',
    dept = 'd',
    other = 'o',
    root = 'g';
  it('lets an admin manage every agency', () => {
    expect(scopeCovers(staffScopeOf({ roles: ['admin'], agencyId: other }), [root, ministry])).toBe(true);
  });
  it('limits an hr_officer to their agency and its sub-agencies', () => {
    const scope = staffScopeOf({ roles: ['hr_officer', 'learner'], agencyId: ministry });
    expect(scopeCovers(scope, [root, ministry])).toBe(true);
    expect(scopeCovers(scope, [root, ministry, dept])).toBe(true);
    expect(scopeCovers(scope, [root, other])).toBe(false);
    expect(scopeCovers(scope, [root])).toBe(false);
  });
  it('gives a learner or trainer no staff scope', () => {
    expect(staffScopeOf({ roles: ['learner', 'trainer'], agencyId: ministry }).kind).toBe('none');
  });
});

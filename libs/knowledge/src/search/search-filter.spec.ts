import { buildFilter, quote, visibilityFilter } from './search-filter';

const user = { id: 'u', roles: ['learner' as const], agencyId: 'dept', agencyPath: ['gov', 'ministry', 'dept'] };

describe('search filter', () => {
  it('shows the anonymous public only public entries', () => {
    expect(visibilityFilter(null)).toBe('visibility = public');
  });

  it('shows a signed-in user internal entries and agency entries owned by their agency or an ancestor', () => {
    expect(visibilityFilter(user)).toBe(
      '(visibility IN [public, internal] OR (visibility = agency AND agencyId IN ["gov", "ministry", "dept"]))',
    );
  });

  it('leaves an administrator unfiltered', () => {
    expect(visibilityFilter({ ...user, roles: ['admin'] })).toBe('');
    expect(buildFilter({ ...user, roles: ['admin'] }, { type: 'law' })).toBe('type = "law"');
  });

  it('ANDs every facet filter after the visibility rule, so no facet can widen it', () => {
    expect(buildFilter(null, { type: 'policy', agencyId: 'a1', tag: 'ил тод', language: 'mn' })).toBe(
      'visibility = public AND type = "policy" AND agencyPath = "a1" AND tags = "ил тод" AND language = "mn"',
    );
  });

  it('quotes values so a crafted tag cannot close the string and add OR clauses', () => {
    expect(quote('x" OR visibility = agency OR tags = "y')).toBe('"x\\" OR visibility = agency OR tags = \\"y"');
    expect(quote('back\\slash')).toBe('"back\\\\slash"');
  });
});

import type { AuthUser } from '../auth/auth-user';

/**
 * The agency subtree a user may manage staff in: everything for an admin, their own agency and
 * its sub-agencies for an hr_officer, nothing for anyone else.
 */
export type StaffScope = { kind: 'all' } | { kind: 'subtree'; rootAgencyId: string } | { kind: 'none' };

export function staffScopeOf(user: Pick<AuthUser, 'roles' | 'agencyId'>): StaffScope {
  if (user.roles.includes('admin')) return { kind: 'all' };
  if (user.roles.includes('hr_officer')) return { kind: 'subtree', rootAgencyId: user.agencyId };
  return { kind: 'none' };
}

/** True when an agency (given its path: ancestor ids and its own) lies inside the scope. */
export function scopeCovers(scope: StaffScope, agencyPath: string[]): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  return agencyPath.includes(scope.rootAgencyId);
}

// Who may do what with an agency's plan: HR officers (their subtree) and administrators draft and
// edit it, the agency's head (an agency_head of the agency or an ancestor) approves it, and each of
// them reads the plans of the agencies they answer for.
import type { AuthUser, StaffScope } from '@chadavkhi/identity';
import { scopeCovers, staffScopeOf } from '@chadavkhi/identity';

/** The agencies whose plans an actor reads: admin all, an HR officer's or an agency head's own subtree. */
export function planReadScope(actor: Pick<AuthUser, 'roles' | 'agencyId'>): StaffScope {
  const staff = staffScopeOf(actor);
  if (staff.kind !== 'none') return staff;
  if (actor.roles.includes('agency_head')) return { kind: 'subtree', rootAgencyId: actor.agencyId };
  return { kind: 'none' };
}

/** Drafting, editing, submitting, recording spending and linking deliveries: HR within their subtree, or an admin. */
export function mayEditPlan(actor: Pick<AuthUser, 'roles' | 'agencyId'>, agencyPath: string[]): boolean {
  return scopeCovers(staffScopeOf(actor), agencyPath);
}

/**
 * Approving (and returning for changes): the head of the agency or of an agency above it. An
 * administrator is not an agency's head, and nobody approves a plan they submitted themselves.
 */
export function mayApprovePlan(actor: Pick<AuthUser, 'roles' | 'agencyId'>, agencyPath: string[]): boolean {
  return actor.roles.includes('agency_head') && agencyPath.includes(actor.agencyId);
}

// Who reads a registration number whole: the person, HR officers whose subtree holds them and
// administrators. Anyone else who may see the person at all sees it masked (УБ******12).
import { scopeCovers, staffScopeOf } from '../agencies/agency-scope';
import type { AuthUser } from '../auth/auth-user';
import { maskRegistrationNumber } from '../staff/registration-number';

export type RegistrationNumberViewer = Pick<AuthUser, 'id' | 'roles' | 'agencyId'>;

export function readsRegistrationNumberOf(
  viewer: RegistrationNumberViewer,
  person: { id: string; agencyPath: string[] },
): boolean {
  return viewer.id === person.id || scopeCovers(staffScopeOf(viewer), person.agencyPath);
}

/** The number as this viewer may see it: whole, masked, or null when there is none. */
export function registrationNumberFor(
  viewer: RegistrationNumberViewer,
  person: { id: string; agencyPath: string[] },
  value: string | null,
): string | null {
  if (value === null) return null;
  return readsRegistrationNumberOf(viewer, person) ? value : maskRegistrationNumber(value);
}

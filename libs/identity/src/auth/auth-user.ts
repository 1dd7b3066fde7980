import type { Role } from '../roles';
import type { UserView } from '../users/dto/user.view';

/** The signed-in user as routes see it: enough to authorise without another query. */
export interface AuthUser {
  id: string;
  email: string | null;
  name: string;
  roles: Role[];
  agencyId: string;
  /** Ancestor agency ids, root first, ending with agencyId. */
  agencyPath: string[];
  positionId: string;
  locale: 'mn' | 'en';
  /** How the request proved who it is: a bearer token or the web session cookie. */
  via: 'bearer' | 'cookie';
  tokenId: string;
  /** The sign-in this request belongs to (kept across token renewals); signing out revokes it. */
  sessionId: string;
  sessionStartedAt: number;
  /** The profile read with the session lookup (same query), as GET /me returns it. */
  profile: UserView;
}

export function hasRole(user: Pick<AuthUser, 'roles'> | undefined, ...roles: Role[]): boolean {
  return !!user && roles.some((r) => user.roles.includes(r));
}

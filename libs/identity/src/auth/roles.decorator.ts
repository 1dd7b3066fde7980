import { SetMetadata } from '@nestjs/common';
import type { Role } from '../roles';

export const REQUIRED_ROLES = 'chadavkhi:roles';

/** The route needs a signed-in user holding at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

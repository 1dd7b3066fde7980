import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'chadavkhi:isPublic';

/** Marks a route that anyone may call without signing in; every other route requires a user. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

export const IS_PUBLIC = 'chadavkhi:isPublic';

/**
 * Marks a route that anyone may call without signing in; every other route requires a user. The
 * API description says so too: an empty security requirement (`security: [{}]`, beside
 * `{bearer: []}` where the route also reads a token when one is sent).
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}));

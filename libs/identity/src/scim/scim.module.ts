import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity.module';
import { ScimAuthGuard } from './scim-auth.guard';
import { ScimController } from './scim.controller';
import { ScimUsersService } from './scim-users.service';

/** /scim/v2: mounted at the root by the API app, outside the /api/v1 prefix the other identity routes get. */
@Module({
  imports: [IdentityModule],
  controllers: [ScimController],
  providers: [ScimUsersService, ScimAuthGuard],
})
export class ScimModule {}

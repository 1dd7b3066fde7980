// An HR officer's or administrator's actions on a person's account from their page (/hr/people/:id):
// deactivate, reactivate and (administrators) set roles. Plain forms; the service decides who may.
import { Controller, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser, Role, ROLES, Roles, UsersService } from '@chadavkhi/identity';
import { formBody, isUuid } from './form-fields';

@ApiExcludeController()
@Roles('hr_officer', 'admin')
@Controller('hr/people')
export class HrPeoplePagesController {
  constructor(private readonly users: UsersService) {}

  @Post(':id/deactivate')
  async deactivate(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.users.setActive(request.user as AuthUser, personId(id), false, request.ip);
    return reply.redirect(`/hr/people/${id}?done=deactivated`, 303);
  }

  @Post(':id/reactivate')
  async reactivate(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.users.setActive(request.user as AuthUser, personId(id), true, request.ip);
    return reply.redirect(`/hr/people/${id}?done=reactivated`, 303);
  }

  @Post(':id/roles')
  async setRoles(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const sent = formBody(request).roles;
    const roles = (Array.isArray(sent) ? sent : [sent]).filter((r): r is Role =>
      (ROLES as readonly unknown[]).includes(r),
    );
    await this.users.setRoles(request.user as AuthUser, personId(id), [...new Set(roles)], request.ip);
    return reply.redirect(`/hr/people/${id}?done=roles`, 303);
  }
}

function personId(id: string): string {
  if (!isUuid(id)) throw new NotFoundException('No user with this id is visible to you.');
  return id;
}

// An HR officer's or administrator's actions on a person's account from their page (/hr/people/:id):
// deactivate, reactivate and (administrators) set roles. Plain forms; the service decides who may.
import { Controller, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser, Role, ROLES, Roles, UsersService } from '@chadavkhi/identity';
import { Form, UuidParam } from './page-request.decorators';

const NO_USER = 'No user with this id is visible to you.';

@ApiExcludeController()
@Roles('hr_officer', 'admin')
@Controller('hr/people')
export class HrPeoplePagesController {
  constructor(private readonly users: UsersService) {}

  @Post(':id/deactivate')
  async deactivate(@UuidParam('id', NO_USER) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.users.setActive(request.user as AuthUser, id, false, request.ip);
    return reply.redirect(`/hr/people/${id}?done=deactivated`, 303);
  }

  @Post(':id/reactivate')
  async reactivate(@UuidParam('id', NO_USER) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.users.setActive(request.user as AuthUser, id, true, request.ip);
    return reply.redirect(`/hr/people/${id}?done=reactivated`, 303);
  }

  @Post(':id/roles')
  async setRoles(
    @UuidParam('id', NO_USER) id: string,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const sent = body.roles;
    const roles = (Array.isArray(sent) ? sent : [sent]).filter((r): r is Role =>
      (ROLES as readonly unknown[]).includes(r),
    );
    await this.users.setRoles(request.user as AuthUser, id, [...new Set(roles)], request.ip);
    return reply.redirect(`/hr/people/${id}?done=roles`, 303);
  }
}

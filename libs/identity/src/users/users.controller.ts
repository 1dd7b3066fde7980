import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { CreateUserDto } from './dto/create-user.dto';
import { InvitationView } from './dto/invitation.view';
import { ListUsersQuery } from './dto/list-users.query';
import { SetRolesDto } from './dto/set-roles.dto';
import { PlacementView, UserPage, UserView } from './dto/user.view';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @ApiOperation({ summary: 'List staff in the agencies you manage' })
  @Get()
  @Roles('admin', 'hr_officer')
  @ApiOkResponse({ type: UserPage, description: 'Staff, paginated' })
  @ApiForbiddenResponse({ description: 'Not an admin or HR officer, or the agency is outside your subtree' })
  @ApiNotFoundResponse({ description: 'agencyId names no agency' })
  list(@CurrentUser() actor: AuthUser, @Query() query: ListUsersQuery): Promise<UserPage> {
    return this.users.list(actor, query);
  }

  @ApiOperation({ summary: "Get a person's profile" })
  @Get(':id')
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ description: 'No such person visible to you (yourself, or inside the agencies you manage)' })
  get(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<UserView> {
    return this.users.get(actor, id);
  }

  @ApiOperation({ summary: "List a person's position history" })
  @Get(':id/placements')
  @ApiOkResponse({
    type: PlacementView,
    isArray: true,
    description:
      'Position history, oldest first (validTo exclusive; null while it lasts). Visible to whoever may see the person, as GET /users/:id',
  })
  @ApiNotFoundResponse({ description: 'No such person visible to you' })
  placements(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<PlacementView[]> {
    return this.users.placements(actor, id);
  }

  @ApiOperation({ summary: 'Invite a new person by e-mail' })
  @Post()
  @HttpCode(202)
  @Roles('admin', 'hr_officer')
  @ApiAcceptedResponse({
    type: InvitationView,
    description:
      'Invited: the person is e-mailed a link to set their own password (7 days). Find them with GET /users?q=<email>.',
  })
  @ApiConflictResponse({
    description:
      'Someone inside the agencies you manage already has this email (outside them, the answer is 202 like any new address)',
  })
  @ApiForbiddenResponse({ description: 'Not allowed to create users in that agency or with those roles' })
  @ApiUnprocessableEntityResponse({ description: 'agencyId or positionId names nothing that exists' })
  create(
    @CurrentUser() actor: AuthUser,
    @Body() dto: CreateUserDto,
    @Req() request: FastifyRequest,
  ): Promise<InvitationView> {
    return this.users.create(actor, dto, request.ip);
  }

  @ApiOperation({ summary: 'Deactivate a person and end their sessions' })
  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles('admin', 'hr_officer')
  @ApiOkResponse({
    type: UserView,
    description: 'Deactivated: they cannot sign in, and every session of theirs has ended',
  })
  @ApiNotFoundResponse({ description: 'No such person inside the agencies you manage' })
  @ApiForbiddenResponse({ description: 'An HR officer acting on someone who holds more than the learner role' })
  @ApiConflictResponse({ description: 'Your own account' })
  deactivate(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: FastifyRequest,
  ): Promise<UserView> {
    return this.users.setActive(actor, id, false, request.ip);
  }

  @ApiOperation({ summary: 'Reactivate a deactivated person' })
  @Post(':id/reactivate')
  @HttpCode(200)
  @Roles('admin', 'hr_officer')
  @ApiOkResponse({ type: UserView, description: 'Active again (with the password they had)' })
  @ApiNotFoundResponse({ description: 'No such person inside the agencies you manage' })
  @ApiForbiddenResponse({ description: 'An HR officer acting on someone who holds more than the learner role' })
  @ApiConflictResponse({ description: 'Your own account' })
  reactivate(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: FastifyRequest,
  ): Promise<UserView> {
    return this.users.setActive(actor, id, true, request.ip);
  }

  @ApiOperation({ summary: "Replace a person's roles" })
  @Put(':id/roles')
  @Roles('admin', 'hr_officer')
  @ApiOkResponse({ type: UserView, description: 'The roles are replaced; every session of the person has ended' })
  @ApiNotFoundResponse({ description: 'No such person inside the agencies you manage' })
  @ApiForbiddenResponse({ description: 'HR officers may grant only the learner role, to people who hold nothing more' })
  @ApiConflictResponse({ description: 'Your own account' })
  @ApiUnprocessableEntityResponse({ description: 'No role given' })
  setRoles(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: SetRolesDto,
    @Req() request: FastifyRequest,
  ): Promise<UserView> {
    return this.users.setRoles(actor, id, dto.roles, request.ip);
  }
}

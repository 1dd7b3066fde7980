import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { UserView } from './dto/user.view';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('admin', 'hr_officer')
  @ApiOkResponse({ description: 'Staff, paginated: `{ items, total, page, limit }`' })
  @ApiForbiddenResponse({ description: 'Not an admin or HR officer, or the agency is outside your subtree' })
  list(@CurrentUser() actor: AuthUser, @Query() query: ListUsersQuery) {
    return this.users.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserView })
  get(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.users.get(actor, id);
  }

  @Post()
  @Roles('admin', 'hr_officer')
  @ApiCreatedResponse({ type: UserView })
  @ApiForbiddenResponse({ description: 'Not allowed to create users in that agency or with those roles' })
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateUserDto, @Req() request: FastifyRequest) {
    return this.users.create(actor, dto, request.ip);
  }
}

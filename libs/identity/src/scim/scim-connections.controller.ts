import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
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
import { CreateScimConnectionDto } from './dto/create-scim-connection.dto';
import { ListScimConnectionsQuery } from './dto/list-scim-connections.query';
import { CreatedScimConnectionView, ScimConnectionPage, ScimConnectionView } from './dto/scim-connection.view';
import { ScimConnectionsService } from './scim-connections.service';

@ApiTags('scim-connections')
@ApiBearerAuth()
@Controller('scim-connections')
export class ScimConnectionsController {
  constructor(private readonly connections: ScimConnectionsService) {}

  @ApiOperation({ summary: 'List SCIM connections in your agencies' })
  @Get()
  @Roles('admin', 'hr_officer')
  @ApiOkResponse({ type: ScimConnectionPage, description: 'Connected systems in your subtree, newest first' })
  @ApiForbiddenResponse({ description: 'Not an admin or HR officer' })
  list(@CurrentUser() actor: AuthUser, @Query() query: ListScimConnectionsQuery): Promise<ScimConnectionPage> {
    return this.connections.list(actor, query);
  }

  @ApiOperation({ summary: 'Connect a SCIM system and get its token' })
  @Post()
  @Roles('admin', 'hr_officer')
  @ApiCreatedResponse({
    type: CreatedScimConnectionView,
    description: 'The token for /scim/v2 is in this answer only: store it in the connected system now.',
  })
  @ApiForbiddenResponse({ description: 'Not an admin or HR officer, or the agency is outside the agencies you manage' })
  @ApiUnprocessableEntityResponse({ description: 'agencyId names no agency' })
  create(
    @CurrentUser() actor: AuthUser,
    @Body() dto: CreateScimConnectionDto,
    @Req() request: FastifyRequest,
  ): Promise<CreatedScimConnectionView> {
    return this.connections.create(actor, dto, request.ip);
  }

  @ApiOperation({ summary: 'Revoke a SCIM connection' })
  @Post(':id/revoke')
  @HttpCode(200)
  @Roles('admin', 'hr_officer')
  @ApiOkResponse({ type: ScimConnectionView, description: 'Revoked: its token is refused from now on' })
  @ApiNotFoundResponse({ description: 'No such connection inside the agencies you manage' })
  @ApiForbiddenResponse({ description: 'Not an admin or HR officer' })
  revoke(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: FastifyRequest,
  ): Promise<ScimConnectionView> {
    return this.connections.revoke(actor, id, request.ip);
  }
}

// SCIM 2.0 (RFC 7644) for HR systems, at /scim/v2 beside the REST API (not under /api/v1, as SCIM
// clients expect). HTTP in and out only; ScimUsersService holds the rules. Errors are SCIM's own.
import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@chadavkhi/platform';
import { ScimAuthGuard } from './scim-auth.guard';
import { listResponse, schemaResources, serviceProviderConfig, userResourceType } from './scim-discovery';
import { SCIM_CONTENT_TYPE, ScimError, ScimErrorFilter } from './scim-error';
import { ScimCaller, ScimUsersService } from './scim-users.service';

@ApiExcludeController()
@Public()
@UseGuards(ScimAuthGuard)
@UseFilters(ScimErrorFilter)
@Controller('scim/v2')
export class ScimController {
  constructor(private readonly users: ScimUsersService) {}

  @Get('ServiceProviderConfig')
  @Header('content-type', SCIM_CONTENT_TYPE)
  serviceProviderConfig() {
    return serviceProviderConfig(this.users.base);
  }

  @Get('ResourceTypes')
  @Header('content-type', SCIM_CONTENT_TYPE)
  resourceTypes() {
    return listResponse([userResourceType(this.users.base)]);
  }

  @Get('ResourceTypes/:id')
  @Header('content-type', SCIM_CONTENT_TYPE)
  resourceType(@Param('id') id: string) {
    if (id !== 'User') throw new ScimError(404, `No resource type ${id}.`);
    return userResourceType(this.users.base);
  }

  @Get('Schemas')
  @Header('content-type', SCIM_CONTENT_TYPE)
  schemas() {
    return listResponse(schemaResources(this.users.base));
  }

  @Get('Schemas/:id')
  @Header('content-type', SCIM_CONTENT_TYPE)
  schema(@Param('id') id: string) {
    const found = schemaResources(this.users.base).find((s) => s.id === id);
    if (!found) throw new ScimError(404, `No schema ${id}.`);
    return found;
  }

  @Get('Users')
  @Header('content-type', SCIM_CONTENT_TYPE)
  list(@Req() request: FastifyRequest, @Query() query: Record<string, unknown>) {
    return this.users.list(callerOf(request), query);
  }

  @Post('Users')
  @HttpCode(201)
  @Header('content-type', SCIM_CONTENT_TYPE)
  async create(
    @Req() request: FastifyRequest,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const created = await this.users.create(callerOf(request), body);
    reply.header('location', created.meta.location);
    return created;
  }

  @Get('Users/:id')
  @Header('content-type', SCIM_CONTENT_TYPE)
  get(@Req() request: FastifyRequest, @Param('id') id: string) {
    return this.users.get(callerOf(request), id);
  }

  @Put('Users/:id')
  @Header('content-type', SCIM_CONTENT_TYPE)
  replace(@Req() request: FastifyRequest, @Param('id') id: string, @Body() body: Record<string, unknown>) {
    return this.users.replace(callerOf(request), id, body);
  }

  @Patch('Users/:id')
  @Header('content-type', SCIM_CONTENT_TYPE)
  patch(@Req() request: FastifyRequest, @Param('id') id: string, @Body() body: Record<string, unknown>) {
    return this.users.patch(callerOf(request), id, body);
  }

  @Delete('Users/:id')
  @HttpCode(204)
  remove(@Req() request: FastifyRequest, @Param('id') id: string): Promise<void> {
    return this.users.remove(callerOf(request), id);
  }
}

function callerOf(request: FastifyRequest): ScimCaller {
  return { connection: request.scimConnection!, ip: request.ip ?? null };
}

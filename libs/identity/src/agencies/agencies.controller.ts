import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { AgenciesService } from './agencies.service';
import { AgencyDetailView, AgencyTreeNode, AgencyView } from './dto/agency.view';
import { CreateAgencyDto } from './dto/create-agency.dto';
import { ListAgenciesQuery } from './dto/list-agencies.query';
import { SetPasswordSignInDto } from './dto/set-password-sign-in.dto';

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @ApiOperation({ summary: 'List agencies, filtered and paginated' })
  @Get()
  @ApiOkResponse({ description: 'Agencies, paginated: `{ items, total, page, limit }`' })
  list(@Query() query: ListAgenciesQuery) {
    return this.agencies.list(query);
  }

  @ApiOperation({ summary: 'Get the whole agency tree' })
  @Get('tree')
  @ApiOkResponse({ type: [AgencyTreeNode] })
  tree() {
    return this.agencies.tree();
  }

  @ApiOperation({ summary: 'Get an agency with its ancestors and children' })
  @Get(':id')
  @ApiOkResponse({ type: AgencyDetailView })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.agencies.get(id);
  }

  @ApiOperation({ summary: 'Create an agency under a parent' })
  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: AgencyView })
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateAgencyDto, @Req() request: FastifyRequest) {
    return this.agencies.create(actor, dto, request.ip);
  }

  @ApiOperation({ summary: 'Switch password sign-in on or off' })
  @Put(':id/password-sign-in')
  @Roles('admin')
  @ApiOkResponse({
    type: AgencyView,
    description:
      'Password sign-in switched on or off for the agency and the agencies below it (administrators always keep theirs); audited',
  })
  setPasswordSignIn(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: SetPasswordSignInDto,
    @Req() request: FastifyRequest,
  ) {
    return this.agencies.setPasswordSignIn(actor, id, dto.enabled, request.ip);
  }
}

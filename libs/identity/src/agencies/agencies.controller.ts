import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
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
import { AgenciesService } from './agencies.service';
import { AgencyDetailView, AgencyPage, AgencyTreeNode, AgencyView } from './dto/agency.view';
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
  @ApiOkResponse({ type: AgencyPage, description: 'Agencies, paginated' })
  list(@Query() query: ListAgenciesQuery): Promise<AgencyPage> {
    return this.agencies.list(query);
  }

  @ApiOperation({ summary: 'Get the whole agency tree' })
  @Get('tree')
  @ApiOkResponse({ type: [AgencyTreeNode], description: 'The roots (the government), each with its children, nested' })
  tree(): Promise<AgencyTreeNode[]> {
    return this.agencies.tree();
  }

  @ApiOperation({ summary: 'Get an agency with its ancestors and children' })
  @Get(':id')
  @ApiOkResponse({ type: AgencyDetailView })
  @ApiNotFoundResponse({ description: 'No agency has this id' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<AgencyDetailView> {
    return this.agencies.get(id);
  }

  @ApiOperation({ summary: 'Create an agency under a parent' })
  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: AgencyView, description: 'Created under its parent; audited' })
  @ApiForbiddenResponse({ description: 'Not an administrator' })
  @ApiConflictResponse({ description: 'An agency with this code already exists' })
  @ApiUnprocessableEntityResponse({
    description: 'parentId names no agency, or a second government was asked for',
  })
  create(
    @CurrentUser() actor: AuthUser,
    @Body() dto: CreateAgencyDto,
    @Req() request: FastifyRequest,
  ): Promise<AgencyView> {
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
  @ApiForbiddenResponse({ description: 'Not an administrator' })
  @ApiNotFoundResponse({ description: 'No agency has this id' })
  setPasswordSignIn(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: SetPasswordSignInDto,
    @Req() request: FastifyRequest,
  ): Promise<AgencyView> {
    return this.agencies.setPasswordSignIn(actor, id, dto.enabled, request.ip);
  }
}

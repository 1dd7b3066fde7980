import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { EndAllSessionsDto } from './dto/end-all-sessions.dto';
import { SignInSessionsEndedView, SignInSessionView } from './dto/sign-in-session.view';
import { SignInSessionsService } from './sign-in-sessions.service';

@ApiTags('me')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid token or session' })
@Controller('me/sessions')
export class SignInSessionsController {
  constructor(private readonly sessions: SignInSessionsService) {}

  @ApiOperation({ summary: 'List my open sign-in sessions' })
  @Get()
  @ApiOkResponse({ type: [SignInSessionView], description: 'Your open sessions, most recently used first' })
  list(@CurrentUser() actor: AuthUser): Promise<SignInSessionView[]> {
    return this.sessions.list(actor);
  }

  @ApiOperation({ summary: 'Sign out one of my sessions' })
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'That session is signed out (its token is refused from now on)' })
  @ApiNotFoundResponse({ description: 'You have no open session with this id' })
  async end(@CurrentUser() actor: AuthUser, @Param('id') id: string, @Req() request: FastifyRequest): Promise<void> {
    await this.sessions.end(actor, id, request.ip);
  }

  @ApiOperation({ summary: 'Sign out everywhere, optionally keeping this session' })
  @Post('end-all')
  @HttpCode(200)
  @ApiOkResponse({
    type: SignInSessionsEndedView,
    description: 'Signed out everywhere else (keepCurrent true) or everywhere, this session included',
  })
  @ApiBadRequestResponse({ description: 'keepCurrent missing or not a boolean' })
  async endAll(
    @CurrentUser() actor: AuthUser,
    @Body() dto: EndAllSessionsDto,
    @Req() request: FastifyRequest,
  ): Promise<SignInSessionsEndedView> {
    return { ended: await this.sessions.endAll(actor, dto, request.ip) };
  }
}

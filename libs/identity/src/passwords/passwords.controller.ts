import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, Public } from '@chadavkhi/platform';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { setSessionCookie } from '../auth/session-cookie';
import { ChangePasswordDto } from './dto/change-password.dto';
import { PasswordChangedView } from './dto/password-changed.view';
import { PasswordResetRequestedView } from './dto/password-reset-requested.view';
import { RequestPasswordResetDto } from './dto/request-password-reset.dto';
import { SetPasswordDto } from './dto/set-password.dto';
import { PasswordsService } from './passwords.service';

@ApiTags('auth')
@Controller()
export class PasswordsController {
  constructor(
    private readonly passwords: PasswordsService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @ApiOperation({ summary: 'Request a password reset link by e-mail' })
  @Post('auth/password-reset')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: PasswordResetRequestedView,
    description:
      'The same answer whether or not the address belongs to someone; if it does, a link valid for one hour is e-mailed',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this address within the hour' })
  async requestReset(
    @Body() dto: RequestPasswordResetDto,
    @Req() request: FastifyRequest,
  ): Promise<PasswordResetRequestedView> {
    await this.passwords.requestReset(dto.email, request.ip);
    return {
      message:
        'If this address belongs to an account, a link to set a new password has been sent to it. The link works once, within an hour.',
    };
  }

  @Public()
  @ApiOperation({ summary: 'Set a password using an e-mailed link' })
  @Post('auth/password')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'The password is set; every session of the person has ended, and they sign in with the new password',
  })
  @ApiUnprocessableEntityResponse({
    description: 'The link is used, expired, replaced by a newer one, or not genuine (slug account-link-invalid)',
  })
  async setWithLink(@Body() dto: SetPasswordDto, @Req() request: FastifyRequest): Promise<void> {
    await this.passwords.setWithLink(dto.token, dto.password, request.ip);
  }

  @ApiOperation({ summary: 'Change my password' })
  @Post('me/password')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOkResponse({
    type: PasswordChangedView,
    description:
      'Changed; every other session ended, and this one continues with the token returned (a cookie session gets a new cookie)',
  })
  @ApiUnprocessableEntityResponse({ description: 'The current password is wrong (slug current-password-wrong)' })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong current passwords (the sign-in limits)' })
  async change(
    @CurrentUser() actor: AuthUser,
    @Body() dto: ChangePasswordDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PasswordChangedView> {
    const { accessToken, claims } = await this.passwords.change(
      actor,
      dto.currentPassword,
      dto.newPassword,
      request.ip,
    );
    const expiresIn = claims.exp - claims.iat;
    if (actor.via === 'cookie') setSessionCookie(reply, accessToken, expiresIn, this.config.cookieSecure);
    return { accessToken, tokenType: 'Bearer', expiresIn };
  }
}

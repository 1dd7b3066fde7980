import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, Public } from '@chadavkhi/platform';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { CurrentUser } from './current-user.decorator';
import { DEVICE_COOKIE, setDeviceCookie } from './device-cookie';
import { LoginDto, LoginResponse } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @ApiOperation({ summary: 'Sign in with email and password' })
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({
    type: LoginResponse,
    description:
      "Also sets the chadavkhi_device cookie: sent back with later sign-ins to this account, it marks them as from this person's own device, which other people's guessing does not lock out (10 failures a minute per device)",
  })
  @ApiUnauthorizedResponse({
    description:
      'Wrong email or password (the same answer for both); or, after a correct password from someone whose roles need a second factor (SECOND_FACTOR_ROLES), type …/second-factor-required (or …/second-factor-enrolment-required) with a `challenge` for POST /auth/login/second-factor (or the enrolment), valid 5 minutes',
  })
  @ApiForbiddenResponse({
    description:
      "password-sign-in-off: the person's agency (or one above it) has switched off password sign-in; sign in through its identity provider",
  })
  @ApiTooManyRequestsResponse({
    description:
      "10 failed sign-ins in a minute for this account from this address, or for this account from addresses it has not signed in from before; or, past 10 failures a minute from this address, a wrong password (or a 4th try at one account within the minute): a correct password for an account that is not itself locked is never refused for other accounts' failures",
  })
  async login(
    @Body() dto: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    const result = await this.auth.login(
      dto.email,
      dto.password,
      request.ip,
      request.headers['user-agent'],
      request.cookies?.[DEVICE_COOKIE],
    );
    // A client that keeps cookies is known as this account's device next time (device-cookie.ts).
    setDeviceCookie(reply, result.deviceToken, this.config.cookieSecure);
    return LoginResponse.of(result);
  }

  @ApiOperation({ summary: 'Sign out this session' })
  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({
    description: 'The session is signed out: its token (and every renewal of it) is refused from now on',
  })
  @ApiUnauthorizedResponse({ description: 'No valid token or session' })
  async logout(@CurrentUser() user: AuthUser): Promise<void> {
    await this.auth.logout(user);
  }
}

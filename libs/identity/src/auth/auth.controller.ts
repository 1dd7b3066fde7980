import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '@chadavkhi/platform';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { CurrentUser } from './current-user.decorator';
import { LoginDto, LoginResponse } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password (the same answer for both)' })
  @ApiTooManyRequestsResponse({
    description:
      "10 failed sign-ins in a minute for this account from this address, or for this account from addresses it has not signed in from before; or, past 10 failures a minute from this address, a wrong password (or a 4th try at one account within the minute): a correct password for an account that is not itself locked is never refused for other accounts' failures",
  })
  async login(@Body() dto: LoginDto, @Req() request: FastifyRequest): Promise<LoginResponse> {
    const result = await this.auth.login(dto.email, dto.password, request.ip, request.headers['user-agent']);
    return {
      accessToken: result.accessToken,
      tokenType: 'Bearer',
      expiresIn: result.claims.exp - result.claims.iat,
      user: result.user,
    };
  }

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

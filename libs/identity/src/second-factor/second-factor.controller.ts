// The second factor over the API: finishing a password sign-in with a code, the first enrolment
// (the challenge from POST /auth/login is the only proof it takes), and an administrator's reset.
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, Public } from '@chadavkhi/platform';
import type { AuthUser } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { CurrentUser } from '../auth/current-user.decorator';
import { setDeviceCookie } from '../auth/device-cookie';
import { LoginResponse } from '../auth/dto/login.dto';
import { Roles } from '../auth/roles.decorator';
import {
  ConfirmEnrolmentDto,
  EnrolledLoginResponse,
  EnrolmentView,
  SecondFactorChallengeDto,
  SecondFactorLoginResponse,
  SecondFactorSignInDto,
} from './dto/second-factor.dto';
import { SecondFactorService } from './second-factor.service';

@ApiTags('auth')
@Controller()
export class SecondFactorController {
  constructor(
    private readonly auth: AuthService,
    private readonly secondFactor: SecondFactorService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @ApiOperation({ summary: 'Finish a password sign-in with a second factor' })
  @Post('auth/login/second-factor')
  @HttpCode(200)
  @ApiOkResponse({ type: SecondFactorLoginResponse })
  @ApiUnauthorizedResponse({
    description:
      'second-factor-code-wrong (attemptsLeft), second-factor-too-many-wrong-codes (the 5th: the challenge is void), second-factor-challenge-invalid (expired, used, or the account changed)',
  })
  @ApiConflictResponse({ description: 'second-factor-enrolment-required: enrol first' })
  @ApiTooManyRequestsResponse({ description: '10 wrong codes for this account in 15 minutes' })
  async signIn(
    @Body() dto: SecondFactorSignInDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SecondFactorLoginResponse> {
    const result = await this.auth.loginWithSecondFactor(dto, request.ip, request.headers['user-agent']);
    if (result.deviceToken) setDeviceCookie(reply, result.deviceToken, this.config.cookieSecure);
    return { ...LoginResponse.of(result), recoveryCodesLeft: result.recoveryCodesLeft };
  }

  @Public()
  @ApiOperation({ summary: 'Start enrolment and get the second-factor secret' })
  @Post('auth/second-factor/enrolment')
  @HttpCode(200)
  @ApiOkResponse({ type: EnrolmentView, description: 'The same secret for every call with one challenge' })
  @ApiConflictResponse({
    description: 'second-factor-already-enrolled: a password alone never replaces a second factor',
  })
  async enrol(@Body() dto: SecondFactorChallengeDto): Promise<EnrolmentView> {
    const { secret, uri } = await this.secondFactor.beginEnrolment(dto);
    return { secret, uri };
  }

  @Public()
  @ApiOperation({ summary: 'Confirm enrolment with a code and sign in' })
  @Post('auth/second-factor/enrolment/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: EnrolledLoginResponse })
  @ApiUnauthorizedResponse({ description: 'As for POST /auth/login/second-factor' })
  async confirm(
    @Body() dto: ConfirmEnrolmentDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EnrolledLoginResponse> {
    const result = await this.auth.loginWithNewSecondFactor(dto, request.ip, request.headers['user-agent']);
    if (result.deviceToken) setDeviceCookie(reply, result.deviceToken, this.config.cookieSecure);
    return { ...LoginResponse.of(result), recoveryCodes: result.recoveryCodes };
  }

  @ApiOperation({ summary: "Reset a person's second factor" })
  @Post('users/:id/second-factor/reset')
  @Roles('admin')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({
    description: "The person's second factor is removed and their sessions end; they enrol again at their next sign-in",
  })
  @ApiForbiddenResponse({ description: 'Not an administrator' })
  @ApiNotFoundResponse({ description: 'No user with this id' })
  async reset(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.secondFactor.reset(actor, id, request.ip);
  }
}

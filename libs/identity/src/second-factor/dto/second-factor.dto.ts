// The second factor's inputs (the rules, whoever calls: the API or a page) and its answers.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { LoginResponse } from '../../auth/dto/login.dto';

const CODE = /^\d{6}$/;
const CODE_MESSAGE = 'code must be the 6 digits your authenticator app shows';

export class SecondFactorChallengeDto {
  @ApiProperty({ description: 'The challenge POST /auth/login answered with (valid 5 minutes)' })
  @IsString()
  @MinLength(20)
  @MaxLength(100)
  challenge: string;
}

export class SecondFactorSignInDto extends SecondFactorChallengeDto {
  @ApiPropertyOptional({ example: '123456', description: 'The code your authenticator app shows now' })
  @ValidateIf((o: SecondFactorSignInDto) => o.recoveryCode === undefined)
  @Matches(CODE, { message: `${CODE_MESSAGE} (or send recoveryCode instead)` })
  code?: string;

  @ApiPropertyOptional({ example: 'abcde-fghij', description: 'One of your recovery codes, instead of a code' })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(40)
  recoveryCode?: string;
}

export class ConfirmEnrolmentDto extends SecondFactorChallengeDto {
  @ApiProperty({ example: '123456', description: 'The code your app shows for the new secret' })
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;
}

/** A signed-in person's current code, asked before their recovery codes or secret change. */
export class CurrentCodeDto {
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;
}

export class EnrolmentView {
  @ApiProperty({ description: 'The secret in base32, for typing into an authenticator app' }) secret: string;
  @ApiProperty({ description: 'The otpauth:// address (what the QR code on the web page holds)' }) uri: string;
}

export class SecondFactorLoginResponse extends LoginResponse {
  @ApiPropertyOptional({ description: 'Set when a recovery code was used: how many are left' })
  recoveryCodesLeft?: number;
}

export class EnrolledLoginResponse extends LoginResponse {
  @ApiProperty({ type: [String], description: 'Ten one-time recovery codes: shown this once, keep them safe' })
  recoveryCodes: string[];
}

import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { UserView } from '../../users/dto/user.view';

export class LoginDto {
  @ApiProperty({ example: 'learner@demo.chadavkhi.mn' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @MinLength(3)
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Demo-2026!' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password: string;
}

export class LoginResponse {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <token>`' }) accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ type: 'integer', description: 'Seconds until the token expires' }) expiresIn: number;
  @ApiProperty({ type: UserView }) user: UserView;

  /** The answer to a sign-in that opened a session (password, or password and code). */
  static of(result: { accessToken: string; claims: { exp: number; iat: number }; user: UserView }): LoginResponse {
    return {
      accessToken: result.accessToken,
      tokenType: 'Bearer',
      expiresIn: result.claims.exp - result.claims.iat,
      user: result.user,
    };
  }
}

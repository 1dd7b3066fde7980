import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/** Which secured form of the credential to download, when the Accept header does not say. */
export class CredentialFormatQuery {
  @ApiPropertyOptional({
    enum: ['json', 'jwt'],
    description:
      'json: the credential with its Data Integrity proof (default); jwt: the VC-JWT (also with Accept: application/vc+jwt)',
  })
  @IsOptional()
  @IsIn(['json', 'jwt'], { message: 'format must be json or jwt' })
  format?: 'json' | 'jwt';
}

import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Public } from '@chadavkhi/platform';
import { JWKS_SCHEMA } from '../open-badges/open-badges.schemas';
import { SigningKeysService } from './signing-keys.service';

@ApiTags('certificates')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: SigningKeysService) {}

  @ApiOperation({ summary: 'List the public keys that sign credentials' })
  @Get('jwks.json')
  @Public()
  @Header('cache-control', 'public, max-age=300')
  @ApiOkResponse({
    description: 'Every public key that has signed credentials here (Ed25519 and P-256, retired ones too), as JWKs',
    schema: JWKS_SCHEMA,
  })
  jwks() {
    return this.keys.jwks();
  }
}

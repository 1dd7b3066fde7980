import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Public } from '@chadavkhi/platform';
import { SigningKeysService } from './signing-keys.service';

@ApiTags('certificates')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: SigningKeysService) {}

  @ApiOperation({ summary: 'List the public keys that sign credentials' })
  @Get('jwks.json')
  @Public()
  @Header('cache-control', 'public, max-age=300')
  @ApiOkResponse({ description: 'Every public key that has signed credentials here (Ed25519, JWK)' })
  jwks() {
    return this.keys.jwks();
  }
}

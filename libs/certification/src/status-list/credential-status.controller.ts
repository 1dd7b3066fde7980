import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { AppConfig, Public } from '@chadavkhi/platform';
import { CertificatesService } from '../certificates/certificates.service';
import { statusListUrl } from '../rendering/open-badge-credential';
import { encodeStatusList } from './bitstring-status-list';

@ApiTags('certificates')
@Controller('credentials/status')
export class CredentialStatusController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly config: AppConfig,
  ) {}

  @ApiOperation({ summary: 'Get the revocation status list credential' })
  @Get('revocation')
  @Public()
  @Header('cache-control', 'public, max-age=300')
  @ApiOkResponse({
    description: 'W3C BitstringStatusListCredential: bit N set = the credential with statusListIndex N is revoked',
  })
  async revocation() {
    const url = statusListUrl(this.config.publicUrl);
    return {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: this.config.publicUrl,
      validFrom: new Date().toISOString(),
      credentialSubject: {
        id: `${url}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: encodeStatusList(await this.certificates.revokedIndexes()),
      },
    };
  }
}

import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@chadavkhi/platform';
import { STATUS_LIST_CREDENTIAL_SCHEMA } from '../open-badges/open-badges.schemas';
import { STATUS_LIST_MAX_AGE_SECONDS, StatusListCredentialService } from './status-list-credential.service';

@ApiTags('certificates')
@Controller('credentials/status')
export class CredentialStatusController {
  constructor(private readonly statusList: StatusListCredentialService) {}

  @ApiOperation({ summary: 'Get the revocation status list credential' })
  @Get('revocation')
  @Public()
  @Header('content-type', 'application/vc+ld+json')
  @Header('cache-control', `public, max-age=${STATUS_LIST_MAX_AGE_SECONDS}`)
  @ApiProduces('application/vc+ld+json')
  @ApiOkResponse({
    description:
      'W3C BitstringStatusListCredential with a Data Integrity proof (eddsa-rdfc-2022): bit N set = the credential with statusListIndex N is revoked; validFrom = the latest revocation',
    schema: STATUS_LIST_CREDENTIAL_SCHEMA,
  })
  revocation() {
    return this.statusList.revocationList();
  }
}

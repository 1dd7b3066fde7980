// Public JSON-LD and JWK documents that credentials point to, for verifiers without an account.
import { Controller, Get, Header, Param, ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@chadavkhi/platform';
import { IssuerDocumentsService } from './issuer-documents.service';
import { ACHIEVEMENT_SCHEMA, ISSUER_PROFILE_SCHEMA, JWK_SCHEMA } from './open-badges.schemas';

const CACHEABLE = 'public, max-age=300';

@ApiTags('certificates')
@Controller('credentials')
export class IssuerDocumentsController {
  constructor(private readonly documents: IssuerDocumentsService) {}

  @ApiOperation({ summary: 'Get the issuer profile of credentials' })
  @Get('issuer')
  @Public()
  @Header('content-type', 'application/ld+json')
  @Header('cache-control', CACHEABLE)
  @ApiProduces('application/ld+json')
  @ApiOkResponse({
    description: 'The Open Badges 3.0 Profile of the issuer (id = its did:web DID)',
    schema: ISSUER_PROFILE_SCHEMA,
  })
  issuer() {
    return this.documents.issuerProfile();
  }

  @ApiOperation({ summary: 'Get what a course version certifies, as an Open Badges achievement' })
  @Get('achievements/:courseId/v/:version')
  @Public()
  @Header('content-type', 'application/ld+json')
  @Header('cache-control', CACHEABLE)
  @ApiProduces('application/ld+json')
  @ApiOkResponse({
    description: 'The Open Badges 3.0 Achievement a credential names by this URL',
    schema: ACHIEVEMENT_SCHEMA,
  })
  @ApiBadRequestResponse({ description: 'The course id is not a UUID or the version not a whole number' })
  @ApiNotFoundResponse({ description: 'No published course version has this course id and number' })
  achievement(
    @Param('courseId', new ParseUUIDPipe()) courseId: string,
    @Param('version', new ParseIntPipe()) version: number,
  ) {
    return this.documents.achievement(courseId, version);
  }

  @ApiOperation({ summary: 'Get one public key that signs credentials' })
  @Get('keys/:kid')
  @Public()
  @Header('content-type', 'application/jwk+json')
  @Header('cache-control', CACHEABLE)
  @ApiProduces('application/jwk+json')
  @ApiOkResponse({ description: 'The public JWK a VC-JWT header names by this URL (its kid)', schema: JWK_SCHEMA })
  @ApiNotFoundResponse({ description: 'No key that signed credentials here has this id' })
  key(@Param('kid') kid: string) {
    return this.documents.publicKey(kid.slice(0, 100));
  }
}

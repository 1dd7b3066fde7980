// The issuer's DID document at the site root, where did:web resolves it (outside /api/v1).
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@chadavkhi/platform';
import { IssuerDocumentsService } from './issuer-documents.service';
import { DID_DOCUMENT_SCHEMA } from './open-badges.schemas';

@ApiTags('certificates')
@Controller('.well-known')
export class DidDocumentController {
  constructor(private readonly documents: IssuerDocumentsService) {}

  @ApiOperation({ summary: "Get the issuer's DID document" })
  @Get('did.json')
  @Public()
  @Header('content-type', 'application/did+json')
  @Header('cache-control', 'public, max-age=300')
  @ApiProduces('application/did+json')
  @ApiOkResponse({
    description:
      'did:web DID document: every key that has signed credentials here, under assertionMethod, and the issuer profile',
    schema: DID_DOCUMENT_SCHEMA,
  })
  didDocument() {
    return this.documents.didDocument();
  }
}

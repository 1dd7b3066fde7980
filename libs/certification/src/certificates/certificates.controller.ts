import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiOperation,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { Public } from '@chadavkhi/platform';
import { OPEN_BADGE_CREDENTIAL_SCHEMA } from '../open-badges/open-badges.schemas';
import { CertificatesService } from './certificates.service';
import { CredentialFormatQuery } from './dto/credential-format.query';
import { CertificatePageView, CertificateView, VerificationView } from './dto/certificate.view';
import { ListCertificatesQuery, MyCertificatesQuery } from './dto/list-certificates.query';
import { RevokeCertificateDto } from './dto/revoke-certificate.dto';

const id = new ParseUUIDPipe();

const VC_LD_JSON = 'application/vc+ld+json';
const VC_JWT = 'application/vc+jwt';

/** The JWT only when the caller asks for it over the JSON-LD form (or does not take that at all). */
function wantsJwt(accept: string | undefined): boolean {
  const types = (accept ?? '').toLowerCase();
  return types.includes(VC_JWT) && !types.includes(VC_LD_JSON);
}

@ApiTags('certificates')
@ApiBearerAuth()
@Controller()
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @ApiOperation({ summary: 'List my certificates' })
  @Get('me/certificates')
  @ApiOkResponse({ type: [CertificateView] })
  mine(@CurrentUser() actor: AuthUser, @Query() query: MyCertificatesQuery) {
    return this.certificates.mine(actor, query.expiringWithinDays);
  }

  @ApiOperation({ summary: 'List certificates of staff I manage' })
  @Get('certificates')
  @Roles('hr_officer', 'admin')
  @ApiOkResponse({
    type: CertificatePageView,
    description: 'Certificates of staff you manage, a page at a time; expiringWithinDays=60 for what needs renewing',
  })
  @ApiForbiddenResponse({ description: 'You manage no staff, or the agency is outside the agencies you manage' })
  @ApiNotFoundResponse({ description: 'No agency has this id' })
  list(@CurrentUser() actor: AuthUser, @Query() query: ListCertificatesQuery) {
    return this.certificates.list(actor, query);
  }

  @ApiOperation({ summary: 'Verify a certificate by its code' })
  @Get('certificates/verify/:code')
  @Public()
  @ApiOkResponse({
    type: VerificationView,
    description: "valid, expired or revoked, with the holder's name, course and dates",
  })
  @ApiNotFoundResponse({ description: 'No certificate has this code' })
  @ApiTooManyRequestsResponse({ description: 'Too many unknown codes from this address' })
  verify(@Param('code') code: string, @Req() request: FastifyRequest) {
    return this.certificates.verify(code.slice(0, 40), request.ip);
  }

  @ApiOperation({ summary: 'Read a certificate' })
  @Get('certificates/:id')
  @ApiOkResponse({ type: CertificateView })
  @ApiForbiddenResponse({ description: 'The certificate belongs to someone outside the agencies you manage' })
  @ApiNotFoundResponse({ description: 'No certificate has this id' })
  get(@CurrentUser() actor: AuthUser, @Param('id', id) certificateId: string) {
    return this.certificates.get(actor, certificateId);
  }

  @ApiOperation({ summary: 'Download the certificate as PDF' })
  @Get('certificates/:id/pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The printable certificate (a revoked one drawn as revoked)',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiForbiddenResponse({ description: 'The certificate belongs to someone outside the agencies you manage' })
  @ApiNotFoundResponse({ description: 'No certificate has this id' })
  @ApiConflictResponse({ description: 'The certificate is still being prepared' })
  async pdf(@CurrentUser() actor: AuthUser, @Param('id', id) certificateId: string, @Res() reply: FastifyReply) {
    const { code, pdf } = await this.certificates.pdf(actor, certificateId);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="certificate-${code}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  }

  @ApiOperation({ summary: 'Download the certificate as a signed credential' })
  @Get('certificates/:id/credential')
  @ApiProduces(VC_LD_JSON, VC_JWT)
  @ApiOkResponse({
    description: `A file: the OpenBadgeCredential with its Data Integrity proof (${VC_LD_JSON}, eddsa-rdfc-2022), or with Accept: ${VC_JWT} or ?format=jwt the VC-JWT (ES256, Open Badges 3.0 JWT format)`,
    content: {
      [VC_LD_JSON]: { schema: OPEN_BADGE_CREDENTIAL_SCHEMA },
      [VC_JWT]: { schema: { type: 'string', description: 'compact JWS' } },
    },
  })
  @ApiBadRequestResponse({ description: 'format is neither json nor jwt' })
  @ApiForbiddenResponse({ description: 'The certificate belongs to someone outside the agencies you manage' })
  @ApiNotFoundResponse({ description: 'No certificate has this id' })
  @ApiConflictResponse({ description: 'The certificate is still being prepared' })
  async credential(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) certificateId: string,
    @Query() query: CredentialFormatQuery,
    @Headers('accept') accept: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    const { code, document, jwt } = await this.certificates.credential(actor, certificateId);
    const asJwt = query.format ? query.format === 'jwt' : wantsJwt(accept);
    return reply
      .header('content-type', asJwt ? VC_JWT : VC_LD_JSON)
      .header('content-disposition', `attachment; filename="certificate-${code}.${asJwt ? 'jwt' : 'json'}"`)
      .header('cache-control', 'no-store')
      .header('vary', 'accept')
      .send(asJwt ? jwt : JSON.stringify(document));
  }

  @ApiOperation({ summary: 'Revoke a certificate' })
  @Post('certificates/:id/revoke')
  @Roles('admin')
  @ApiCreatedResponse({ type: CertificateView, description: 'The certificate, now revoked' })
  @ApiForbiddenResponse({ description: 'Only administrators revoke certificates' })
  @ApiNotFoundResponse({ description: 'No certificate has this id' })
  revoke(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) certificateId: string,
    @Body() dto: RevokeCertificateDto,
    @Req() request: FastifyRequest,
  ) {
    return this.certificates.revoke(actor, certificateId, dto.reason, request.ip);
  }
}

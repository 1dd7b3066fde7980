import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
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
import { CertificatesService } from './certificates.service';
import { CertificateView, VerificationView } from './dto/certificate.view';
import { ListCertificatesQuery, MyCertificatesQuery } from './dto/list-certificates.query';
import { RevokeCertificateDto } from './dto/revoke-certificate.dto';

const id = new ParseUUIDPipe();

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
    description:
      'Certificates of staff you manage: `{ items, total, page, limit }`; expiringWithinDays=60 for what needs renewing',
  })
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
  get(@CurrentUser() actor: AuthUser, @Param('id', id) certificateId: string) {
    return this.certificates.get(actor, certificateId);
  }

  @ApiOperation({ summary: 'Download the certificate as PDF' })
  @Get('certificates/:id/pdf')
  @ApiProduces('application/pdf')
  async pdf(@CurrentUser() actor: AuthUser, @Param('id', id) certificateId: string, @Res() reply: FastifyReply) {
    const { code, pdf } = await this.certificates.pdf(actor, certificateId);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="certificate-${code}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  }

  @ApiOperation({ summary: 'Get the certificate as a signed credential' })
  @Get('certificates/:id/credential')
  @ApiOkResponse({
    description: '`{ jwt, credential }`: the signed OpenBadgeCredential (VC-JOSE, EdDSA) and its decoded payload',
  })
  credential(@CurrentUser() actor: AuthUser, @Param('id', id) certificateId: string) {
    return this.certificates.credential(actor, certificateId);
  }

  @ApiOperation({ summary: 'Revoke a certificate' })
  @Post('certificates/:id/revoke')
  @Roles('admin')
  @ApiOkResponse({ type: CertificateView })
  revoke(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) certificateId: string,
    @Body() dto: RevokeCertificateDto,
    @Req() request: FastifyRequest,
  ) {
    return this.certificates.revoke(actor, certificateId, dto.reason, request.ip);
  }
}

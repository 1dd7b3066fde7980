import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiProduces,
  ApiUnprocessableEntityResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditedDownload, AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { CoursePackService, Printout } from './course-pack.service';
import { CoursePackQuery } from './dto/course-pack.query';

const id = new ParseUUIDPipe();
const PDF = { type: 'string', format: 'binary' } as const;
const TOO_LARGE = { description: 'The version is too long to print' };
const BAD_VERSION = { description: 'The version is not a whole number from 1, or lang is not one the pack speaks' };

function send(reply: FastifyReply, printout: Printout) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${printout.filename}"`)
    .header('cache-control', 'private, no-store')
    .send(printout.pdf);
}

@ApiTags('courses')
@ApiBearerAuth()
@ApiParam({ name: 'version', description: 'The published version number, from 1' })
@ApiBadRequestResponse(BAD_VERSION)
@ApiUnprocessableEntityResponse(TOO_LARGE)
@Controller('courses/:id/versions/:version')
export class CoursePackController {
  constructor(private readonly packs: CoursePackService) {}

  @ApiOperation({ summary: 'Download the course pack as PDF' })
  @Get('pack.pdf')
  @Roles('trainer', 'hr_officer', 'admin')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    schema: PDF,
    description:
      'A4 PDF to print: title page, contents, the lessons, and the final quiz as an answer sheet (no answers)',
  })
  @ApiForbiddenResponse({ description: 'Not the owning trainer, an HR officer or an administrator' })
  @ApiNotFoundResponse({ description: 'No such course or version' })
  async pack(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) courseId: string,
    @Param('version') version: string,
    @Query() query: CoursePackQuery,
    @Res() reply: FastifyReply,
  ) {
    return send(reply, await this.packs.pack(actor, courseId, version, query.lang));
  }

  @ApiOperation({ summary: 'Download the marking key as PDF' })
  @Get('marking-key.pdf')
  @AuditedDownload()
  @Roles('trainer', 'admin')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    schema: PDF,
    description:
      "The answer sheet's right answers, points and explanations (written to the audit log). Bearer tokens only: a browser session POSTs it with its CSRF token",
  })
  @ApiForbiddenResponse({ description: 'Not the owning trainer or an administrator' })
  @ApiNotFoundResponse({ description: 'No such course or version, or the version has no final quiz' })
  async markingKey(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) courseId: string,
    @Param('version') version: string,
    @Query() query: CoursePackQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return send(reply, await this.packs.markingKey(actor, courseId, version, request.ip, query.lang));
  }

  @ApiOperation({ summary: 'Download the marking key from the course editor' })
  @Post('marking-key.pdf')
  @HttpCode(200)
  @Roles('trainer', 'admin')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: PDF, description: "The same, for the course editor's download button (form field _csrf)" })
  @ApiForbiddenResponse({ description: 'Not the owning trainer or an administrator' })
  @ApiNotFoundResponse({ description: 'No such course or version, or the version has no final quiz' })
  async markingKeyFromPage(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) courseId: string,
    @Param('version') version: string,
    @Query() query: CoursePackQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return send(reply, await this.packs.markingKey(actor, courseId, version, request.ip, query.lang));
  }
}

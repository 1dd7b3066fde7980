import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { NeedsReportQuery } from './dto/needs-report.query';
import { NeedsAnswerDto, OpenNeedsSurveyDto } from './dto/needs-survey.dto';
import { MyNeedsSurveysView, NeedsAnswerResultView, NeedsReportView, NeedsSurveyView } from './dto/needs-survey.view';
import { NeedsSurveysService } from './needs-surveys.service';

@ApiTags('needs')
@ApiBearerAuth()
@Controller()
export class NeedsSurveysController {
  constructor(private readonly surveys: NeedsSurveysService) {}

  @ApiOperation({ summary: 'Open a training needs survey for an agency’s subtree and a year' })
  @Post('needs-surveys')
  @Roles('hr_officer', 'admin')
  @ApiCreatedResponse({ type: NeedsSurveyView })
  @ApiForbiddenResponse({ description: 'The agency is outside the agencies you manage' })
  @ApiConflictResponse({ description: 'The agency already has a survey for the year' })
  @ApiUnprocessableEntityResponse({ description: 'Not real dates, or closing before opening' })
  open(@CurrentUser() actor: AuthUser, @Body() dto: OpenNeedsSurveyDto, @Req() request: FastifyRequest) {
    return this.surveys.open(actor, dto, request.ip ?? null);
  }

  @ApiOperation({ summary: 'The needs surveys open today that ask me (about myself and my direct reports)' })
  @Get('me/needs-surveys')
  @ApiOkResponse({ type: MyNeedsSurveysView })
  mine(@CurrentUser() actor: AuthUser) {
    return this.surveys.mine(actor);
  }

  @ApiOperation({ summary: 'Answer a needs survey (about yourself, a direct report, or from a paper sheet)' })
  @Post('needs-surveys/:id/answers')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: NeedsAnswerResultView, description: 'Saved; sending the same answers again changes nothing' })
  @ApiForbiddenResponse({ description: 'Answers for someone else (or paper sheets outside your agencies)' })
  @ApiNotFoundResponse({ description: 'No such survey' })
  @ApiConflictResponse({ description: 'Outside the survey’s window' })
  @ApiUnprocessableEntityResponse({
    description: 'Someone the survey does not ask, or competencies the position does not require',
  })
  answer(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: NeedsAnswerDto,
    @Req() request: FastifyRequest,
  ) {
    return this.surveys.answer(actor, id, dto, request.ip ?? null);
  }

  @ApiOperation({ summary: 'The needs report: the survey beside the certificate-based gaps, per competency' })
  @Get('needs-surveys/:id/report')
  @Roles('hr_officer', 'admin')
  @ApiOkResponse({ type: NeedsReportView })
  @ApiNotFoundResponse({ description: 'No such survey within your agencies' })
  @ApiUnprocessableEntityResponse({ description: 'agencyId is not within the survey’s agency' })
  report(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: NeedsReportQuery,
  ) {
    return this.surveys.report(actor, id, query.agencyId);
  }

  @ApiOperation({ summary: 'The needs report as CSV' })
  @Get('needs-surveys/:id/report.csv')
  @Roles('hr_officer', 'admin')
  @Header('content-type', 'text/csv; charset=utf-8; header=present')
  @Header('content-disposition', 'attachment; filename="needs-report.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'One row per competency',
    content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiNotFoundResponse({ description: 'No such survey within your agencies' })
  reportCsv(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: NeedsReportQuery,
  ) {
    return this.surveys.reportCsv(actor, id, query.agencyId);
  }
}

import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser } from '@chadavkhi/identity';
import { CommentPageView, CommentView, CreateCommentDto } from '@chadavkhi/knowledge';
import { DESCRIBED_BY, OpenDataCsv } from '@chadavkhi/accountability';
import { PageQuery, Public } from '@chadavkhi/platform';
import { PublishedPlansView, PublishedPlanView } from './dto/plan-open-data.view';
import { PlanOpenDataService } from './plan-open-data.service';

const NOT_PUBLISHED = 'No approved plan has this id';

@ApiTags('open-data')
@Controller('open-data')
export class PlanOpenDataController {
  constructor(private readonly openData: PlanOpenDataService) {}

  @ApiOperation({ summary: 'Get the approved capacity-building plans with plan vs actual' })
  @Get('capacity-plans.json')
  @Public()
  @Header('cache-control', 'public, max-age=600')
  @Header('access-control-allow-origin', '*')
  @Header('link', DESCRIBED_BY)
  @ApiOkResponse({ type: PublishedPlansView, description: 'No personal data; small groups withheld' })
  plans() {
    return this.openData.plans();
  }

  @ApiOperation({ summary: 'Download the approved plans as CSV' })
  @Get('capacity-plans.csv')
  @Public()
  @OpenDataCsv('capacity-plans.csv')
  plansCsv() {
    return this.openData.plansCsv();
  }

  @ApiOperation({ summary: 'Download the approved plans’ lines with plan vs actual as CSV' })
  @Get('capacity-plan-lines.csv')
  @Public()
  @OpenDataCsv('capacity-plan-lines.csv')
  linesCsv() {
    return this.openData.linesCsv();
  }

  @ApiOperation({ summary: 'Get one approved plan with its lines and plan vs actual' })
  @Get('plans/:id')
  @Public()
  @Header('cache-control', 'public, max-age=60')
  @Header('access-control-allow-origin', '*')
  @ApiOkResponse({ type: PublishedPlanView })
  @ApiNotFoundResponse({ description: NOT_PUBLISHED })
  plan(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.openData.plan(id);
  }

  @ApiOperation({ summary: 'Comment on an approved plan (the agency must answer within the deadline)' })
  @Post('plans/:id/comments')
  @Public()
  @ApiCreatedResponse({ type: CommentView, description: 'The comment with its response deadline' })
  @ApiNotFoundResponse({ description: NOT_PUBLISHED })
  @ApiUnprocessableEntityResponse({ description: 'The name or the text is empty once markup is removed' })
  @ApiTooManyRequestsResponse({ description: 'Too many comments from this address this hour' })
  comment(
    @CurrentUser() caller: AuthUser | undefined,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: CreateCommentDto,
    @Req() request: FastifyRequest,
  ) {
    return this.openData.comment(caller ?? null, id, dto, request.ip);
  }

  @ApiOperation({ summary: 'List the comments on an approved plan and the agency’s answers' })
  @Get('plans/:id/comments')
  @Public()
  @ApiOkResponse({ type: CommentPageView, description: 'Oldest first' })
  @ApiNotFoundResponse({ description: NOT_PUBLISHED })
  comments(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: PageQuery) {
    return this.openData.commentsOn(id, query);
  }
}

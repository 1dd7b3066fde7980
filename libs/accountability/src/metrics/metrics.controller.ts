import { Controller, Get, Header, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { AppConfig, Public } from '@chadavkhi/platform';
import { OPEN_DATA_COLUMNS, OpenDataService, SMALL_GROUP } from '../open-data/open-data.service';
import { DataPackageView, OpenDataView } from '../open-data/dto/open-data.view';
import { DESCRIBED_BY, OpenDataCsv } from '../open-data/open-data-csv.decorator';
import { AgencyFiguresView, MetricsHistoryView } from './dto/agency-metrics.view';
import { MetricsHistoryQuery } from './dto/metrics-history.query';
import { MetricsOnQuery } from './dto/metrics-on.query';
import { MetricsService } from './metrics.service';

/** Each open-data file points at the descriptor that says what its columns mean (RFC 8288). */
const NO_AGENCY = 'No agency has this id';
const OUTSIDE = 'The agency is outside the agencies you manage';

@ApiTags('metrics')
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly openData: OpenDataService,
    private readonly config: AppConfig,
  ) {}

  @ApiOperation({ summary: "Get the agency's figures and data quality" })
  @Get('agencies/:id/metrics')
  @ApiBearerAuth()
  @Roles('hr_officer', 'admin')
  @ApiOkResponse({
    type: AgencyFiguresView,
    description:
      "The agency's figures over its subtree, and each direct sub-agency's, with data quality (share of people whose record has a registration number, position, supervisor, e-mail). With `on`, also `headcountOn` for each: the headcount (subtree and own people) on that day from the position history; every other figure is the current one",
  })
  @ApiNotFoundResponse({ description: NO_AGENCY })
  @ApiForbiddenResponse({ description: OUTSIDE })
  @ApiUnprocessableEntityResponse({ description: '`on` is not a calendar date, or is after today' })
  forAgency(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) agencyId: string,
    @Query() query: MetricsOnQuery,
  ) {
    return this.metrics.forAgency(actor, agencyId, query.on);
  }

  @ApiOperation({ summary: "Get the agency's daily figures history" })
  @Get('agencies/:id/metrics/history')
  @ApiBearerAuth()
  @Roles('hr_officer', 'admin')
  @ApiOkResponse({
    type: MetricsHistoryView,
    description: 'Daily figures (one snapshot a day, Ulaanbaatar time) for charts',
  })
  @ApiNotFoundResponse({ description: NO_AGENCY })
  @ApiForbiddenResponse({ description: OUTSIDE })
  history(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) agencyId: string,
    @Query() query: MetricsHistoryQuery,
  ) {
    return this.metrics.history(actor, agencyId, query.days);
  }

  @ApiOperation({ summary: 'Describe the open data as a data package' })
  @Get('open-data/datapackage.json')
  @Public()
  @Header('cache-control', 'public, max-age=600')
  @Header('access-control-allow-origin', '*')
  @ApiOkResponse({
    type: DataPackageView,
    description:
      'The open data as a Frictionless Data Package (tabular-data-package): each column of the CSV with its type, meaning and unit, the key and the tree, licence (CC BY 4.0), publisher, sources and when the figures last changed',
  })
  dataPackage() {
    return this.openData.dataPackage(this.config.CERT_ISSUER_NAME, this.config.PUBLIC_URL);
  }

  @ApiOperation({ summary: 'Get the open per-agency figures as JSON' })
  @Get('open-data/agency-metrics.json')
  @Public()
  @Header('cache-control', 'public, max-age=600')
  @Header('access-control-allow-origin', '*')
  @Header('link', DESCRIBED_BY)
  @ApiOkResponse({
    type: OpenDataView,
    description: `Per-agency aggregates (columns: ${OPEN_DATA_COLUMNS.join(', ')}); agencies under ${SMALL_GROUP} people are not listed separately`,
  })
  async json(): Promise<OpenDataView> {
    const rows = await this.openData.rows();
    return {
      schema: {
        columns: OPEN_DATA_COLUMNS,
        smallGroupRule: `agencies with fewer than ${SMALL_GROUP} people are counted only in their parent agencies; no difference between published headcounts is 1 to ${SMALL_GROUP - 1} people; a figure is null where it is computed from fewer than ${SMALL_GROUP} people or would let a difference single them out`,
      },
      generatedAt: new Date().toISOString(),
      rows,
    };
  }

  @ApiOperation({ summary: 'Download the open per-agency figures as CSV' })
  @Get('open-data/agency-metrics.csv')
  @Public()
  @OpenDataCsv('agency-metrics.csv')
  csv() {
    return this.openData.csv();
  }
}

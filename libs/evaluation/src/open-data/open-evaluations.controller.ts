import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DESCRIBED_BY, OpenDataCsv, SMALL_GROUP } from '@chadavkhi/accountability';
import { Public } from '@chadavkhi/platform';
import { OPEN_EVALUATION_COLUMNS } from './open-evaluations';
import { OpenEvaluationsService } from './open-evaluations.service';
import { OpenEvaluationsView } from './open-evaluations.view';

const RULE = `a survey's figures are shown only where at least ${SMALL_GROUP} people answered it, and an agency's are withheld too where the government's figure minus the published agencies' would single out fewer than ${SMALL_GROUP}; no names, no single answers, no free text`;

@ApiTags('open-data')
@Public()
@Controller('open-data')
export class OpenEvaluationsController {
  constructor(private readonly open: OpenEvaluationsService) {}

  @ApiOperation({ summary: 'Get the open course evaluations as JSON' })
  @Get('course-evaluations.json')
  @Header('cache-control', 'public, max-age=600')
  @Header('access-control-allow-origin', '*')
  @Header('link', DESCRIBED_BY)
  @ApiOkResponse({
    type: OpenEvaluationsView,
    description: `Per course, for the government and each agency directly under it: survey respondents, mean ratings and the share applying the training three months on (columns: ${OPEN_EVALUATION_COLUMNS.join(', ')})`,
  })
  async json(): Promise<OpenEvaluationsView> {
    return {
      schema: { columns: [...OPEN_EVALUATION_COLUMNS], smallGroupRule: RULE },
      generatedAt: new Date().toISOString(),
      rows: await this.open.rows(),
    };
  }

  @ApiOperation({ summary: 'Download the open course evaluations as CSV' })
  @Get('course-evaluations.csv')
  @OpenDataCsv('course-evaluations.csv')
  csv() {
    return this.open.csv();
  }
}

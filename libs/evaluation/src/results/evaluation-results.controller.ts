import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { EvaluationResultsView } from './dto/evaluation-results.view';
import { EvaluationResultsQuery } from './dto/results.query';
import { EvaluationResultsService } from './evaluation-results.service';

@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('evaluation/results')
export class EvaluationResultsController {
  constructor(private readonly results: EvaluationResultsService) {}

  @ApiOperation({ summary: "A course's evaluation results within an agency subtree" })
  @Get()
  @Roles('hr_officer', 'admin', 'trainer')
  @ApiOkResponse({
    type: EvaluationResultsView,
    description: 'Per survey: overall, per course version, trainer and agency; groups below the threshold left out',
  })
  @ApiForbiddenResponse({ description: 'An agency outside yours, or (a trainer) a course that is not yours' })
  forCourse(@CurrentUser() actor: AuthUser, @Query() query: EvaluationResultsQuery) {
    return this.results.forCourse(actor, query);
  }
}

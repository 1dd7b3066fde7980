import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { QuizResultsService } from './quiz-results.service';

@ApiTags('quizzes')
@ApiBearerAuth()
@Controller('quizzes')
export class QuizResultsController {
  constructor(private readonly results: QuizResultsService) {}

  @Get(':id/results')
  @Roles('trainer', 'admin')
  @ApiOkResponse({ description: 'Pass rate, mean score, and per question: difficulty, discrimination and a flag' })
  get(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) quizId: string) {
    return this.results.results(actor, quizId);
  }
}
